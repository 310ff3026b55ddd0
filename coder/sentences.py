"""Own sentence splitting and tokenisation: text -> sentences -> tokens.

Rule-based and fast: abbreviations (`U.S.`, `Gen.`, `Jan.`, `No.`), initials, decimals and
quotes do not end a sentence; a headline without a full stop is a sentence of its own
because the document reader hands paragraphs over separately. Very long runs of text are cut
into pieces of bounded size so that one 10 MB line costs bounded memory per sentence.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

MAX_SENTENCE_CHARS = 2000

# Abbreviations after which a full stop does not end a sentence (lower case, no dot).
ABBREVIATIONS = frozenset(
    """mr mrs ms dr gen col lt sgt capt maj adm gov sen rep rev st jan feb mar apr jun jul aug
    sep sept oct nov dec no nos vs inc ltd co corp jr sr prof pres approx dept est fig mt ft
    brig cmdr cdr cpl pvt gens reps sens hon amb messrs ave blvd univ assn bros""".split()
)
# After these dotted abbreviations a capitalised word usually continues the sentence
# ("the U.S. Army"), unless it is a typical sentence opener ("... the U.S. The move").
OPENERS = frozenset(
    """the a an it he she they we i this that these those but and in on at after before
    however meanwhile earlier later yet his her their its there while when as if also
    one some many most both last on officials""".split()
)

# (?<![.!?]{2}) after the first stop: a run of stops is tried from its start only, so "....."
# is not quadratic; the stop comes first so that the search skips to the next stop quickly
_BOUNDARY = re.compile(r"([.!?](?<![.!?]{2})[.!?]*)([\"'”’)\]]*)(\s+)(?=[\"'“‘(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def _is_abbreviation(before: str, after: str) -> bool:
    match = _WORD_BEFORE.search(before)
    if not match:
        return False
    word = match.group(1)
    low = word.lower().rstrip(".")
    if "." in word:  # U.S, U.N, a.m: dotted abbreviation
        next_word = after.split(None, 1)[0].strip("\"'“‘(").lower() if after.strip() else ""
        return next_word not in OPENERS
    if len(word) == 1 and word.isupper():  # an initial: "John F. Kennedy"
        return True
    return low in ABBREVIATIONS


def _cut(text: str) -> Iterator[str]:
    """Cut an over-long run of text into pieces at whitespace."""
    while len(text) > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", 0, MAX_SENTENCE_CHARS)
        if cut <= 0:
            cut = MAX_SENTENCE_CHARS
        yield text[:cut].strip()
        text = text[cut:].lstrip()
    if text.strip():
        yield text.strip()


def split_sentences(paragraph: str) -> Iterator[str]:
    """Yield the sentences of one paragraph of text."""
    paragraph = " ".join(paragraph.split()) if "\n" in paragraph or "\t" in paragraph else paragraph
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        end = match.start(3)
        # the word before the stop is all that is looked at: a bounded slice keeps a long
        # run of abbreviations ("U.S. U.S. ...") linear
        if match.group(1) == "." and _is_abbreviation(
            paragraph[max(start, match.start(1) - 64) : match.start(1)], paragraph[match.end() : match.end() + 40]
        ):
            continue
        yield from _cut(paragraph[start:end])
        start = match.end()
    if start < len(paragraph):
        yield from _cut(paragraph[start:])


_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # U.S. U.N. a.m.
    r"|\d+(?:[.,:]\d+)*"  # 1.5 1,000 20:20
    r"|\w+(?=n['’]t\b)"  # did|n't
    r"|n['’]t\b"
    r"|['’]s\b"  # possessive
    r"|\w+"
    r"|[^\w\s]"
)
# _TOKEN without the three alternatives that need an apostrophe: the same tokens for a sentence
# without one (most are), found faster, as no word is matched twice looking for "n't" after it
_TOKEN_NO_APOSTROPHE = re.compile(r"(?:[A-Za-z]\.){2,}|\d+(?:[.,:]\d+)*|\w+|[^\w\s]")


def fold(token: str) -> str:
    """Return the form a token is matched in: lower case, a curly apostrophe as a straight one
    ("Côte d’Ivoire" is the dictionary's "Côte d'Ivoire", "n’t" is "n't")."""
    return token.lower().replace("’", "'")


def folds(tokens: list[str], apostrophes: bool = True) -> list[str]:
    """Return each token `fold`ed (only lower-cased without `apostrophes`), all in one string:
    three calls, not one per token (a token holds no newline, and a newline bounds a word for
    lower-casing, a final sigma's, as the token's own end does)."""
    if not tokens:
        return []
    joined = "\n".join(tokens)
    return (fold(joined) if apostrophes else joined.lower()).split("\n")


def tokenize(sentence: str) -> list[str]:
    """Split a sentence into word and punctuation tokens (possessive 's apart)."""
    if "_" in sentence:  # an underscore joins words in dictionary style (`Dol_Amroth`): two words
        sentence = sentence.replace("_", " ")
    if "&" in sentence and ";" in sentence:  # "&amp;" from a feed is "&", and its ";" ends no clause
        sentence = html.unescape(sentence)
    if "'" not in sentence and "’" not in sentence:
        return _TOKEN_NO_APOSTROPHE.findall(sentence)
    return _TOKEN.findall(sentence)
