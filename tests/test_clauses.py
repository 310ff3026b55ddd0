"""Comma-clause skipping: which clauses are left out, and what that does to the coding."""

from __future__ import annotations

import pytest

from coder.clauses import glosses, kept_tokens, skipped_clauses
from coder.options import Options
from coder.sentences import tokenize


def _left(text: str, options: Options, joined: tuple[int, ...] = ()) -> list[str]:
    lows = [t.lower() for t in tokenize(text)]
    return [" ".join(lows[a:b]) for a, b in skipped_clauses(lows, options, joined)]


SENTENCE = "Ostara met Velm, its closest ally, officials said."


@pytest.mark.parametrize(
    ("options", "left"),
    [
        (Options(middle=(2, 8)), [", its closest ally"]),
        (Options(end=(2, 8)), [", officials said"]),
        (Options(start=(1, 6)), ["ostara met velm ,"]),
        (Options(middle=(4, 8)), []),  # three words: below the minimum
        (Options(end=(3, 8)), []),
        (Options(start=(0, 2)), []),  # three words: above the maximum
        (Options(middle=(2, 8), end=(2, 8)), [", its closest ally", ", officials said"]),
        (Options(), []),  # every max 0: nothing is left out
    ],
)
def test_clauses_within_the_bounds_are_left_out(options: Options, left: list[str]) -> None:
    assert _left(SENTENCE, options) == left


def test_a_max_of_zero_turns_each_kind_off() -> None:
    assert len(_left(SENTENCE, Options(start=(0, 9), middle=(0, 9), end=(0, 9)))) == 3
    assert _left(SENTENCE, Options(start=(0, 0), middle=(0, 9), end=(0, 0))) == [", its closest ally"]
    assert _left(SENTENCE, Options(start=(0, 9), middle=(0, 0), end=(0, 0))) == ["ostara met velm ,"]


def test_a_joining_comma_delimits_no_clause() -> None:
    text = "Ostara, Velm and Dunmark met, officials said."
    assert _left(text, Options(start=(1, 3), end=(2, 8))) == ["ostara ,", ", officials said"]
    assert _left(text, Options(start=(1, 3), end=(2, 8)), joined=(1,)) == [", officials said"]


def test_one_comma_is_either_an_opening_or_a_closing_clause_not_both() -> None:
    assert _left("Ostara met Velm, officials said.", Options(start=(1, 8), end=(1, 8))) == ["ostara met velm ,"]


def test_kept_tokens_leave_out_overlapping_spans() -> None:
    assert kept_tokens(8, [(1, 3), (2, 5), (6, 7)]) == [0, 5, 7]


# -- through the coder ---------------------------------------------------------------------


def _rows(coder, text: str) -> set[tuple[str, str, str]]:
    return {(e.source_code, e.target_code, e.event_code) for e in coder.code_text(text)}


def test_a_skipped_closing_clause_codes_nothing(mini_coder) -> None:
    text = "Russia visited Qatar, and Turkish jets bombed Syria."
    assert _rows(mini_coder, text) == {("RUS", "QAT", "042"), ("TURMIL", "SYR", "195")}
    assert _rows(mini_coder.with_options(Options(end=(2, 8))), text) == {("RUS", "QAT", "042")}
    assert _rows(mini_coder.with_options(Options(end=(2, 4))), text) == _rows(mini_coder, text)  # five words


def test_a_skipped_middle_clause_codes_nothing(mini_coder) -> None:
    text = "Turkish jets, which had bombed Syria, attacked Libya on Monday."
    assert ("TURMIL", "SYR", "195") in _rows(mini_coder, text)
    rows = _rows(mini_coder.with_options(Options(middle=(2, 8))), text)
    assert rows == {("TURMIL", "LBY", "190")}
    assert _rows(mini_coder.with_options(Options(middle=(2, 0))), text) == _rows(mini_coder, text)


def test_a_skipped_opening_clause_codes_nothing(mini_coder) -> None:
    text = "Once Russia bombed Syria, Turkey visited Qatar."
    assert ("RUS", "SYR", "195") in _rows(mini_coder, text)
    assert _rows(mini_coder.with_options(Options(start=(2, 6))), text) == {("TUR", "QAT", "042")}


def test_a_list_of_actors_keeps_its_commas(mini_coder) -> None:
    text = "Russia, the Syrian government, and Turkey visited Qatar."
    expected = {("RUS", "QAT", "042"), ("SYRGOV", "QAT", "042"), ("TUR", "QAT", "042")}
    assert _rows(mini_coder.with_options(Options(middle=(2, 8), end=(2, 8))), text) == expected


def test_the_trace_names_the_clauses_left_out(mini_coder) -> None:
    trace = mini_coder.with_options(Options(end=(2, 8))).trace_sentence("Russia visited Qatar, a minister said.", None)
    assert trace.skipped == [", a minister said"] and "said" not in trace.tokens


def test_explain_shows_the_clauses_left_out(mini_coder) -> None:
    from coder.explain import explain_text

    text = explain_text(mini_coder.with_options(Options(end=(2, 8))), "Russia visited Qatar, a minister said.")
    assert "comma clause (comma_clauses) left out: ', a minister said'" in text
    assert "left out" not in explain_text(mini_coder, "Russia visited Qatar, a minister said.")


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("The Ostaran Armed Forces (OAF) attacked Velm.", ["( OAF )"]),
        ("The Communist Party of Velm (CPV - Maoists) said so.", ["( CPV - Maoists )"]),
        ("Ostara (OST) and Velm (VLM) met.", ["( OST )", "( VLM )"]),
        ("Fighting was reported in Kharo (Velm Province) on Monday.", []),  # a place, not an abbreviation
        ("Ostara said (in a statement) that Velm lied.", []),
        ("(AFP) Ostara attacked Velm.", []),  # no word before it
        ("The OAF (the Ostaran army) attacked Velm.", []),
        ("Ostara (OAF attacked Velm.", []),  # never closed
    ],
)
def test_a_bracketed_abbreviation_after_a_word_is_left_out(text: str, left: list[str]) -> None:
    tokens = tokenize(text)
    assert [" ".join(tokens[a:b]) for a, b in glosses(tokens)] == left


def test_an_actor_glossed_by_its_abbreviation_is_coded_as_without_it(mini_coder) -> None:
    def rows(text: str) -> set[tuple[str, str, str]]:
        return {(e.source_code, e.target_code, e.event_code) for e in mini_coder.code_text(text)}

    assert rows("Turkish aircraft (TAF) bombed Syrian rebel positions.") == {("TURMIL", "SYRREB", "195")}
    assert rows("Turkish aircraft bombed Syrian rebel (SDF) positions.") == {("TURMIL", "SYRREB", "195")}
    trace = mini_coder.trace_sentence("Turkish aircraft (TAF) bombed Syria.", None)
    assert trace.skipped == ["( TAF )"]
