"""Actor phrases: how mentions of countries, actors and role words combine."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coder import Coder
from coder.sentences import tokenize


@pytest.fixture(scope="module")
def coder(mini_codebook: Path) -> Coder:
    return Coder(mini_codebook)


def _chunks(coder: Coder, text: str) -> list[tuple[str, list[str]]]:
    texts = tokenize(text)
    lows = [t.lower() for t in texts]
    return [(" ".join(texts[c.start : c.end]), c.codes) for c in coder.actors.chunks(texts, lows, None)]


def test_a_role_before_its_country_is_not_shared_with_the_actor_before(coder: Coder) -> None:
    assert _chunks(coder, "Turkey and the government of Qatar visited Tripoli.")[0][1] == ["TUR", "QATGOV"]
    assert _chunks(coder, "Turkish and Qatari officials visited Tripoli.")[0][1] == ["TURGOV", "QATGOV"]


def test_a_bare_role_after_and_shares_the_country_of_the_role_before(coder: Coder) -> None:
    assert _chunks(coder, "Turkish journalists and police visited Tripoli.")[0][1] == ["TURMED", "TURCOP"]
    # several role words in a row all add their codes; the later role shares all but the last
    assert _chunks(coder, "Turkish rebel journalists and police visited Tripoli.")[0][1] == ["TURREBMED", "TURREBCOP"]


def test_a_countrys_own_body_is_the_role_not_the_named_actor_of_that_name(coder: Coder) -> None:
    assert _chunks(coder, "Hungary's Senate visited Tripoli.")[0] == ("Hungary 's Senate", ["HUNLEG"])
    assert _chunks(coder, "The Romanian Senate visited Tripoli.")[0][1] == ["ROULEG"]
    assert _chunks(coder, "The Senate visited Tripoli.")[0][1] == ["USALEG"]  # no country: the name


def test_neither_nor_joins_a_compound(coder: Coder) -> None:
    assert _chunks(coder, "Neither Turkey nor Qatar visited Tripoli.")[0] == ("Turkey nor Qatar", ["TUR", "QAT"])
    # even where a pattern starts with "neither" (it opens a compound, not a clause)
    verbs = coder.actors.verbs
    coder.actors.verbs = verbs | {"neither", "visited"}
    try:
        assert _chunks(coder, "Neither Turkey nor Qatar visited Tripoli.")[0][1] == ["TUR", "QAT"]
    finally:
        coder.actors.verbs = verbs


def test_coordinated_modifiers_may_stand_between_a_country_and_its_role(coder: Coder) -> None:
    assert _chunks(coder, "Libya's brave and loyal minister visited Doha.")[0][1] == ["LBYGOV"]


def test_a_role_word_right_after_a_verb_modifies_a_noun_that_is_also_a_verb(coder: Coder) -> None:
    # "visits" is a pattern verb, but after "received" the role word is an object: a modifier
    assert [c for c, _ in _chunks(coder, "Qatar received army visits from Turkey.")] == ["Qatar", "Turkey"]
    # as a subject it may be the verb's: the role word stays an actor
    assert _chunks(coder, "The army visits Libya.")[0] == ("army", ["---MIL"])


def test_a_role_word_after_say_is_the_subject_of_its_clause(tmp_path: Path, mini_codebook: Path) -> None:
    # "say" takes a clause: even where a pattern starts with it, "police" is no modifier of "bomb"
    path = tmp_path / "say.yaml"
    extra = '  - code: "100"\n    patterns: ["{source} say {target} must"]\n'
    path.write_text(mini_codebook.read_text(encoding="utf-8") + extra, encoding="utf-8")
    coder = Coder(path)
    assert "said" not in coder.actors.verbs
    rows = {(e.source_code, e.target_code, e.event_code) for e in coder.code_text("Witnesses said police bomb Libya.")}
    assert rows == {("---COP", "LBY", "195")}
    rows = {(e.source_code, e.target_code, e.event_code) for e in coder.code_text("Turkey said Libya must go.")}
    assert rows == {("TUR", "LBY", "100")}


def test_an_article_after_a_word_between_a_country_and_a_role_opens_a_new_phrase(coder: Coder) -> None:
    # "beheaded" is no verb of the mini codebook's patterns, but "an" after it starts a noun phrase
    assert _chunks(coder, "Libya beheaded a journalist.") == [("Libya", ["LBY"]), ("journalist", ["---MED"])]
    assert _chunks(coder, "Libya's brave journalist visited Doha.")[0][1] == ["LBYMED"]


def test_a_role_after_a_comma_and_an_article_is_an_apposition_not_a_list(coder: Coder) -> None:
    assert _chunks(coder, "Tripoli hosted Libya, the Turkish journalists said.")[1][1] == ["LBY"]


def test_a_role_word_before_a_noun_is_a_modifier_unless_a_name_follows(coder: Coder) -> None:
    assert _chunks(coder, "Rebels bombed a police post in Idlib.") == [("Rebels", ["---REB"]), ("Idlib", ["SYR"])]
    # "as" (like "than") is no noun: "arrested journalists as spies" arrests the journalists
    assert _chunks(coder, "Libya arrested journalists as spies.") == [("Libya", ["LBY"]), ("journalists", ["---MED"])]
    # "the official news agency Narnia Today": the noun names an organisation of that role
    assert _chunks(coder, "The official news agency Tass said so.") == [("official", ["---GOV"])]


def test_possessive_countries_joined_by_and_share_the_role(coder: Coder) -> None:
    assert _chunks(coder, "Turkey's and Qatar's ministers visited Tripoli.")[0][1] == ["TURGOV", "QATGOV"]


def test_a_title_before_a_named_actor_takes_the_names_dated_code(coder: Coder) -> None:
    texts = tokenize("Turkey met with President Omar Haddad.")
    lows = [t.lower() for t in texts]
    chunks = coder.actors.chunks(texts, lows, date(2021, 5, 1))
    assert [(" ".join(texts[c.start : c.end]), c.codes) for c in chunks] == [
        ("Turkey", ["TUR"]),
        ("President Omar Haddad", ["LBYGOV"]),
    ]
    # with a country before the title too, and the code of another day
    chunks = coder.actors.chunks(*_both("Libyan President Omar Haddad visited Ankara."), date(2019, 5, 1))
    assert [c.codes for c in chunks] == [["LBYELI"], ["TUR"]]
    # a name of another country after a country's role word modifies it ("X Airlines Boeing")
    assert _chunks(coder, "Libyan minister Selim Kaya visited Doha.")[0][1] == ["LBYGOV"]


def test_a_title_adds_its_role_to_a_named_actor_with_a_bare_country_code(coder: Coder) -> None:
    assert _chunks(coder, "Minister Selim Kaya visited Tripoli.")[0] == ("Minister Selim Kaya", ["TURGOV"])


def _both(text: str) -> tuple[list[str], list[str]]:
    texts = tokenize(text)
    return texts, [t.lower() for t in texts]


def test_a_name_needs_a_capital_somewhere_not_necessarily_first(coder: Coder) -> None:
    assert _chunks(coder, "Rebels attacked qATAR.")[1] == ("qATAR", ["QAT"])
    assert _chunks(coder, "They ate turkey in Doha.") == [("Doha", ["QAT"])]


def test_non_before_a_group_is_not_that_group(coder: Coder) -> None:
    assert _chunks(coder, "Turkish police arrested non-Libyan journalists.") == [
        ("Turkish police", ["TURCOP"]),
        ("non - Libyan journalists", ["---MED"]),  # the modifier is part of the phrase, not its code
    ]


def test_a_role_written_with_its_article_needs_a_determiner_or_an_actor_before_it(coder: Coder) -> None:
    assert _chunks(coder, "A Turkish court arrested two journalists.")[0] == ("Turkish court", ["TURJUD"])
    assert _chunks(coder, "Turkey's courts arrested two journalists.")[0] == ("Turkey 's courts", ["TURJUD"])
    assert _chunks(coder, "The court arrested two journalists.")[0] == ("The court", ["---JUD"])
    assert _chunks(coder, "Rebels said court records were lost.") == [("Rebels", ["---REB"])]


def test_a_named_actor_coded_as_a_country_on_that_day_joins_like_a_country(coder: Coder) -> None:
    chunks = coder.actors.chunks(*_both("Turkey met officials from the Montenegrin government."), date(2010, 1, 1))
    assert [c.codes for c in chunks] == [["TUR"], ["MNEGOV"]]


def _new_actor_rows(coder, length: int, text: str) -> set[tuple[str, str, str]]:
    from coder.options import Options

    events = coder.with_options(Options(new_actor_length=length)).code_text(text)
    return {(e.source_code, e.target_code, e.event_code) for e in events}


def test_an_unknown_name_up_to_new_actor_length_words_is_a_new_actor(mini_coder) -> None:
    text = "Elara Voss visited Syria on Monday."
    assert _new_actor_rows(mini_coder, 2, text) == {("ELARA VOSS", "SYR", "042")}
    assert _new_actor_rows(mini_coder, 1, text) == set()  # two words: too long
    assert _new_actor_rows(mini_coder, 0, text) == set()  # 0: off
    assert _new_actor_rows(mini_coder, 0, text) == {
        (e.source_code, e.target_code, e.event_code) for e in mini_coder.code_text(text)
    }


def test_a_new_actor_phrase_takes_a_possessive_and_its_noun_between_names(mini_coder) -> None:
    text = "Syria was visited by Elara Voss's envoy Tam Brill on Friday."
    assert _new_actor_rows(mini_coder, 5, text) == {("ELARA VOSS ENVOY TAM BRILL", "SYR", "042")}
    assert _new_actor_rows(mini_coder, 4, text) == set()


def test_a_capitalised_common_word_opening_the_sentence_is_no_new_actor(mini_coder) -> None:
    assert _new_actor_rows(mini_coder, 4, "Protesters visited Syria on Monday.") == set()


def test_a_curly_apostrophe_matches_as_a_straight_one(tmp_path: Path) -> None:
    book = tmp_path / "apostrophe.yaml"
    book.write_text(
        """
codebook: apostrophe
taxonomy: cameo
countries:
  - {code: CIV, names: [Côte d'Ivoire, Cote d'Ivoire], adjectives: [Ivorian]}
  - {code: GHA, names: [Ghana], adjectives: [Ghanaian]}
events:
  - code: "042"
    patterns: ["{source} 's visit to {target}", "{source} visit {target}"]
discards:
  sentence: [didn't happen]
""",
        encoding="utf-8",
    )
    coder = Coder(book)

    def rows(text: str) -> set[tuple[str, str, str]]:
        return {(e.source_code, e.target_code, e.event_code) for e in coder.code_text(text)}

    assert rows("Côte d’Ivoire visited Ghana.") == {("CIV", "GHA", "042")}
    assert rows("Ghana’s visit to Cote d’Ivoire was short.") == {("GHA", "CIV", "042")}
    assert rows("Ghana visited Côte d’Ivoire, which didn’t happen.") == set()  # the discard phrase too


def _preps(coder: Coder, text: str) -> dict[str, str]:
    texts = tokenize(text)
    lows = [t.lower() for t in texts]
    return {" ".join(texts[c.start : c.end]): c.prep for c in coder.actors.chunks(texts, lows, None)}


def test_a_place_in_apposition_after_a_place_phrase_is_a_place_too(coder: Coder) -> None:
    # "in Sabha, Libya, gunmen ...": the region between commas is where, not who
    assert _preps(coder, "In Sabha, Libya, gunmen attacked a Qatari convoy.")["Libya"] == "in"
    assert _preps(coder, "On Monday in Ghat Oasis, Syria, armed men killed a Turkish driver.")["Syria"] == "in"
    # not after a phrase of capitalised words opened by a place preposition, or not closed by a comma
    assert _preps(coder, "In Sabha, Libya attacked a Qatari convoy.")["Libya"] == ""
    assert _preps(coder, "After the talks, Libya, Turkey and Qatar signed a deal.") == {"Libya , Turkey and Qatar": ""}
    assert _preps(coder, "In the end, Libya, as expected, attacked Qatar.")["Libya"] == ""


def test_a_demonym_names_the_countrys_people_in_the_plural_too(coder: Coder) -> None:
    # the codebook lists "Hungarian" only (and "Libyan, Libyans" both)
    assert _chunks(coder, "Thousands of Hungarians rallied in Tripoli.")[0] == ("Hungarians", ["HUN"])
    assert _chunks(coder, "Romanians and Libyans met in Tripoli.")[0] == ("Romanians and Libyans", ["ROU", "LBY"])
    # a name, so capitalised
    assert _chunks(coder, "The hungarians met in Tripoli.")[0][0] == "Tripoli"


ROLES = """
codebook: roles-test
taxonomy: cameo
countries:
  - {code: NAR, names: [Narnia], adjectives: [Narnian]}
actors:
  - {names: [Operation Dawn], code: NARMIL}
agents:
  - {code: MIL, words: [military]}
  - {code: EDU, words: [teacher]}
events:
  - code: "040"
    patterns: ["{source} meet {target}"]
"""


def test_a_role_word_before_a_noun_modifies_it_unless_the_noun_names_its_organisation(tmp_path: Path) -> None:
    path = tmp_path / "roles.yaml"
    path.write_text(ROLES, encoding="utf-8")
    coder = Coder(path)
    # "operation" starts a name only in capitals ("Operation Dawn"): here it is a plain noun
    assert _chunks(coder, "Narnia began a new military operation.") == [("Narnia", ["NAR"])]
    # an association, union or group of teachers is a teachers' organisation
    assert _chunks(coder, "The teachers association met in Narnia.")[0] == ("teachers", ["---EDU"])
    assert _chunks(coder, "The teacher training ended in Narnia.") == [("Narnia", ["NAR"])]
