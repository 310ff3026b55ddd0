"""Own dates: story dates in any common form, and event dates said in a sentence.

`parse_date` reads a whole date string (`7 Dec 2019`, `2019-12-07T20:20Z`,
`Saturday, December 7, 2019`, `20191207`). `find_date` finds a date expression inside a
sentence (`yesterday`, `on Monday`, `last week`, `on 3 December`, `December 3, 2019`) and
resolves it against the story date, with its precision.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?,?\s+)?"

_FORMS = [
    re.compile(
        r"(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]?\d)-(?P<day>[0-3]?\d)(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?", re.I
    ),
    re.compile(r"(?P<year>(?:19|20)\d\d)(?P<mnum>[01]\d)(?P<day>[0-3]\d)"),
    re.compile(r"(?P<year>(?:19|20)\d\d)/(?P<mnum>[01]?\d)/(?P<day>[0-3]?\d)"),
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR, re.I),
    re.compile(_WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR, re.I),
]
# A two-digit-year form as PETRARCH's files use it: YYMMDD.
_YYMMDD = re.compile(r"(?P<yy>\d\d)(?P<mnum>[01]\d)(?P<day>[0-3]\d)")


def _build(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _from_match(match: re.Match[str]) -> date | None:
    parts = match.groupdict()
    month = int(parts["mnum"]) if parts.get("mnum") else MONTHS[parts["month"].lower().rstrip(".")]
    return _build(int(parts["year"]), month, int(parts["day"]))


def parse_date(text: str) -> date | None:
    """Read a date written on its own (a dateline, a table cell); None if there is none."""
    text = text.strip()
    for form in _FORMS:
        match = form.search(text)
        if match:
            return _from_match(match)
    match = _YYMMDD.fullmatch(text)
    if match:
        year = int(match["yy"])
        return _build(2000 + year if year < 50 else 1900 + year, int(match["mnum"]), int(match["day"]))
    return None


def is_dateline(line: str) -> date | None:
    """Return the date if a line is a dateline (a date, maybe with time and a label)."""
    if len(line) > 80:
        return None
    found = parse_date(line)
    if found is None:
        return None
    rest = line
    for form in _FORMS:
        rest = form.sub(" ", rest)
    rest = re.sub(r"\b\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?\b|\b(?:GMT|UTC|EST|EDT|CET|CEST|BST)\b", " ", rest, flags=re.I)
    rest = re.sub(r"\b(?:published|updated|posted|last updated|date|on|at)\b:?", " ", rest, flags=re.I)
    return found if len(re.findall(r"[A-Za-z]{2,}", rest)) <= 2 else None


# --- dates inside a sentence -------------------------------------------------------------

_IN_SENTENCE = re.compile(
    # Each expression starts a word with one of the look-ahead's characters, which lets the
    # search pass over other places fast: keep it in step with the expressions.
    r"(?=[0-9ytlemwfsjaondi])\b(?:"
    r"(?P<yesterday>yesterday|last night)\b"
    r"|(?P<today>today|tonight|this morning|this afternoon|this evening)\b"
    r"|(?P<daybefore>the day before yesterday)\b"
    r"|(?P<lastweek>last week|earlier this week)\b"
    r"|(?P<lastmonth>last month)\b"
    r"|(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|(?P<dmy>(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>"
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\.?(?:,?\s+(?P<y1>(?:19|20)\d\d))?)\b"
    r"|(?P<mdy>(?P<m2>"
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\.?\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y2>(?:19|20)\d\d))?)\b"
    r"|(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b"
    r"|in\s+(?P<monthonly>january|february|march|april|june|july|august|september|october|november|december)"
    r"(?:\s+(?P<y3>(?:19|20)\d\d))?\b"
    r")",
    re.I,
)


# A date in a clause opened by `since` or `until` bounds a span of time; it is not the day of
# the event: `since`/`until` no further back than the clause's start (a comma or semicolon).
_SINCE = re.compile(r"\b(?:since|until|till)\b[^,;:]*$", re.I)

# A year alone ("in 2014", "in early 2014"): the weakest date a sentence can give.
_PAST_YEAR = re.compile(r"\b(?:in|during)\s+(?:(?:early|late|mid-?)\s*)?(?P<year>(?:19|20)\d\d)\b(?!\s*[-/])", re.I)


# Every expression _IN_SENTENCE finds has a digit or one of these words in it (each weekday,
# `yesterday` and `today` end in "day"): a sentence with neither skips the slow search.
# Keep this in step with _IN_SENTENCE.
_CUES = ("day", "night", "morning", "afternoon", "evening", "week", "month", *(m for m in MONTHS if len(m) > 3))
_DIGIT = re.compile(r"\d")


def _may_have_date(sentence: str) -> bool:
    if _DIGIT.search(sentence):
        return True
    low = sentence.lower()
    return any(cue in low for cue in _CUES)


def _nearest_past(story: date, month: int, day: int, year: str | None) -> date | None:
    if year:
        return _build(int(year), month, day)
    candidate = _build(story.year, month, day)
    if candidate and candidate > story + timedelta(days=7):
        candidate = _build(story.year - 1, month, day)
    return candidate


def find_date(sentence: str, story: date | None) -> tuple[date | None, str]:
    """Return the event date a sentence gives and its precision, else the story date.

    Precision is `day`, `week`, `month`, `year` (a past year alone: "in 2014", dated 1 January),
    or `story` when only the story date was used.
    """
    if not _may_have_date(sentence):
        return story, "story"
    if story is None:
        match = _IN_SENTENCE.search(sentence)
        if match and match["iso"]:
            return parse_date(match["iso"]), "day"
        if match and match["dmy"] and match["y1"]:
            return _build(int(match["y1"]), MONTHS[match["m1"].lower()], int(match["d1"])), "day"
        if match and match["mdy"] and match["y2"]:
            return _build(int(match["y2"]), MONTHS[match["m2"].lower()], int(match["d2"])), "day"
        return None, "story"
    for match in _IN_SENTENCE.finditer(sentence):
        if _SINCE.search(sentence, max(0, match.start() - 60), match.start()):
            continue  # "injured since the unrest began on 18 October": when it began, not the event
        found: date | None = None
        precision = "day"
        if match["yesterday"]:
            found = story - timedelta(days=1)
        elif match["today"]:
            found = story
        elif match["daybefore"]:
            found = story - timedelta(days=2)
        elif match["lastweek"]:
            found, precision = story - timedelta(days=7), "week"
        elif match["lastmonth"]:
            first = story.replace(day=1) - timedelta(days=1)
            found, precision = first.replace(day=1), "month"
        elif match["weekday"]:
            back = (story.weekday() - WEEKDAYS[match["weekday"].lower()]) % 7
            found = story - timedelta(days=back)
        elif match["dmy"]:
            found = _nearest_past(story, MONTHS[match["m1"].lower()], int(match["d1"]), match["y1"])
        elif match["mdy"]:
            if match["m2"].lower() in ("may", "mar") and not match["y2"] and match["m2"][0].islower():
                continue  # "may 3" is a verb, not a month
            found = _nearest_past(story, MONTHS[match["m2"].lower()], int(match["d2"]), match["y2"])
        elif match["iso"]:
            found = parse_date(match["iso"])
        elif match["monthonly"]:
            month = MONTHS[match["monthonly"].lower()]
            year = int(match["y3"]) if match["y3"] else (story.year if month <= story.month else story.year - 1)
            found, precision = date(year, month, 1), "month"
        if found is not None:
            return found, precision
    past = _PAST_YEAR.search(sentence)
    if past and int(past["year"]) < story.year:
        # "an explosion in 2014" in a later story: background, dated by its year alone
        return date(int(past["year"]), 1, 1), "year"
    return story, "story"
