"""Story dates and event dates inside sentences."""

from __future__ import annotations

from datetime import date

import pytest

from coder.dates import find_date, is_dateline, parse_date

STORY = date(2019, 12, 7)  # a Saturday


@pytest.mark.parametrize(
    "text",
    [
        "7 Dec 2019",
        "2019-12-07T20:20Z",
        "Saturday, December 7, 2019",
        "December 07, 2019 - 20:20",
        "Dec. 7, 2019",
        "20191207",
        "2019/12/07",
        "7th of December 2019",
    ],
)
def test_parse_date_common_forms(text: str) -> None:
    assert parse_date(text) == STORY


def test_parse_date_rejects_impossible_dates() -> None:
    assert parse_date("2019-02-30") is None
    assert parse_date("no date here") is None


def test_dateline_is_a_short_line_that_is_mostly_a_date() -> None:
    assert is_dateline("Published: 12 March 2021 09:15") == date(2021, 3, 12)
    assert is_dateline("Troops entered the city on 12 March 2021 after a long siege of the port.") is None


@pytest.mark.parametrize(
    "sentence, expected, precision",
    [
        ("Troops left yesterday.", date(2019, 12, 6), "day"),
        ("Troops left on Monday.", date(2019, 12, 2), "day"),
        ("Troops left on Saturday.", STORY, "day"),
        ("Troops left last week.", date(2019, 11, 30), "week"),
        ("Troops left last month.", date(2019, 11, 1), "month"),
        ("Troops left on 3 December.", date(2019, 12, 3), "day"),
        ("Troops left on December 3, 2019.", date(2019, 12, 3), "day"),
        ("Troops left on 28 December.", date(2018, 12, 28), "day"),
        ("Troops left.", STORY, "story"),
        ("Officials may 3 times refuse.", STORY, "story"),
        ("A depot blew up in 2014, killing two.", date(2014, 1, 1), "year"),
        ("Rebels took the town in early 2016.", date(2016, 1, 1), "year"),
        ("Troops left in 2019.", STORY, "story"),  # the story's own year says no more than the story
        ("Troops left on 3 December, as they had in 2014.", date(2019, 12, 3), "day"),
        ("Hundreds were hurt since the unrest began on 3 December.", STORY, "story"),  # a span's start
        ("Troops will stay until Monday.", STORY, "story"),
        ("Since Monday troops have left; on Friday they returned.", date(2019, 12, 6), "day"),
    ],
)
def test_find_date(sentence: str, expected: date, precision: str) -> None:
    assert find_date(sentence, STORY) == (expected, precision)


def test_find_date_without_story_date() -> None:
    assert find_date("Troops left yesterday.", None) == (None, "story")
    assert find_date("Troops left on 3 December 2019.", None) == (date(2019, 12, 3), "day")


@pytest.mark.parametrize(
    "sentence",
    [
        "Rebels attacked the town last night.",
        "The talks resumed this Morning in the capital.",
        "Police fired tear gas earlier this week.",
        "Troops withdrew LAST MONTH.",
        "The minister arrived Tuesday.",
        "The ministers met on 3 December.",
        "They signed the deal in August.",
        "Talks were held on 2019-12-07.",
        "The day before yesterday, protesters marched.",
        "Officials spoke this evening.",
    ],
)
def test_every_sentence_with_a_date_passes_the_quick_filter(sentence: str) -> None:
    # The quick filter may let through sentences without dates, never drop one with a date.
    from coder.dates import _IN_SENTENCE, _may_have_date

    assert _IN_SENTENCE.search(sentence) is not None
    assert _may_have_date(sentence)
    assert find_date(sentence, date(2019, 12, 9))[1] != "story"


def test_a_sentence_without_date_words_keeps_the_story_date() -> None:
    assert find_date("Kenya criticised Uganda over the border.", date(2019, 12, 9)) == (date(2019, 12, 9), "story")
