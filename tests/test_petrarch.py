"""Importing PETRARCH dictionaries: each syntax feature, each skipped-with-reason path, real files.

The dictionary snippets are written here for the tests, in the PETRARCH formats.
"""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest
import yaml

from coder import Coder
from coder.codebook.load import check_codebook
from coder.codebook.model import Codebook
from coder.codebook.petrarch import ImportReport, import_petrarch
from coder.codebook.syntax import parse_pattern

SHARED = Path(__file__).parents[2] / "shared" / "data"
DICTIONARIES = SHARED / "petrarch" / "dictionaries"


def _write(folder: Path, name: str, text: str | None) -> Path | None:
    if text is None:
        return None
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def _import(
    tmp_path: Path,
    verbs: str | None = None,
    actors: str | None = None,
    agents: str | None = None,
    discards: str | None = None,
    issues: str | None = None,
) -> tuple[Codebook, ImportReport, str]:
    """Import snippets, load the YAML with the real loader and insist on zero errors."""
    actor_file = _write(tmp_path, "T.actors.txt", actors)
    text, report = import_petrarch(
        _write(tmp_path, "T.verbs.txt", verbs),
        [actor_file] if actor_file else [],
        _write(tmp_path, "T.agents.txt", agents),
        _write(tmp_path, "T.discards.txt", discards),
        _write(tmp_path, "T.issues.txt", issues),
    )
    out = tmp_path / "out.yaml"
    out.write_text(text, encoding="utf-8")
    book, problems = check_codebook(out)
    assert book is not None, [str(p) for p in problems if p.is_error]
    return book, report, text


def _patterns(book: Codebook) -> dict[str, tuple[str, str]]:
    return {p.id: (p.text, p.code) for p in book.patterns}


def _skipped(report: ImportReport, reason: str) -> list[tuple[str, int, str]]:
    return [s for s in report.skipped if s[2].startswith(reason)]


def _actor(book: Codebook, name: str):
    return next(a for a in book.actors if name in a.names)


# -- verbs -------------------------------------------------------------------------------------------

BLOCKS = """
    <!-- a test verb dictionary -->
    --- PRAISE  [051] ---
    PRAISE   # the bare verb codes 051
    LAUD
    +EXTOL_LOUDLY
    HAIL_+BACK [052]
    - * EFFORTS_OF $ BY + [053]
    - * ^ OVER +  [054]

    --- PONDER [---] ---
    PONDER {PONDERS PONDERED PONDERING PONDERAT}
    - * TRUCE  [014]
"""


def test_bare_verbs_get_their_block_or_own_code(tmp_path: Path) -> None:
    book, _, _ = _import(tmp_path, BLOCKS)
    patterns = _patterns(book)
    assert patterns["praise.0"] == ("{source} praise {target:any?}", "051")
    assert patterns["laud.0"] == ("{source} laud {target:any?}", "051")
    assert patterns["extol_loudly.0"] == ("{source} extol loudly {target:any?}", "051")
    assert patterns["hail_back.0"] == ("{source} hail back {target:any?}", "052")
    assert not any(i.startswith("ponder.0") for i in patterns)  # [---]: the bare verb codes nothing


def test_block_patterns_use_a_class_of_the_blocks_verbs(tmp_path: Path) -> None:
    book, _, _ = _import(tmp_path, BLOCKS)
    assert book.classes["PRAISE_VERBS"] == ("praise", "laud", "extol loudly", "hail back")
    patterns = _patterns(book)
    assert patterns["praise.1"] == (
        "@PRAISE_VERBS =efforts+=of {source:any} =by {target:any}",
        "053",
    )  # `_` joins: side by side
    assert patterns["praise.2"] == ("{source} @PRAISE_VERBS ^ =over {target:any}", "054")


def test_single_verb_block_writes_the_verb_and_its_irregular_forms(tmp_path: Path) -> None:
    book, _, _ = _import(tmp_path, BLOCKS)
    assert _patterns(book)["ponder.1"] == ("{source} ponder =truce {target:any?}", "014")
    assert book.verbs == {"ponder": ("ponderat",)}  # only forms the built-in inflection lacks


def test_only_the_words_inside_the_braces_are_verb_forms(tmp_path: Path) -> None:
    verbs = """
        --- WRENCH  [180] ---
        WRENCH {WRENCHES WRENCHT};ed 3/4/95
        +SPLIT_OFF {+SPLAT_OFF , +SPLITS_OFF}
    """
    book, _, _ = _import(tmp_path, verbs)
    # a comment after the braces and the commas between forms are not forms ("," would match every comma)
    assert book.verbs == {"wrench": ("wrencht",), "split": ("splat",)}


def test_default_slots_go_next_to_the_verb_and_at_the_edge(tmp_path: Path) -> None:
    verbs = """
        --- URGE [---] ---
        URGE
        - SAID * DISARM  [024]
    """
    book, _, _ = _import(tmp_path, verbs)
    ids = [p.id for p in book.patterns]
    patterns = _patterns(book)
    assert patterns["urge.1.subj.obj"][0] == "=said {source} urge {target:any?} =disarm"
    assert patterns["urge.1.subj"][0] == "=said {source} urge =disarm {target:any?}"
    assert patterns["urge.1.obj"][0] == "{source} =said urge {target:any?} =disarm"
    assert patterns["urge.1"][0] == "{source} =said urge =disarm {target:any?}"
    assert ids.index("urge.1.subj.obj") < ids.index("urge.1")  # the verb-near variants win ties


def test_a_default_target_may_stand_in_the_noun_phrase_a_pattern_skips(tmp_path: Path) -> None:
    verbs = """
        --- ATTEND [042] ---
        ATTEND
        - * SUMMIT (IN ^) (ON)  [043]
        - * TALKS (OF ^)  [044]
    """
    actors = """
        NARNIA  [NAR]
        CALORMEN  [CAL]
        TELMAR  [TEL]
    """
    book, _, _ = _import(tmp_path, verbs, actors)
    patterns = _patterns(book)
    assert patterns["attend.1.np"][0] == "{source} attend =summit =in {target:any?} =on"
    assert "attend.2.np" not in patterns  # a skipped phrase at the end already comes before the edge
    events = Coder(book).code_sentence("Narnia attended a summit in Calormen on the unrest in Telmar.")
    assert {(e.source_code, e.target_code, e.event_code) for e in events} == {("NAR", "CAL", "043")}


def test_synsets_become_classes_with_nested_sets_flattened(tmp_path: Path) -> None:
    verbs = """
        &FRUIT
        +APPLE
        +BLOOD_ORANGE_
        &FOOD_
        +BREAD
        +&FRUIT

        --- EAT [---] ---
        EAT
        - * &FOOD  [057]
        - * &DRINK  [057]
    """
    book, report, _ = _import(tmp_path, verbs)
    assert book.classes["FRUIT"] == ("apple", "blood orange")
    assert book.classes["FOOD"] == ("bread", "apple", "blood orange")
    assert _patterns(book)["eat.1"] == ("{source} eat @FOOD {target:any?}", "057")
    assert [s[1] for s in _skipped(report, "undefined synset")] == [11]


def test_null_pattern_gets_the_null_code(tmp_path: Path) -> None:
    verbs = """
        --- SHOUT [010] ---
        SHOUT
        - * LOUDLY [---]

        --- MUMBLE [---] ---
        MUMBLE
        - * QUIETLY [---]
    """
    book, report, _ = _import(tmp_path, verbs)
    assert _patterns(book)["shout.1"] == ("{source} shout =loudly {target:any?}", "---")
    assert _patterns(book)["mumble.1"] == ("{source} mumble =quietly {target:any?}", "---")
    assert "mumble.0" not in _patterns(book)  # a verb without a code gives no pattern of its own
    assert not _skipped(report, "null code")


def test_paired_codes_symmetric_swapped_and_reverse(tmp_path: Path) -> None:
    verbs = """
        --- GREET [031:031] ---
        GREET
        - * WARMLY [042:043]
        - * BACK  [:036]
    """
    book, report, _ = _import(tmp_path, verbs)
    by_id = {p.id: p for p in book.patterns}
    assert by_id["greet.0"].symmetric and by_id["greet.0"].code == "031"
    assert (by_id["greet.1"].code, by_id["greet.1"].symmetric, by_id["greet.1"].reverse) == ("042", False, "043")
    assert (by_id["greet.2"].text, by_id["greet.2"].code) == ("{target:any} greet =back {source:any}", "036")
    assert not report.skipped


def test_codes_outside_cameo_are_kept_and_allowed(tmp_path: Path) -> None:
    verbs = """
        --- WAVE [062A] ---
        WAVE
        - * FLAG  [903]
        - * HAND  [022]
        - * HAT  [02?]
    """
    book, report, text = _import(tmp_path, verbs)
    assert 'unknown_codes: "allow"' in text and book.open_codes
    codes = {k: v[1] for k, v in _patterns(book).items()}
    assert (codes["wave.0"], codes["wave.1"], codes["wave.2"]) == ("062A", "903", "022")
    assert [s[2] for s in _skipped(report, "not an event code")] == ["not an event code: 02?"]


def test_compound_actor_becomes_a_slot_and_pairs_with_a_symmetric_code(tmp_path: Path) -> None:
    verbs = """
        --- CONCUR [---] ---
        CONCUR
        - % *  [030:030]
        - * WITH %  [031]
        - $ % *  [032]
    """
    book, report, _ = _import(tmp_path, verbs)
    by_id = {p.id: p for p in book.patterns}
    assert (by_id["concur.1"].text, by_id["concur.1"].symmetric) == ("{source} concur {target:any?}", True)
    assert by_id["concur.2"].text == "{source} concur =with {target:any}"
    assert [s[1] for s in _skipped(report, "compound actor %")] == [5]


def test_patterns_we_cannot_write_are_reported(tmp_path: Path) -> None:
    verbs = """
        --- SCOLD [---] ---
        SCOLD
        - * {HARSHLY SEVERELY}  [111]
        - $ + *  [111]
        - * THEM  [111]
        - * THEM  [112]
        - $ * TO $  [111]
        - * &ANGER  [111]
        - * "SHARPLY"  [111]
        - * SEVERELY
    """
    book, report, _ = _import(tmp_path, verbs)
    assert [s[1] for s in _skipped(report, "TABARI disjunction")] == [3]
    assert [s[1] for s in _skipped(report, "two actors side by side")] == [4]
    assert [s[1] for s in _skipped(report, "same words as a later pattern")] == [5]
    assert [s[1] for s in _skipped(report, "slot twice")] == [7]
    assert [s[1] for s in _skipped(report, "undefined synset")] == [8]
    assert [s[1] for s in _skipped(report, "cannot be written as a pattern")] == [9]
    assert [s[1] for s in _skipped(report, "pattern without a [code]")] == [10]
    assert _patterns(book)["scold.4"] == ("{source} scold =them {target:any?}", "112")


def test_verb_file_oddities_are_reported(tmp_path: Path) -> None:
    verbs = """
        - * ORPHAN  [010]
        &EMPTY
        &HOLDER
        +&MISSING
        --- FIRST [010] ---
        FIRST
        - * AGAIN  [011]
        --- SECOND [012] ---
        SECOND
        FIRST
        [013]
    """
    _, report, _ = _import(tmp_path, verbs)
    lines = {reason: [s[1] for s in _skipped(report, reason)] for reason in (
        "pattern outside a verb block", "undefined synset", "empty synset", "verb listed again",
        "pattern of a block with no verb left", "verb line without a verb",
    )}  # fmt: skip
    assert lines == {
        "pattern outside a verb block": [1],
        "undefined synset": [4],
        "empty synset": [2, 3],
        "verb listed again": [6],
        "pattern of a block with no verb left": [7],
        "verb line without a verb": [11],
    }


def test_a_verb_listed_twice_belongs_to_the_later_block(tmp_path: Path) -> None:
    verbs = """
        --- SCORN [111] ---
        SCORN
        SNUB

        --- IGNORE [120] ---
        IGNORE
        SNUB
    """
    book, report, _ = _import(tmp_path, verbs)
    assert _patterns(book)["snub.0"][1] == "120"
    assert [s[1] for s in _skipped(report, "verb listed again")] == [3]


def test_petrarch2_phrases_become_word_sequences(tmp_path: Path) -> None:
    verbs = """
        ---  ROW   [---]  ---
        ROW
        - * (ACROSS {WIDE RIVER})  [036]
        - * (TOWARD  [036]
        ~ a (a b ROW) SAY = a b 010
    """
    book, report, _ = _import(tmp_path, verbs)
    assert _patterns(book)["row.1"] == ("{source} row =across =wide =river {target:any?}", "036")
    assert [s[1] for s in _skipped(report, "unbalanced")] == [4]


def test_petrarch2_transformations_become_rules(tmp_path: Path) -> None:
    verbs = """
        ---  SPEAK   [010]  ---
        VOICE
        SPEAK
        ---  STRIKE   [190]  ---
        STRIKE
        ---  SLAY   [186]  ---
        SLAY
        ---  TRY   [---]  ---
        TRY
        ~ a (b . STRIKE) SPEAK = a b 112
        ~ a (_ b SLAY) TRY = a b 185   # a comment
        ~ a (a b Q) SPEAK = a b Q
        ~ a (c b STRIKE) SPEAK = a b 112
        ~ a (_ b TRY) SPEAK = a b 185
        ~ a (_ b NOVERB) SPEAK = a b 185
    """
    book, report, _ = _import(tmp_path, verbs)
    rules = [
        (t.verbs[0].value, t.inner_source, t.inner_target, t.inner_code, t.source, t.target, t.code)
        for t in book.transformations
    ]
    assert rules == [
        ("VOICE_VERBS", "b", ".", "19", "a", "b", "112"),  # the block's verbs; 190 is the 19 family
        ("try", "_", "b", "186", "a", "b", "185"),
        ("VOICE_VERBS", "a", "b", "Q", "a", "b", "Q"),
    ]
    assert [s[1] for s in _skipped(report, "transformation with an unknown variable")] == [13]
    assert [s[1] for s in _skipped(report, "transformation of a verb without a code")] == [14]
    assert [s[1] for s in _skipped(report, "transformation of a verb not in the dictionary")] == [15]


COMBINING_VERBS = """
    ---  AGREE   [050]  ---
    AGREE
    - * (WITH)  [030]
    ---  WANT   [030]  ---
    WANT
    ---  HELP   [070]  ---
    HELP
    ---  EXPEL   [174]  ---
    EXPEL
    ---  PRAISE   [051]  ---
    PRAISE
"""


def test_petrarch2_combines_a_verb_with_its_infinitive_complement(tmp_path: Path) -> None:
    book, _, _ = _import(tmp_path, COMBINING_VERBS, CODING_ACTORS)
    rules = {t.id: (t.verbs[0].value, t.inner_source, t.inner_code, t.code) for t in book.transformations}
    assert rules["combination.05.17"] == ("CODED_05_VERBS", "_", "17", "Q")  # 17 ranks above 05
    assert rules["combination.03.07"] == ("CODED_03_VERBS", "_", "07", "033")  # intend + aid
    assert "combination.05.07" not in rules  # 05 + 07 is no code: the verb's own code stays

    def rows(text: str) -> set[tuple[str, str, str]]:
        return {(e.source_code, e.target_code, e.event_code) for e in Coder(book).code_sentence(text)}

    assert rows("Narnia agreed to expel Calormen.") == {("NAR", "CAL", "174")}
    assert rows("Narnia wants to help Calormen.") == {("NAR", "CAL", "033")}
    assert rows("Narnia wants to praise Calormen.") == {("NAR", "CAL", "032")}
    assert rows("Narnia agreed to help Calormen.") == {("NAR", "CAL", "050")}
    # no infinitive: the participle is no complement of the verb
    assert rows("Narnia agreed to talks, expelling Calormen.") == {("NAR", "CAL", "050")}


def test_petrarch1_dictionaries_get_no_combinations(tmp_path: Path) -> None:
    book, _, _ = _import(tmp_path, COMBINING_VERBS.replace("(WITH)", "WITH"), CODING_ACTORS)
    assert book.transformations == []
    assert book.negated == {}  # nor PETRARCH-2's negated codes


def test_petrarch2_codes_a_negated_yielding_as_a_refusal(tmp_path: Path) -> None:
    verbs = COMBINING_VERBS + "    ---  ALLOW   [080]  ---\n    ALLOW\n"
    book, _, _ = _import(tmp_path, verbs, CODING_ACTORS)
    assert book.negated["080"] == "124" and book.negated["060"] == "121"

    def rows(text: str) -> set[tuple[str, str, str]]:
        return {(e.source_code, e.target_code, e.event_code) for e in Coder(book).code_sentence(text)}

    assert rows("Narnia allowed Calormen in.") == {("NAR", "CAL", "080")}
    assert rows("Narnia would not allow Calormen in.") == {("NAR", "CAL", "124")}
    assert rows("Narnia would not help Calormen.") == set()  # no CAMEO refusal of aid in PETRARCH-2


# -- actors ------------------------------------------------------------------------------------------

ACTORS = """
    # a test actor dictionary
    NARNIA_  [NAR]  ; comments after a semicolon are TABARI style
    +NARNIAN
    +CAIR_PARAVEL
    WHITE_WITCH  [NARREB]
    THE_LANTERN_WASTE [NARENV]
    IT  [ITN]
    KING_PETER
    +HIGH_KING
    \t[NARELI <19400101]
    \t[NARGOV 19400102-19550101]
    \t[NARREB 19500101-19500110]
    \t[NARELI]
    TUMNUS
    \t[NARCVL >450101]
    LION_OF_ARCHENLAND
    ASLAN [NARGOV]
"""


def test_actors_names_codes_and_countries(tmp_path: Path) -> None:
    book, _, _ = _import(tmp_path, actors=ACTORS)
    narnia = _actor(book, "Narnia")
    assert (narnia.kind, narnia.names) == ("country", ("Narnia", "Narnian", "Cair Paravel"))
    assert _actor(book, "White Witch").codes[0].code == "NARREB"
    assert _actor(book, "the Lantern Waste").kind == "actor"
    assert _actor(book, "IT").codes[0].code == "ITN"  # an English word stays in capitals


def test_date_restrictions_resolve_as_petrarch_does(tmp_path: Path) -> None:
    book, _, _ = _import(tmp_path, actors=ACTORS)
    peter = _actor(book, "High King")
    spans = [(c.code, c.start, c.end) for c in peter.codes]
    assert spans == [
        ("NARELI", None, date(1940, 1, 1)),
        ("NARGOV", date(1940, 1, 2), date(1955, 1, 1)),  # the earlier restriction wins its overlap
        ("NARELI", date(1955, 1, 2), None),
    ]
    tumnus = _actor(book, "Tumnus")
    assert [(c.code, c.start, c.end) for c in tumnus.codes] == [("NARCVL", date(1945, 1, 1), None)]
    assert peter.code_on(date(1950, 1, 5)) == "NARGOV"


def test_a_codeless_phrase_shares_the_next_entrys_codes(tmp_path: Path) -> None:
    book, _, _ = _import(tmp_path, actors=ACTORS)
    assert _actor(book, "Aslan") is _actor(book, "Lion Of Archenland")


def test_actor_entries_that_cannot_be_converted(tmp_path: Path) -> None:
    actors = """
        CALORMEN [CAL]
        +TASHBAAN
        TASHBAAN [CALGOV]
        PEVENSIES [PTR/SUS/EDM/LUC]
        DEEP_MAGIC [+++]
        STONE_TABLE [---]
        RILIAN
        \t[NARELI 19551301-19560101]
        \t[NARGOV]
        PUDDLEGLUM
        \t[NARCVL >600101]
        \t[###]
    """
    book, report, _ = _import(tmp_path, actors=actors)
    lines = {reason: [s[1] for s in _skipped(report, reason)] for reason in (
        "duplicate name", "not a valid actor code", "null actor code",
        "unreadable date restriction",
    )}  # fmt: skip
    assert lines == {
        "duplicate name": [3],
        "not a valid actor code": [5, 10],
        "null actor code": [6],
        "unreadable date restriction": [8],
    }
    assert _actor(book, "Rilian").codes[0].code == "NARGOV"
    assert _actor(book, "Pevensies").group == ("PTR", "SUS", "EDM", "LUC")  # a compound code: one row each
    assert [(c.code, c.start) for c in _actor(book, "Puddleglum").codes] == [("NARCVL", date(1960, 1, 1))]


def test_a_name_spelt_with_a_final_underscore_wins_over_an_earlier_spelling_without(tmp_path: Path) -> None:
    actors = """
        TIRIAN_THE_ELDER_
        +KING_TIRIAN
        +KING_OF_NARNIA
        \t[NARELI]
        TIRIAN_THE_YOUNGER_
        +KING_TIRIAN_
        +KING_OF_NARNIA
        \t[NARGOV]
        ERLIAN
        +KING_ERLIAN
        \t[NARELI]
    """
    book, report, _ = _import(tmp_path, actors=actors)
    # PETRARCH-1 reads the final `_` as one more word and tries the longer phrase first
    assert _actor(book, "King Tirian").codes[0].code == "NARGOV"
    assert _actor(book, "King Of Narnia").codes[0].code == "NARELI"  # no `_`: the first keeps it
    assert [s[1] for s in _skipped(report, "duplicate name")] == [2, 7]


def test_actor_file_oddities_are_reported(tmp_path: Path) -> None:
    actors = """
        MR_TUMNUS [NARCVL]
        \tnot a code
        FAUN\ufffdS_HOME [NAR]
        +FAUN_HOME
        LAMP_POST
    """
    book, report, _ = _import(tmp_path, actors=actors)
    assert [s[1] for s in _skipped(report, "date restriction without a code")] == [2]
    assert [s[1] for s in _skipped(report, "unreadable character in name")] == [3]
    assert [s[1] for s in _skipped(report, "actor without a code")] == [5]
    assert _actor(book, "Faun Home").codes[0].code == "NAR"


# -- agents, discards, issues ----------------------------------------------------------------------------


def test_agent_file_oddities_are_reported(tmp_path: Path) -> None:
    agents = """
        DRYAD [~SPR]
        DRYAD [~CVL]
        NAIAD
        !NYMPH!_QUEEN [~SPR]
    """
    book, report, _ = _import(tmp_path, agents=agents)
    assert [a.code for a in book.agents] == ["SPR"]
    assert [s[1] for s in _skipped(report, "agent phrase already has a code")] == [2]
    assert [s[1] for s in _skipped(report, "agent without a [code]")] == [3]
    assert [s[2] for s in _skipped(report, "undefined substitution")] == ["undefined substitution: !NYMPH!"]


def test_agents_append_codes_with_plurals_and_substitutions(tmp_path: Path) -> None:
    agents = """
        !FAUN! = FAUN, FAUNS, SATYR
        TREE_SPIRIT {TREE_SPIRITS_OF_OLD} [~SPR]
        MARSH-WIGGLE {} [ ~CVL]
        WOOD!FAUN! [~SPR]
        CENTAUR_GUARD [MIL~]
        DWARF [DWF]
        GIANT [~GI]
    """
    book, report, _ = _import(tmp_path, agents=agents)
    words = {a.code: (a.words, a.prepend) for a in book.agents}
    assert words == {
        "SPR": (("=tree spirit", "=tree spirits of old", "woodfaun", "woodfauns", "woodsatyr"), False),
        "CVL": (("=marsh-wiggle",), False),  # `{}`: no plural, so the exact form only
        "MIL": (("centaur guard",), True),  # `[MIL~]` goes before the actor's code
    }
    assert [s[1] for s in _skipped(report, "agent code without ~")] == [6]
    assert [s[1] for s in _skipped(report, "not an agent code")] == [7]


def test_discards_split_story_and_sentence(tmp_path: Path) -> None:
    discards = """
        # sports and fiction
        QUIDDITCH_MATCH
        +BOOK REVIEW   # the whole story
        CROQUET_
    """
    book, _, _ = _import(tmp_path, discards=discards)
    assert book.sentence_discards == ["quidditch match", "croquet"]
    assert book.story_discards == ["book review"]


def test_issues_are_reported_as_skipped(tmp_path: Path) -> None:
    issues = """
        <ISSUE CATEGORY="MAGIC">
        n:wand [WANDS]
        ~toy wand
        </ISSUE>
    """
    _, report, _ = _import(tmp_path, issues=issues)
    assert [s[1] for s in _skipped(report, "issue coding")] == [2, 3]


# -- the YAML itself -----------------------------------------------------------------------------------


def test_every_scalar_is_quoted_so_yaml_reads_text(tmp_path: Path) -> None:
    verbs = """
        --- NO [010] ---
        NO
        ON
    """
    actors = """
        YES [USA]
        OFF_ISLAND
        \t[NOR 19990101-20000101]
    """
    book, report, text = _import(tmp_path, verbs, actors)
    data = yaml.safe_load(text)
    assert data["taxonomy"] == "cameo" and data["codebook"] == "t"
    assert data["events"][0]["code"] == "010"
    assert data["classes"]["NO_VERBS"] == ["no", "on"]
    assert data["actors"][0]["codes"][0] == {"code": "NOR", "from": "1999-01-01", "to": "2000-01-01"}
    assert data["countries"][0] == {"code": "USA", "names": ["YES"]}
    assert report.counts["patterns"] == 2 and report.counts["dated codes"] == 1


def test_comments_name_the_source_lines(tmp_path: Path) -> None:
    _, _, text = _import(tmp_path, BLOCKS, ACTORS)
    assert "# T.verbs.txt:6" in text  # the pattern's line
    assert "# T.actors.txt:2" in text


# -- the real reference dictionaries -------------------------------------------------------------------


def test_real_validation_dictionaries_import_without_errors(tmp_path: Path) -> None:
    if not DICTIONARIES.is_dir():
        pytest.skip(f"reference data folder {SHARED} is absent (it sits beside the checkout in development)")
    text, report = import_petrarch(
        DICTIONARIES / "PETR.Validate.verbs.txt",
        [DICTIONARIES / "PETR.Validate.actors.txt"],
        DICTIONARIES / "PETR.Validate.agents.txt",
        DICTIONARIES / "PETR.Validate.discards.txt",
    )
    out = tmp_path / "petr-validate.yaml"
    out.write_text(text, encoding="utf-8")
    book, problems = check_codebook(out)
    assert book is not None, [str(p) for p in problems if p.is_error][:10]
    assert report.counts["patterns"] > 300 and report.counts["countries"] > 50
    assert "903" in {p.code for p in book.patterns}  # the suite's WEIS codes are kept


# -- coding with an imported codebook: the engine's null, reverse and unknown codes ----------------


CODING_VERBS = """
    --- VISIT [032:033] ---
    VISIT
    - * + SECRETLY  [---]

    --- WAVE [903] ---
    WAVE
"""
CODING_ACTORS = """
    NARNIA  [NAR]
    CALORMEN  [CAL]
"""


def _code(tmp_path: Path, text: str) -> set[tuple[str, str, str]]:
    book, _, _ = _import(tmp_path, CODING_VERBS, CODING_ACTORS)
    return {(e.source_code, e.target_code, e.event_code) for e in Coder(book).code_sentence(text)}


def test_a_reverse_code_gives_an_event_each_way(tmp_path: Path) -> None:
    assert _code(tmp_path, "Narnia visited Calormen on Monday.") == {("NAR", "CAL", "032"), ("CAL", "NAR", "033")}


def test_a_null_pattern_blocks_the_verb_and_codes_nothing(tmp_path: Path) -> None:
    assert _code(tmp_path, "Narnia visited Calormen secretly on Monday.") == set()


def test_a_code_outside_cameo_is_coded(tmp_path: Path) -> None:
    assert _code(tmp_path, "Narnia waved to Calormen.") == {("NAR", "CAL", "903")}


def test_a_verb_listed_as_its_own_entry_owns_that_form(tmp_path: Path) -> None:
    verbs = """
        --- LEAVE [012] ---
        LEAVE

        --- LEFT [032:033] ---
        LEFT
    """
    book, _, _ = _import(tmp_path, verbs, CODING_ACTORS)
    assert _patterns(book)["left.0"] == ("{source} =left {target:any?}", "032")
    events = Coder(book).code_sentence("Narnia left for Calormen on Monday.")
    assert {(e.source_code, e.target_code, e.event_code) for e in events} == {
        ("NAR", "CAL", "032"),
        ("CAL", "NAR", "033"),
    }


def test_the_target_is_the_first_actor_after_the_verb_whatever_the_preposition(tmp_path: Path) -> None:
    assert _code(tmp_path, "Narnia waved at Calormen.") == {("NAR", "CAL", "903")}  # `at` is a place elsewhere
    elements, errors = parse_pattern("{source} wave {target:any}")
    assert not errors and elements[-1].loose
    assert parse_pattern("{source:any} wave {target}")[1] == [
        "'{source:any}': a source may take any actor only after a word ({target:any} anywhere)"
    ]
    assert parse_pattern("{target} receive money from {source:any}")[1] == []


def test_a_compound_actor_codes_one_event_for_each_member(tmp_path: Path) -> None:
    book, _, _ = _import(tmp_path, CODING_VERBS, CODING_ACTORS + "    PEVENSIES  [PTR/SUS]\n")
    events = Coder(book).code_sentence("The Pevensies waved to Calormen.")
    assert {(e.source_code, e.target_code, e.event_code) for e in events} == {
        ("PTR", "CAL", "903"),
        ("SUS", "CAL", "903"),
    }


def test_words_joined_by_an_underscore_must_stand_side_by_side(tmp_path: Path) -> None:
    verbs = """
        --- ABANDON [345] ---
        ABANDON
        - * NEW_TIES [903]
        - * OLD TIES [904]
    """
    book, _, _ = _import(tmp_path, verbs, CODING_ACTORS)
    coder = Coder(book)

    def code(text: str) -> set[str]:
        return {e.event_code for e in coder.code_sentence(text)}

    assert code("Narnia abandoned new ties with Calormen.") == {"903"}
    assert code("Narnia abandoned new trade ties with Calormen.") == {"345"}
    assert code("Narnia abandoned old trade ties with Calormen.") == {"904"}  # a blank lets words stand between
    assert parse_pattern("new+")[1] == ["`+` must join two words: word+word"]


def test_an_agent_without_plurals_matches_its_own_form_only(tmp_path: Path) -> None:
    agents = """
        POLICE {} [~COP]
    """
    book, _, _ = _import(tmp_path, CODING_VERBS, CODING_ACTORS, agents)
    coder = Coder(book)
    assert [e.source_code for e in coder.code_sentence("Narnia police waved to Calormen.")] == ["NARCOP"]
    assert [e.source_code for e in coder.code_sentence("Narnia polices waved to Calormen.")] == ["NAR"]


def test_a_default_target_is_optional_an_explicit_one_is_not(tmp_path: Path) -> None:
    verbs = (
        CODING_VERBS
        + """
    --- GREET [035] ---
    GREET
    - * + WARMLY  [036]
"""
    )
    book, _, _ = _import(tmp_path, verbs, CODING_ACTORS)
    coder = Coder(book)

    def code(text: str, require: str = "source") -> set[tuple[str, str, str]]:
        return {(e.source_code, e.target_code, e.event_code) for e in coder.with_require(require).code_sentence(text)}

    assert code("Narnia waved on Monday.") == {("NAR", "", "903")}  # PETRARCH's `---` target
    assert code("Narnia waved on Monday.", require="both") == set()
    assert code("Narnia greeted warmly.") == {("NAR", "", "035")}  # `+ WARMLY` needs its target
    elements, errors = parse_pattern("{source} wave {target:any?}")
    assert not errors and elements[-1].optional and elements[-1].loose
    assert parse_pattern("{source?} wave")[1] == ["'{source?}': only the target may be optional ({target?})"]


def test_an_agent_phrase_adds_the_codes_of_the_agent_phrases_inside_it(tmp_path: Path) -> None:
    agents = """
        MAIN_OPPOSITION_GROUP [~MOP]
        OPPOSITION_GROUP [~OPP]
        FOREIGN_MINISTER [~GOVFRM]
        MINISTER [~GOV]
        HUMAN_RIGHTS_ACTIVIST [HGM~]
        RIGHTS_ACTIVIST [SGM~]
        RIGHTS_BODY [NGO~]
        RIGHTS_BODY_CHAIR [~GOV]
    """
    book, report, _ = _import(tmp_path, agents=agents)
    codes = {word: (a.code, a.prepend) for a in book.agents for word in a.words}
    assert codes["main opposition group"] == ("MOPOPP", False)  # sorted, as PETRARCH
    assert codes["foreign minister"] == ("GOVFRM", False)  # GOV is already in GOVFRM
    assert codes["human rights activist"] == ("SGMHGM", True)  # the innermost goes in front
    assert "rights body chair" not in codes
    assert [s[1] for s in _skipped(report, "agent phrase with codes before and after")] == [8]


def test_a_prepended_agent_goes_before_a_country_or_an_organisation(tmp_path: Path) -> None:
    agents = """
        RIGHTS_ACTIVIST [HGM~]
        GOVERNMENT [~GOV]
    """
    actors = CODING_ACTORS + "    WHITE_WITCH_SOCIETY  [NGOWWS]\n"
    book, _, _ = _import(tmp_path, CODING_VERBS, actors, agents)
    coder = Coder(book)

    def sources(text: str) -> list[str]:
        return [e.source_code for e in coder.code_sentence(text)]

    assert sources("Narnia rights activists waved to Calormen.") == ["HGMNAR"]
    assert sources("The rights activists of the White Witch Society waved to Calormen.") == ["HGMNGOWWS"]


def test_a_role_that_repeats_the_end_of_the_code_is_added_once(tmp_path: Path) -> None:
    agents = """
        WORLD_GOVERNMENT [~GOVWGO]
    """
    actors = CODING_ACTORS + "    TELMAR_COURT  [TELGOV]\n"
    book, _, _ = _import(tmp_path, CODING_VERBS, actors, agents)
    events = Coder(book).code_sentence("Telmar Court world government waved to Calormen.")
    assert [e.source_code for e in events] == ["TELGOVWGO"]


def test_a_caret_skips_one_noun_phrase_before_the_slot(tmp_path: Path) -> None:
    verbs = """
        --- SCOLD [160] ---
        SCOLD
        - * AT ^ +  [162]
    """
    actors = CODING_ACTORS + "    ARCHENLAND  [ARC]\n"
    book, _, _ = _import(tmp_path, verbs, actors)
    assert _patterns(book)["scold.1"] == ("{source} scold =at ^ {target:any}", "162")
    coder = Coder(book)

    def code(text: str) -> set[tuple[str, str, str]]:
        return {(e.source_code, e.target_code, e.event_code) for e in coder.code_sentence(text)}

    # the phrase after `at` is skipped, Calormen in it included: the target comes after it
    assert code("Narnia scolded at the Calormen embassy over Archenland.") == {("NAR", "ARC", "162")}
    assert code("Narnia scolded at the old palace of Archenland.") == {("NAR", "ARC", "162")}


def test_a_patterns_other_words_match_as_written(tmp_path: Path) -> None:
    verbs = """
        --- DROP [345] ---
        DROP
        - * PLAN  [987]
        - * OVER TREATIES  [121]
    """
    book, _, _ = _import(tmp_path, verbs, CODING_ACTORS)
    coder = Coder(book)

    def code(text: str) -> set[str]:
        return {e.event_code for e in coder.code_sentence(text)}

    assert code("Narnia dropped a plan with Calormen.") == {"987"}
    assert code("Narnia dropped plans with Calormen.") == {"345"}  # `PLAN` is not "plans"
    assert code("Narnia dropped over treaties with Calormen.") == {"121"}
    assert code("Narnia dropped over a treaty with Calormen.") == {"345"}


def test_a_source_after_the_verb_is_the_first_actor_there(tmp_path: Path) -> None:
    verbs = """
        --- RECEIVE [033] ---
        RECEIVE
        - + * GOLD $  [071]
    """
    book, _, _ = _import(tmp_path, verbs, CODING_ACTORS)
    assert _patterns(book)["receive.1"] == ("{target:any} receive =gold {source:any}", "071")
    events = Coder(book).code_sentence("Narnia received gold from Calormen.")
    assert {(e.source_code, e.target_code, e.event_code) for e in events} == {("CAL", "NAR", "071")}


def test_a_compound_subject_cooperating_with_no_target_gives_every_pair(tmp_path: Path) -> None:
    verbs = (
        CODING_VERBS
        + """
    --- CONFER [040] ---
    CONFER
"""
    )
    actors = (
        CODING_ACTORS
        + """
    ARCHENLAND  [ARC]
"""
    )
    book, _, _ = _import(tmp_path, verbs, actors)
    coder = Coder(book)
    got = {
        (e.source_code, e.target_code, e.event_code) for e in coder.code_sentence("Narnia and Archenland conferred.")
    }
    assert got == {("NAR", "ARC", "040"), ("ARC", "NAR", "040")}  # PETRARCH-2 codes 03-06 this way
    got = {(e.source_code, e.target_code) for e in coder.code_sentence("Narnia and Archenland waved.")}
    assert got == set()  # 903 is not cooperation: without a target, nothing under require: both
