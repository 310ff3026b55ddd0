"""ACLED rows: fatalities, actor names and inter codes, interaction."""

from __future__ import annotations

import pytest

from coder.acled import count_fatalities, disorder_types, interaction


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Gunmen attacked the village, killing 12 people.", 12),
        ("At least three civilians were killed in the shelling.", 3),
        ("A soldier was killed and two were wounded.", 1),
        ("Dozens of people died in the clashes.", 12),
        ("Tens were killed, though other reports said 25 people were killed.", 10),
        ("Five people were injured in the explosion.", 0),
        ("Protesters marched peacefully through the capital.", 0),
        ("The clash left 4 fatalities.", 4),
    ],
)
def test_count_fatalities(text: str, expected: int) -> None:
    assert count_fatalities(text) == expected


def test_interaction_puts_the_lower_code_first() -> None:
    assert interaction(7, 1) == "17"
    assert interaction(6, None) == "60"


def test_disorder_types_cover_every_sub_event() -> None:
    types = disorder_types()
    assert len(types) == 25
    assert types["Excessive force against protesters"] == "Political violence; Demonstrations"
    assert types["Peaceful protest"] == "Demonstrations" and types["Agreement"] == "Strategic developments"


def _acled_export(path, rows) -> None:
    import csv

    from coder.acled import ACLED_COLUMNS

    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in ACLED_COLUMNS})


def test_code_format_acled_writes_acled_columns(tmp_path) -> None:
    import csv

    from typer.testing import CliRunner

    from coder.acled import ACLED_COLUMNS
    from coder.cli import app

    note = tmp_path / "note.txt"
    note.write_text(
        "Clashes in Borno\n23 February 2022\n\nOn 23 February 2022, Military Forces of Nigeria clashed "
        "with Boko Haram militants near Maiduguri, killing 5 militants.\n",
        encoding="utf-8",
    )
    out = tmp_path / "acled.csv"
    result = CliRunner().invoke(app, ["code", str(note), "-f", "acled", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0])[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert len(rows) == 1  # the two directions of a clash are one ACLED event
    row = rows[0]
    assert (row["event_type"], row["sub_event_type"], row["disorder_type"]) == (
        "Battles",
        "Armed clash",
        "Political violence",
    )
    # state forces carry the government period of the event's day, as ACLED names them
    assert {row["actor1"], row["actor2"]} == {"Military Forces of Nigeria (2015-2023)", "Rebels (Nigeria)"}
    assert row["interaction"] == "12" and row["fatalities"] == "5" and row["event_date"] == "2022-02-23"
    assert row["country"] == "Nigeria" and row["time_precision"] == "1"


def test_evaluate_format_acled_reports_every_field(tmp_path) -> None:
    import csv
    import json

    from typer.testing import CliRunner

    from coder.cli import app

    path = tmp_path / "export.csv"
    _acled_export(
        path,
        [
            {
                "event_date": "2022-02-23",
                "event_type": "Battles",
                "sub_event_type": "Armed clash",
                "inter1": "1",
                "inter2": "2",
                "interaction": "12",
                "country": "Nigeria",
                "admin1": "Borno",
                "location": "Maiduguri",
                "fatalities": "5",
                "timestamp": "1645747200",
                "notes": "On 23 February 2022, Military Forces of Nigeria clashed with Boko Haram militants near "
                "Maiduguri, killing 5 militants.",
            },
            {
                "event_date": "2022-02-24",
                "event_type": "Protests",
                "sub_event_type": "Peaceful protest",
                "inter1": "6",
                "inter2": "0",
                "interaction": "60",
                "country": "Kenya",
                "admin1": "Nairobi",
                "location": "Nairobi",
                "fatalities": "0",
                "timestamp": "1645747200",
                "notes": "On 24 February 2022, teachers protested in Nairobi.",
            },
        ],
    )
    result = CliRunner().invoke(app, ["evaluate", str(path), "--format", "acled", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) >= {
        "event_type",
        "sub_event_type",
        "inter1",
        "inter2",
        "interaction",
        "event_date",
        "fatalities",
        "country",
        "admin1",
        "location",
        "events_found",
    }
    assert report["event_type"]["accuracy"] >= 0.5 and report["fatalities"]["accuracy"] == 1.0
    assert report["events_found"] >= 0.5
    # --misses names each note with a field coded wrongly, and what was expected
    misses = tmp_path / "misses.jsonl"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[1]["location"] = "Mombasa"  # the note says Nairobi: a miss
    _acled_export(path, rows)
    result = CliRunner().invoke(app, ["evaluate", str(path), "--format", "acled", "--misses", str(misses)])
    assert result.exit_code == 0, result.output
    wrong = [json.loads(line) for line in misses.read_text(encoding="utf-8").splitlines()]
    teachers = [m for m in wrong if m["line"] == 3]
    assert teachers and teachers[0]["wrong"]["location"] == {"expected": "Mombasa", "got": "Nairobi"}


def test_evaluate_format_acled_rejects_other_tables(tmp_path) -> None:
    from typer.testing import CliRunner

    from coder.cli import app

    path = tmp_path / "x.csv"
    path.write_text("text,label\na,b\n")
    result = CliRunner().invoke(app, ["evaluate", str(path), "--format", "acled"])
    assert result.exit_code == 1 and "not an ACLED export" in result.stderr


@pytest.fixture(scope="module")
def acled_coder():
    from coder.pipeline import ACLED_CODEBOOK, Coder

    return Coder(ACLED_CODEBOOK, require="none", policy="rules-only")


def _first_row(coder, note: str, story: str = "2022-06-30") -> dict:
    """Code one ACLED-style note and return its first row (ACLED has one event per note)."""
    from datetime import date

    from coder.acled import acled_rows
    from coder.document import Document

    events, _ = coder.code_document(Document("note", date.fromisoformat(story), "", (note,), "test"))
    rows = acled_rows(events, coder.actors, note, taxonomy=coder.taxonomy)
    assert rows, f"no row for {note!r}"
    return rows[0]


@pytest.mark.parametrize(
    "note, inter1, inter2",
    [
        ("On 3 March 2022, nurses protested in Nairobi over unpaid wages.", 6, 0),
        ("On 4 March 2022, police fired tear gas to disperse teachers protesting in Kampala.", 6, 1),
        ("On 5 March 2022, gunmen shot dead two farmers in their fields near Jos.", 3, 7),
    ],
)
def test_the_event_type_decides_the_usual_sides(acled_coder, note: str, inter1: int, inter2: int) -> None:
    row = _first_row(acled_coder, note)
    assert (row["inter1"], row["inter2"]) == (inter1, inter2), row


def test_a_state_force_outside_its_country_is_external() -> None:
    from coder.acled import AcledActor, abroad

    russia = AcledActor("Military Forces of Russia", 1, "RUS")
    assert abroad(russia, "UKR").inter == 8
    assert abroad(russia, "RUS").inter == 1 and abroad(russia, "").inter == 1
    assert abroad(None, "UKR") is None


@pytest.mark.parametrize(
    "text, day, precision",
    [
        ("On 23 February 2022, soldiers clashed with rebels.", "2022-02-23", "day"),
        ("Around 15 June 2022 (as reported), gunmen abducted a trader.", "2022-06-15", "week"),
        ("Looting: On 3 May 2022, fighters looted shops.", "2022-05-03", "day"),
        ("Soldiers clashed with rebels near the border.", None, "story"),
    ],
)
def test_lead_date_reads_the_date_a_note_opens_with(text: str, day: str | None, precision: str) -> None:
    from datetime import date

    from coder.acled import lead_date

    assert lead_date(text) == (date.fromisoformat(day) if day else None, precision)


def test_the_opening_tag_and_the_fallback_give_a_type() -> None:
    from coder.acled import fallback_type, tagged_type

    assert tagged_type("Property destruction: On 2 May 2022, men burned a car.") == "Looting/property destruction"
    assert tagged_type("On 2 May 2022, men burned a car.") == ""
    assert fallback_type("Two groups of youths were involved in a brawl at the market.") == "Mob violence"
    assert fallback_type("The council met to discuss the budget.") == "Other"


def test_every_note_gets_a_row_dated_by_its_opening(acled_coder) -> None:
    row = _first_row(acled_coder, "On 9 April 2022, a convoy of cars drove slowly through the capital.")
    assert row["event_date"] == "2022-04-09" and row["time_precision"] == 1


def test_a_demonstration_is_coded_at_its_furthest() -> None:
    from coder.acled import _escalated

    rows = [{"sub_event_type": "Peaceful protest"}, {"sub_event_type": "Violent demonstration"}]
    assert _escalated(rows) == [{"sub_event_type": "Violent demonstration"}]


def test_a_doer_named_after_by_is_actor1(acled_coder) -> None:
    row = _first_row(acled_coder, "On 6 May 2022, a trader was abducted by police officers in Lagos.")
    assert row["inter1"] == 1 and row["inter2"] == 7


def test_reports_of_one_event_in_two_documents_give_one_row() -> None:
    from coder.acled import code_acled
    from coder.document import Document
    from coder.pipeline import ACLED_CODEBOOK, Coder, Summary

    coder = Coder(ACLED_CODEBOOK, require="none")
    text = "On 3 March 2022, protesters gathered in Nakuru (Nakuru) to demand lower fuel prices."
    other = "On 4 March 2022, protesters gathered in Nakuru (Nakuru) to demand lower fuel prices."
    documents = [Document(f"d{n}", None, "", (t,), f"d{n}") for n, t in enumerate((text, text, other))]
    summary = Summary()
    rows = [row for batch in code_acled(coder, documents, summary) for row in batch]
    assert [(r["event_date"], r["location"]) for r in rows] == [("2022-03-03", "Nakuru"), ("2022-03-04", "Nakuru")]
    assert [r["event_id_cnty"] for r in rows] == ["KEN1", "KEN2"]
    assert summary.duplicates == 1
    unmerged = [row for batch in code_acled(coder, documents, Summary(), merge=False) for row in batch]
    assert len(unmerged) == 3


def test_acled_rows_on_two_processes_are_the_same_rows() -> None:
    from coder.acled import code_acled
    from coder.document import Document
    from coder.pipeline import ACLED_CODEBOOK, Coder, Summary

    coder = Coder(ACLED_CODEBOOK, require="none")
    texts = [
        "On 3 March 2022, protesters gathered in Nakuru (Nakuru) to demand lower fuel prices.",
        "On 5 March 2022, gunmen killed two farmers near Makurdi (Benue).",
        "On 6 March 2022, soldiers clashed with rebels in Beni (Nord-Kivu), killing four.",
    ] * 30
    documents = [Document(f"d{n}", None, "", (t,), f"d{n}") for n, t in enumerate(texts)]
    one = [row for batch in code_acled(coder, documents, Summary()) for row in batch]
    two = [row for batch in code_acled(coder, documents, Summary(), jobs=2) for row in batch]
    assert len(one) >= 3
    assert one == two


def test_generic_actors_take_the_country_of_the_place() -> None:
    from coder.acled import AcledActor, placed

    names = {"SYR": "Syria"}
    assert placed(AcledActor("Military Forces", 1, ""), "SYR", names) == AcledActor(
        "Military Forces of Syria", 1, "SYR"
    )
    assert placed(AcledActor("Rebels", 2, ""), "SYR", names).name == "Rebels (Syria)"
    named = AcledActor("Islamic State", 2, "")
    assert placed(named, "SYR", names) is named  # a named group keeps its name
    assert placed(AcledActor("Military Forces of Turkey", 8, "TUR"), "SYR", names).name == "Military Forces of Turkey"


@pytest.mark.parametrize(
    "note, expected",
    [
        ("Looting: On 3 May 2022, a shop was looted in Goma.", "Looting/property destruction"),
        ("On 5 March 2022, troops shelled a village near Izium.", "Shelling/artillery/missile attack"),
        ("On 6 March 2022, traders protested in Lagos and burned tyres on the road.", "Violent demonstration"),
        ("On 7 May 2022, the weather was mild in Lagos.", "Other"),
    ],
)
def test_the_rules_decision_on_a_note(acled_coder, note: str, expected: str) -> None:
    from coder.acled import rule_features, rules_type
    from coder.document import Document

    events, _ = acled_coder.code_document(Document("note", None, "", (note,), "test"))
    assert rules_type(events, note) == expected
    token = "rulesub" + expected.replace("/", "").replace(" ", "")
    features = rule_features(events, note, acled_coder.taxonomy)
    assert features.startswith(f"{token} ruleet")
    assert all(f"rulecode{e.event_code.replace('/', '').replace(' ', '')}" in features for e in events)


def test_the_main_event_of_several() -> None:
    from coder.acled import main_event

    assert main_event(["Attack", "Arrests"]) == 0  # the first event stands ...
    assert main_event(["Arrests", "Attack"]) == 1  # ... unless it is a strategic development
    assert main_event(["Looting/property destruction", "Peaceful protest", "Violent demonstration"]) == 2
    assert main_event(["Arrests", "Abduction/forced disappearance"]) == 0  # one detention, read twice
    assert main_event(["Abduction/forced disappearance", "Arrests", "Attack"]) == 0
    assert main_event(["Arrests", "Looting/property destruction"]) == 0


@pytest.mark.parametrize(
    "note, expected",
    [
        ("On 2 May 2022, unidentified militants attacked and killed two soldiers near Ramadi.", "Battles"),
        ("On 3 May 2022, an off-duty soldier was shot and killed by gunmen near Ramadi.", "Violence against civilians"),
        (
            "On 9 June 2022, a former soldier was shot and killed by Taliban in Mazar-e-Sharif.",
            "Violence against civilians",
        ),
        ("On 9 June 2022, gunmen shot and killed a police officer in Irapuato.", "Battles"),
        # remote violence in a fight on the ground is part of the battle
        ("On 9 March 2022, Ukrainian forces fired mortars and small arms at rebel positions near Avdiivka.", "Battles"),
        ("On 9 March 2022, rebels shelled a village near Avdiivka.", "Explosions/Remote violence"),
        (
            "On 9 March 2022, a landmine from previous clashes exploded near Avdiivka, killing a girl.",
            "Explosions/Remote violence",
        ),
        (
            "On 4 May 2022, unidentified militants attacked and killed two farmers near Ramadi.",
            "Violence against civilians",
        ),
    ],
)
def test_an_attack_on_armed_people_is_a_battle(acled_coder, note: str, expected: str) -> None:
    from coder.acled import code_acled, event_types, rules_type
    from coder.document import Document
    from coder.pipeline import Summary

    document = Document("note", None, "", (note,), "test")
    events, _ = acled_coder.code_document(document)
    assert event_types()[rules_type(events, note)] == expected
    rows = [row for batch in code_acled(acled_coder, [document], Summary()) for row in batch]
    assert rows[0]["event_type"] == expected


@pytest.mark.parametrize(
    "note, expected",
    [
        (
            "On 5 June 2022, supporters of a candidate shot and injured a voter in Gulu. [size=no report]",
            "Mob violence",
        ),
        ("On 5 June 2022, youths burned tyres at the market in Gulu. [size=no report]", "Violent demonstration"),
        ("On 5 June 2022, traders met at the market in Gulu. [size=around 30]", "Peaceful protest"),
        ("On 5 June 2022, traders met at the market in Gulu.", "Other"),  # no tag: no demonstration
    ],
)
def test_a_note_with_a_crowd_size_is_a_demonstration(acled_coder, note: str, expected: str) -> None:
    from coder.acled import code_acled, rules_type
    from coder.document import Document
    from coder.pipeline import Summary

    document = Document("note", None, "", (note,), "test")
    events, _ = acled_coder.code_document(document)
    assert rules_type(events, note) == expected
    rows = [row for batch in code_acled(acled_coder, [document], Summary()) for row in batch]
    assert rows[0]["sub_event_type"] == expected


@pytest.mark.parametrize(
    "note, expected",
    [
        ("On 6 January 2022, police officers detained and tortured a teacher in Almaty.", "Attack"),
        ("On 7 March 2022, soldiers looted shops in Goma and shot dead two traders.", "Attack"),
        ("On 8 March 2022, police arrested five men in Goma.", "Arrests"),
    ],
)
def test_violence_outranks_a_strategic_development(acled_coder, note: str, expected: str) -> None:
    from coder.acled import code_acled, rules_type
    from coder.document import Document
    from coder.pipeline import Summary

    document = Document("note", None, "", (note,), "test")
    events, _ = acled_coder.code_document(document)
    assert rules_type(events, note) == expected
    rows = [row for batch in code_acled(acled_coder, [document], Summary()) for row in batch]
    assert rows[0]["sub_event_type"] == expected


@pytest.mark.parametrize(
    "note, expected",
    [
        # the crowd's violence in a later clause makes the demonstration violent ...
        (
            "On 5 June 2022, students demonstrated against short rations at their school in Gulu, "
            "and later that night some of them set a dormitory on fire.",
            "Riots",
        ),
        ("On 9 June 2022, residents held a rally in Kisumu; afterwards the crowd stoned passing cars.", "Riots"),
        ("On 9 June 2022, residents blocked the main road with logs and tyres to protest in Kisumu.", "Riots"),
        ("On 9 June 2022, teachers demonstrated in Kisumu and clashed with the police.", "Riots"),
        # ... a road blocked by a crowd alone, or the clashes a protest is against, are not
        ("On 9 June 2022, residents blocked the main road in Kisumu to protest against power cuts.", "Protests"),
        ("On 9 June 2022, residents protested in Kisumu against clashes between herders.", "Protests"),
        # ... a torchlight march or a protest about a killing is no crowd violence
        ("On 6 June 2022, students held a torchlight march in Gulu against short rations.", "Protests"),
        ("On 7 June 2022, traders protested in Kano against the killing of a colleague.", "Protests"),
        # ... nor burning an effigy, or a name that reads like a verb
        ("On 8 June 2022, party workers protested in Indore and burned an effigy of the minister.", "Protests"),
        ("On 9 June 2022, Burnt Pine residents gathered in Tampa to protest against a new highway.", "Protests"),
    ],
)
def test_a_note_of_crowd_violence_makes_its_demonstration_violent(acled_coder, note: str, expected: str) -> None:
    row = _first_row(acled_coder, note)
    assert row["event_type"] == expected, row
    assert expected != "Riots" or row["sub_event_type"] == "Violent demonstration"


def test_type_tokens_name_the_sub_event_and_event_type(acled_coder) -> None:
    from coder.acled import type_tokens

    assert (
        type_tokens("Air/drone strike", acled_coder.taxonomy) == "rulesubAirdronestrike ruleetExplosionsRemoteviolence"
    )
    assert type_tokens("", acled_coder.taxonomy) == "rulesubnone ruleetnone"


def test_the_month_of_march_is_not_a_march() -> None:
    from coder.acled import fallback_type

    assert fallback_type("On 3 March 2022, the council met.") == "Other"
    assert fallback_type("Students marched to the ministry.") == "Peaceful protest"


def test_state_forces_are_named_with_the_government_period_of_the_day() -> None:
    from datetime import date

    from coder.acled import AcledActor, dated

    names = {"MMR": "Myanmar", "KEN": "Kenya", "ATA": "Antarctica"}
    army = AcledActor("Military Forces of Myanmar", 1, "MMR")
    assert dated(army, date(2020, 5, 1), names).name == "Military Forces of Myanmar (2016-2021)"
    assert dated(army, date(2021, 2, 1), names).name == "Military Forces of Myanmar (2021-)"
    police = AcledActor("Police Forces of Kenya", 8, "KEN")  # abroad: still that state's forces
    assert dated(police, date(2022, 9, 12), names).name == "Police Forces of Kenya (2013-2022)"
    assert dated(police, date(2022, 9, 13), names).name == "Police Forces of Kenya (2022-)"
    # not a state's own forces, no known period, or no day: the plain name
    assert dated(AcledActor("Rebels (Myanmar)", 2, "MMR"), date(2022, 1, 1), names).name == "Rebels (Myanmar)"
    assert dated(AcledActor("Military Forces of Antarctica", 1, "ATA"), date(2022, 1, 1), names).name == (
        "Military Forces of Antarctica"
    )
    assert dated(army, None, names).name == "Military Forces of Myanmar"
    assert dated(army, date(1990, 1, 1), names).name == "Military Forces of Myanmar"


def test_a_battle_with_one_side_named_gets_the_usual_opponent() -> None:
    from coder.acled import AcledActor, fit_roles

    names = {"NGA": "Nigeria"}
    gang = AcledActor("Unidentified Armed Group (Nigeria)", 3, "NGA")
    army = AcledActor("Military Forces of Nigeria", 1, "NGA")
    rebels = AcledActor("Rebels (Nigeria)", 2, "NGA")

    def other(first: AcledActor, text: str, armed: tuple[AcledActor, ...] = ()) -> tuple[str, int]:
        _, second = fit_roles(first, None, "Battles", "Armed clash", "NGA", names, armed, text)
        assert second is not None
        return second.name, second.inter

    assert other(gang, "Gunmen clashed with police officers in Kano.") == ("Police Forces of Nigeria", 1)
    assert other(gang, "Gunmen clashed with soldiers in Kano.") == ("Military Forces of Nigeria", 1)
    assert other(gang, "Two gangs exchanged fire in Kano.") == ("Unidentified Armed Group (Nigeria)", 3)
    assert other(rebels, "Rebels fired on a convoy near Kano.") == ("Military Forces of Nigeria", 1)
    assert other(army, "Soldiers exchanged fire with gunmen.") == ("Unidentified Armed Group (Nigeria)", 3)
    assert other(army, "Soldiers fought rebels.", (army, rebels)) == ("Rebels (Nigeria)", 2)  # named in the note
    # a named second side is kept, and other event types are left alone
    assert fit_roles(gang, army, "Battles", "Armed clash", "NGA", names, (), "")[1] == army
    assert fit_roles(gang, None, "Strategic developments", "Other", "NGA", names, (), "police")[1] is None


def test_state_actor_names_take_acleds_article() -> None:
    from coder.acled import with_article

    assert (
        with_article("Military Forces of Philippines (2016-2022)") == "Military Forces of the Philippines (2016-2022)"
    )
    assert with_article("Police Forces of United Kingdom") == "Police Forces of the United Kingdom"
    assert (
        with_article("Government of Democratic Republic of Congo") == "Government of the Democratic Republic of Congo"
    )
    assert with_article("Protesters (Philippines)") == "Protesters (Philippines)"
    assert with_article("Military Forces of Nigeria") == "Military Forces of Nigeria"


def test_mob_violence_has_a_crowds_other_side_by_what_the_note_tells() -> None:
    from coder.acled import AcledActor, fit_roles

    names = {"NPL": "Nepal"}
    crowd = AcledActor("Rioters (Nepal)", 5, "NPL")

    def other(text: str) -> str:
        second = fit_roles(crowd, None, "Riots", "Mob violence", "NPL", names, (), text)[1]
        assert second is not None
        return second.name

    assert other("A mob beat a man accused of theft.") == "Civilians (Nepal)"
    assert other("A clash broke out between two groups of party cadres.") == "Rioters (Nepal)"
    assert other("Villagers fought with police over a land dispute.") == "Police Forces of Nepal"


def test_property_destruction_is_against_civilians_unless_the_text_names_the_other_side() -> None:
    from coder.acled import AcledActor, fit_roles

    names = {"MMR": "Myanmar"}
    army = AcledActor("Military Forces of Myanmar", 1, "MMR")
    rebels = AcledActor("Rebels (Myanmar)", 2, "MMR")
    looting = ("Strategic developments", "Looting/property destruction", "MMR", names)
    assert fit_roles(army, None, *looting)[1] == AcledActor("Civilians (Myanmar)", 7, "MMR")
    assert fit_roles(army, rebels, *looting)[1] == rebels


def test_an_event_type_model_keeps_the_rules_sub_event_type_of_its_type() -> None:
    from dataclasses import replace as with_fields

    import numpy as np

    from coder.acled import document_types
    from coder.pipeline import ACLED_CODEBOOK, Coder

    class Fixed:  # a model that is sure of one event type
        def __init__(self, label: str) -> None:
            self.classes_ = np.array(["Battles", "Protests", "Riots"])
            self.label = label

        def predict_both_proba(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
            sure = np.array([[float(c == self.label) for c in self.classes_] for _ in texts])
            return sure, np.zeros((len(texts), 0))  # no parent head

    coder = Coder(ACLED_CODEBOOK)
    coder.label_set, coder.model_header, coder.threshold = "acled-event-type", {}, 0.3
    coder.policy = "model-first"
    note = "On 3 May 2022, protesters threw stones at police during a protest in Kisumu. [size=no report]"
    events, _ = coder.code_document(_document(note))
    assert {e.event_code for e in events} & {"Violent demonstration"}
    coder.model = Fixed("Riots")  # the rules' violent demonstration is a riot: it stands
    assert document_types(coder, [note], [events]) == ["Violent demonstration"]
    coder.model = Fixed("Protests")  # no rule event is a protest of another kind: the usual one
    assert document_types(coder, [note], [[with_fields(e, event_code="Violent demonstration") for e in events]]) == [
        "Peaceful protest"
    ]
    coder.model = Fixed("Battles")
    assert document_types(coder, [note], [events]) == ["Armed clash"]


def _document(text: str):  # type: ignore[no-untyped-def]
    from coder.document import Document

    return Document("n1", None, "", (text,), "test")


def test_acled_rows_refuse_a_model_of_other_labels(tmp_path) -> None:
    from typer.testing import CliRunner

    from coder.cli import app
    from coder.pipeline import DEFAULT_MODEL

    note = tmp_path / "note.txt"
    note.write_text("On 2 May 2022, rebels clashed with troops near Goma.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["code", str(note), "-f", "acled", "--model", str(DEFAULT_MODEL)])
    assert result.exit_code == 1 and "cameo-root labels" in result.stderr and "Traceback" not in result.output


def test_an_organisation_is_named_by_the_actor_the_text_matched_not_by_its_shared_code() -> None:
    from coder.acled import _named
    from coder.pipeline import ACLED_CODEBOOK, Coder

    actors = Coder(ACLED_CODEBOOK).actors  # the UN and its agencies all have the code IGOUNO
    assert _named(actors, "the U.N. humanitarian office", "IGOUNO") == "United Nations"
    assert _named(actors, "UNICEF", "IGOUNO") == "UNICEF"
    assert _named(actors, "the U.N.", "NGAREB") == ""  # not an actor of that code


def test_remote_violence_that_hurt_people_is_against_civilians() -> None:
    from coder.acled import AcledActor, fit_roles

    names = {"UKR": "Ukraine"}
    army = AcledActor("Military Forces of Russia", 8, "RUS")
    shelling = ("Explosions/Remote violence", "Shelling/artillery/missile attack", "UKR", names, ())

    def other(text: str) -> str:
        second = fit_roles(army, None, *shelling, text)[1]
        return second.name if second else ""

    assert other("Russian forces shelled Kharkiv, killing two civilians.") == "Civilians (Ukraine)"
    assert other("Russian forces shelled Kharkiv. A man was injured.") == "Civilians (Ukraine)"
    assert other("Russian forces shelled positions near Kharkiv. Casualties unknown.") == ""
    assert other("Russian forces shelled villages near Kharkiv. No casualties were reported.") == ""


def _rows(coder, paragraphs: tuple[str, ...], title: str = "", story: str = "2021-04-18") -> list[dict]:
    from datetime import date

    from coder.acled import batch_rows, country_names
    from coder.document import Document

    document = Document("doc", date.fromisoformat(story), title, paragraphs, "test")
    return batch_rows(coder, [document], country_names(coder.actors))[0][0]


def test_an_article_that_reports_no_event_gets_no_row_but_a_note_does(acled_coder) -> None:
    quiet = "The central bank kept its interest rate unchanged on Tuesday."
    # a note (one paragraph, no title) is an event description: it always gets a row
    [note] = _rows(acled_coder, (quiet,))
    assert (note["sub_event_type"], note["doc_id"], note["method"], note["rule_id"]) == (
        "Other",
        "doc",
        "rule",
        "words",
    )
    # an article (a title and paragraphs) reports events only where the patterns find them
    article = ("Bank holds rates", quiet, "Analysts had expected the decision.")
    assert _rows(acled_coder, article, title="Bank holds rates") == []


def test_an_event_dated_only_by_a_past_year_is_background_not_a_row(acled_coder) -> None:
    article = (
        "Ruritania expels six envoys",
        "Ruritania expelled six diplomats on Sunday.",
        "Officials linked them to an explosion at an arms depot in 2014 that killed two people.",
    )
    rows = _rows(acled_coder, article, title=article[0])
    assert all(r["sub_event_type"] != "Remote explosive/landmine/IED" for r in rows), rows
    # the same blast reported at its own time is an event
    [row] = _rows(acled_coder, ("On 16 October 2014, an explosion at an arms depot in Vrbetice killed two people.",))
    assert row["sub_event_type"] == "Remote explosive/landmine/IED" and row["event_date"] == "2014-10-16"


def test_a_country_that_agrees_is_its_government(acled_coder) -> None:
    row = _first_row(acled_coder, "On 2 May 2022, Kenya and Somalia signed a security agreement in Nairobi.")
    assert row["sub_event_type"] == "Agreement" and row["actor1"].startswith("Government of "), row


def test_calls_and_accusations_are_not_events(acled_coder) -> None:
    called = _rows(
        acled_coder,
        ("AU appeal", "The African Union called for an end to the fighting in Kassala."),
        "AU appeal",
    )
    assert all(r["sub_event_type"] != "Armed clash" for r in called), called
    accused = _rows(
        acled_coder,
        ("Police accused", "Rights groups accused the police of using tear gas on students in Accra last year."),
        "Police accused",
    )
    assert accused == [], accused


def test_a_sub_event_model_with_an_event_type_head_decides_the_type_first() -> None:
    import numpy as np

    from coder.acled import document_types
    from coder.pipeline import ACLED_CODEBOOK, Coder

    class Headed:  # the sub-event scores favour an attack, the event-type head a battle
        classes_ = np.array(["Armed clash", "Attack", "Peaceful protest"])
        parent_classes_ = np.array(["Battles", "Protests", "Violence against civilians"])
        parents = {"Armed clash": "Battles", "Attack": "Violence against civilians", "Peaceful protest": "Protests"}

        def predict_both_proba(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
            return np.array([[0.35, 0.45, 0.2]] * len(texts)), np.array([[0.6, 0.1, 0.3]] * len(texts))

    coder = Coder(ACLED_CODEBOOK)
    coder.label_set, coder.model_header, coder.threshold = "acled-sub-event-type", {}, 0.3
    coder.policy, coder.model = "model-first", Headed()
    assert document_types(coder, ["On 3 May 2022, gunmen shot a man."], [[]]) == ["Armed clash"]
    coder.threshold = 0.7  # the head is not sure enough: the rules decide
    assert document_types(coder, ["On 3 May 2022, gunmen shot a man."], [[]]) == [""]


def test_a_model_decides_the_type_of_a_note_but_not_of_an_article() -> None:
    from datetime import date

    import numpy as np

    from coder.acled import batch_rows, country_names
    from coder.document import Document
    from coder.pipeline import ACLED_CODEBOOK, Coder

    class Sure:  # a model sure that every text is an armed clash
        classes_ = np.array(["Armed clash", "Peaceful protest"])
        parents = None

        def predict_both_proba(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
            return np.array([[1.0, 0.0]] * len(texts)), np.zeros((len(texts), 0))

    coder = Coder(ACLED_CODEBOOK, require="none")
    coder.label_set, coder.model_header, coder.threshold = "acled-sub-event-type", {}, 0.3
    coder.policy, coder.model = "model-first", Sure()
    protest = "On 3 May 2022, nurses protested in Nairobi over unpaid wages."
    note = Document("note", date(2022, 5, 3), "", (protest,), "note")
    article = Document("article", date(2022, 5, 3), "Nurses protest", ("Nurses protest", protest), "article")
    (note_rows, _), (article_rows, _) = batch_rows(coder, [note, article], country_names(coder.actors))
    assert {r["sub_event_type"] for r in note_rows} == {"Armed clash"}  # the model judges a note
    assert {r["sub_event_type"] for r in article_rows} == {"Peaceful protest"}  # an article keeps the rules' types


def test_a_passive_with_an_unknown_doer_is_still_passive(acled_coder) -> None:
    # "fighter" is too generic to be an actor, yet "were killed by fighters" is a passive: the
    # traders are the killed, not the killers of fighters (an Armed clash)
    events = acled_coder.with_require("none").code_text(
        "On 2 January 2022, two traders were killed by fighters near Gao."
    )
    assert [(e.source_code, e.target_code, e.event_code) for e in events] == [("", "---BUS", "Attack")]


def test_explain_shows_the_notes_decisions(acled_coder) -> None:
    from coder.explain import explain_text

    text = explain_text(acled_coder, "On 6 January 2022, police officers detained and tortured a teacher in Almaty.")
    assert "a note (one paragraph, no title)" in text
    assert "rule event: Arrests" in text and "rule event: Attack" in text
    assert "the note's event: rule event 2 as Attack" in text
    assert "row: 2022-01-06 Attack (Violence against civilians): Police Forces of Kazakhstan" in text
    tagged = explain_text(acled_coder, "On 5 June 2022, traders met at the market in Gulu. [size=around 30]")
    assert "crowd-size tag" in tagged and "the rules give: Peaceful protest" in tagged
    article = explain_text(acled_coder, "Clashes in Gulu\n\nOn 9 June 2022, soldiers clashed with rebels in Gulu.")
    assert "an article" in article and "Armed clash (Battles)" in article


@pytest.mark.parametrize(
    "note",
    [
        "On 8 May 2022, a group of villagers captured and tied up two suspected cattle thieves near Kisii.",
        "On 8 May 2022, residents held and tied up their mayor in Kisii over unpaved roads. [size=no report]",
    ],
)
def test_a_crowd_that_captures_or_ties_up_people_is_mob_violence(acled_coder, note: str) -> None:
    assert _first_row(acled_coder, note)["sub_event_type"] == "Mob violence"
