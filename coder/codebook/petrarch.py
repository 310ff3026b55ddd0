"""Own importing PETRARCH/TABARI dictionaries: verb, actor, agent and discard files -> codebook YAML.

The conversion follows how PETRARCH-1 reads and applies its dictionaries (PETRreader.py and
petrarch.py of openeventdata/petrarch), so that a converted codebook codes what PETRARCH
would, as far as our pattern language can say it. Every entry that cannot be converted is
reported with its file, line and reason (`reason: detail`); nothing is dropped silently.

Decisions worth knowing:

- A verb block's patterns apply to every verb of the block (PETRARCH keys them on the
  block's first verb, its "meaning"); such a block becomes a word class `@<VERB>_VERBS`. A
  verb listed in two blocks belongs to the later one, as in PETRARCH.
- A pattern without `$` or `+` gets PETRARCH's defaults: the source is the actor before the
  verb, the target the first actor after it. Our slots stand at one place, so such a slot is
  written next to the verb (ids `.subj`, `.obj`; listed first, so they win when they match)
  and at the pattern's edge (`{source}` first, `{target}` last). A default target is
  optional (`{target:any?}`): PETRARCH codes the verb with no target (`---`) when none
  follows, and drops such an event only under `require_dyad`; an explicit `+` is required.
- `%` (compound actor) becomes `{source}` before the verb and `{target}` after it; with a
  symmetric code (`[030:030]`) a compound subject gives every pair, as in PETRARCH.
- A pattern's other words are matched as written (`=word`): PETRARCH generates the forms of
  its verbs, not of the words around them, so `* EFFORT` does not match "efforts" (the
  dictionaries list both forms where both are meant). Synset members keep their inflections.
- A `$` after the verb becomes `{source:any}`, like a `+` `{target:any}`: the first actor
  there, whatever the preposition before it ("+ * MONEY $": "received money from X").
- `^` (skip a noun phrase) stays `^`: the slot after it is the first actor after the next
  noun phrase, not an actor inside it (`* AT ^ +`: "warned at the capital of X" codes X).
  In a pattern without `+` whose words go on after a `^`, PETRARCH's default target (the
  first actor after the verb) may be that skipped phrase: a variant (id `.np`, listed first)
  puts the default target in its place (`* SUMMIT (IN ^) (ON)`: "attended a summit in X on
  the unrest in Y" codes X, not Y).
- `[c1:c2]`: `c1` codes source -> target and `c2` target -> source (`reverse:`); `c2 == c1`
  becomes `symmetric: true`; `[:c2]` swaps the slots.
- `[---]` on a pattern becomes the null code: the pattern matches and blocks more general
  patterns on its words, but codes nothing.
- Codes outside CAMEO (the validation suite's WEIS and test codes) are kept, and the
  codebook says `unknown_codes: allow`.
- Actor date restrictions are resolved the way PETRARCH does (first matching restriction,
  `<` and `>` including the day itself, else the first undated code, else no code) into
  non-overlapping dated ranges. A phrase without a code shares the next entry's codes.
- A verb's irregular forms are the words inside the braces of its line (`RIP {RIPS RIPPED}`),
  with or without commas between them; a comment after the braces is no form.
- PETRARCH-2 patterns (`(PREP NOUN)`, `{MODIFIER HEAD}`) become their words in order.
- A PETRARCH-2 transformation `~ a (b . ATTACK) SAY = a b 112` becomes a `transformations:`
  rule. Its outer verb (`SAY`) stands for the verbs of its block, the class the block's
  patterns use (`@ANNOUNCE_VERBS`: say, tell, state, announce ...): PETRARCH-2 keys a verb on
  its block. Its inner verb (`ATTACK`) stands for that verb's code as PETRARCH-2 compares
  codes, a code ending in 0 taking its family: `ATTACK` [190] is `"19"` (any 19x event),
  `ASSASSINATE` [186] is `"186"`; `Q` is any code.
- PETRARCH-2 codes a verb with an infinitive complement ("agreed to lift sanctions", "wants
  to help X") by combining their codes: the complement's code when it ranks as high as the
  verb's, or when both are of its "high-level" roots (say, appeal, intend, demand, protest,
  threaten, disapprove, posture, coerce, investigate, consult: ranked in that order, above
  the rest: aid, material and diplomatic cooperation, assault, fight, mass violence, reduce
  relations, yield), else their sum ("want" [030] + "help" [070] is an intent to aid, 033).
  A PETRARCH-2 dictionary (one with `(PREP NOUN)` patterns) gets these as transformations
  `combination.<verb root>.<complement root>`, after its own: the verbs of each root form a
  class `@CODED_<root>_VERBS`, and each complement root a rule (inner subject `_`: an
  infinitive; the result is `Q`, or the sum where that is the code of a CAMEO family: intend,
  appeal or demand + cooperation, aid or yielding; threaten + reduce relations or fight).
  Saying (01) is left to reported speech and reject (12), which negates, is left out.
- PETRARCH-2 codes a verb negated by `not` as the code's value minus 0xFFFF in its internal
  scheme, which is a CAMEO code for a few: a PETRARCH-2 dictionary gets these as `negated:`
  ("would not give permission to X" [080] is a refusal to yield, 124; material cooperation
  gives 121, saying 011, admitting responsibility 016). Other negated verbs code nothing.
- Every pattern's first word is PETRARCH's verb (`*`): the codebook says `verb_anchors: true`,
  so that a plural noun between an actor and a verb ("Syrian forces attacked") starts no
  pattern, as PETRARCH's parser would have tagged it a noun.
- A target that is a role with no country ("children", `---CVL`) takes the country of the
  place named after the verb in its clause ("killed in shelling in the east of the Gaza Strip":
  `PSEGZACVL`): PETRARCH-2 mixes the code of a place phrase inside a noun phrase with its role
  words, and without a parser the place after the verb stands for it (`place_roles: true`).
- A compound actor code `[ELR/GAL]` becomes an actor `group`: one row for each member.
- An agent `[HGM~]` becomes `prepend: true`. PETRARCH adds the code of every agent it finds
  in a noun phrase, so an agent phrase gets the codes of the agent phrases inside it
  (`main opposition group` [~MOP] holds `opposition group` [~OPP]: `MOPOPP`).
- An entry with one undated three-letter code that is not a CAMEO sector code (`GOV`,
  `NGO`, ...) becomes a country, so that `the government of X` combines; others are actors.
- A name given to two actors belongs to the first, as in PETRARCH-1, unless only the later
  spelling ends in `_` (`PRESIDENT_BUSH_` after `PRESIDENT_BUSH`): PETRARCH-1 reads that `_`
  as one more (empty) word and tries an actor's longer phrases first, so the later wins.
  Otherwise a final `_` (TABARI's "no stemming" mark) changes nothing.
- Actor names are written in Title Case (names match only capitalised text); short names
  that are English words (`US`, `IT`) stay in capitals, so that they match only capitals.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import product
from pathlib import Path

from coder.codebook.model import NULL_CODE
from coder.codebook.syntax import parse_pattern
from coder.inflection import word_forms
from coder.taxonomy import Taxonomy, load_taxonomy

_ACTOR_CODE = re.compile(r"^(?:---|[A-Z0-9]{3})(?:[A-Z0-9]{3})*$|^[A-Z][A-Z0-9]{1,14}$")
_AGENT_CODE = re.compile(r"^[A-Z0-9]{3}(?:[A-Z0-9]{3})*$")
_BRACKETS = re.compile(r"\[([^\]]*)\]")
_PATTERN_TOKEN = re.compile(r"[$+%^*]|[^\s_$+%^*]+")
_COMMENT = re.compile(r"\s#")  # a comment starts at ' #' (PETRARCH's rule), so [###] stays a code
_OPEN_CODE = re.compile(r"^[A-Za-z0-9]{1,8}$")  # a code outside CAMEO that a codebook may keep
_SUBSTITUTION = re.compile(r"^(![^!\s]+!)\s*=\s*(.*)$")
_MARKER = re.compile(r"![^!\s]+!")
# CAMEO non-state three-letter codes: an actor with one of these is not a country.
_NON_STATE = frozenset(
    "IGO NGO NGM MNC IMG UIS INT COP GOV INS JUD MIL OPP PTY REB SEP SPY UAF AGR BUS CRM CVL DEV "
    "EDU ELI ENV HLH HRI LAB LEG MED REF MOD RAD MOS CHR JEW BUD HIN".split()
)
# Short names that are also common English words stay in capitals, matching only capitals.
_SHORT_WORDS = frozenset(
    "a an and are as at be but by can did do for had has he her him his how i if in is it its may me my "
    "new no nor not now of on one or our out she so the to too two up us was we who why yes you all any".split()
)
_PARTICLES = frozenset("the al el ad ash as at an ar az de di da du la le".split())
_WIDTH = 100
# PETRARCH's target is the first actor after the verb, whatever preposition stands before it.
_TARGET = "{target:any}"
_SOURCE = "{source:any}"  # a source after the verb ("+ * MONEY $"): the first actor there
_DEFAULT_TARGET = "{target?}"  # PETRARCH's default target: the first actor after the verb, if any


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import converted (counts) and every entry it could not convert."""

    counts: dict[str, int]
    skipped: list[tuple[str, int, str]]  # (file, line, "reason: detail")

    def reasons(self) -> Counter[str]:
        """Count the skipped entries by reason (the part before the first colon)."""
        return Counter(reason.split(":")[0] for _, _, reason in self.skipped)


# -- reading dictionary files -------------------------------------------------------------------


def _read_lines(path: Path, semicolon: bool = False) -> list[tuple[int, str]]:
    """Read a dictionary file: (line number, text) without comments or blank lines."""
    out: list[tuple[int, str]] = []
    in_comment = False
    text = path.read_text(encoding="utf-8", errors="replace")
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r\n")
        if in_comment:
            in_comment = "-->" not in line
            continue
        if line.startswith("<!"):
            in_comment = line.startswith("<!--") and "-->" not in line
            continue
        while "<!--" in line:
            head, _, tail = line.partition("<!--")
            line = head + (tail.partition("-->")[2] if "-->" in tail else "")
        if line.lstrip().startswith("#"):
            continue
        line = _COMMENT.split(line, maxsplit=1)[0]
        if semicolon:
            line = line.partition(";")[0]
        if line.strip():
            out.append((number, line.rstrip()))
    return out


def _words(text: str) -> list[str]:
    """Split a PETRARCH phrase on blanks and underscores."""
    return text.replace("_", " ").split()


def _phrase(text: str) -> str:
    """Return a PETRARCH phrase as lower-case words joined by blanks."""
    return " ".join(w.lower() for w in _words(text.strip().rstrip("_")))


def _quote(text: str) -> str:
    """Quote a scalar for YAML: always double quotes, non-printing characters escaped."""
    body = json.dumps(text, ensure_ascii=False)[1:-1]
    return '"' + "".join(c if c.isprintable() else _escape(c) for c in body) + '"'


def _escape(char: str) -> str:
    """Escape one character for a YAML double-quoted scalar."""
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


# -- the collected codebook ------------------------------------------------------------------------


@dataclass(slots=True)
class _Pattern:
    """A converted event pattern with its code and where it came from."""

    text: str
    code: str
    id: str
    origin: str
    symmetric: bool = False
    variant: bool = False  # a default slot placed next to the verb
    reverse: str = ""  # the code for target -> source, if another


@dataclass(slots=True)
class _Actor:
    """A converted actor: names, dated codes and where it came from."""

    names: list[str]
    codes: list[tuple[str, date | None, date | None]]
    origin: str
    group: list[str] = field(default_factory=list)  # `[ELR/GAL]`: the actor stands for several

    @property
    def is_country(self) -> bool:
        """Say whether the actor is a country: one undated three-letter code, not a sector."""
        if self.group or len(self.codes) != 1 or self.codes[0][1] or self.codes[0][2]:
            return False
        code = self.codes[0][0]
        return bool(re.fullmatch(r"[A-Z]{3}", code)) and code not in _NON_STATE


@dataclass(slots=True)
class _Book:
    """Everything converted so far, and every entry skipped."""

    skipped: list[tuple[str, int, str]] = field(default_factory=list)
    sources: dict[str, list[str]] = field(default_factory=dict)
    classes: dict[str, tuple[list[str], str]] = field(default_factory=dict)
    verb_forms: dict[str, list[str]] = field(default_factory=dict)
    patterns: list[_Pattern] = field(default_factory=list)
    transformations: list[tuple[str, str]] = field(default_factory=list)  # (YAML item, origin)
    actors: list[_Actor] = field(default_factory=list)
    agents: dict[str, list[str]] = field(default_factory=dict)  # by code; `HGM~` prepends
    sentence_discards: list[str] = field(default_factory=list)
    story_discards: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    unknown_codes: set[str] = field(default_factory=set)  # event codes outside CAMEO, kept
    negated: dict[str, str] = field(default_factory=dict)  # PETRARCH-2: a negated code's rejection

    def skip(self, file: str, line: int, reason: str) -> None:
        """Record an entry that could not be converted."""
        self.skipped.append((file, line, reason))


# -- verbs: reading ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Verb:
    """A verb of a block: its words, the word a parser tags as the verb, code and forms."""

    words: tuple[str, ...]
    key: str
    code: str
    forms: tuple[str, ...]
    meaning: str
    line: int


@dataclass(slots=True)
class _RawPattern:
    """A pattern line as read: text without its code, the code, its verb block and line."""

    text: str
    code: str
    meaning: str
    line: int


@dataclass(slots=True)
class _VerbFile:
    """The parts of a verb dictionary: synsets, verbs (last listing wins) and patterns."""

    name: str
    dialect: int = 1
    synsets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    synset_lines: dict[str, int] = field(default_factory=dict)
    verbs: dict[tuple[str, ...], _Verb] = field(default_factory=dict)
    patterns: list[_RawPattern] = field(default_factory=list)
    transformations: list[tuple[str, int]] = field(default_factory=list)  # (`~` line, line number)


def _first_code(text: str) -> str:
    """Return the text inside the first [...] of a line, or '' if there is none."""
    match = _BRACKETS.search(text)
    return match[1].strip() if match else ""


def _parse_verb_line(text: str, block_code: str, meaning: str, line: int) -> _Verb | None:
    """Parse a verb line `WORD {FORMS} [CODE]` (multi-word verbs mark the verb with +)."""
    code = _first_code(text) or block_code
    body = text.partition("[")[0]
    forms_text = ""
    opener = next((c for c in "{(" if c in body), "")
    if opener:
        body, _, forms_text = body.partition(opener)
        # only the braces hold forms: not a comment after them ("{RIPS RIPPED};shan 7/11/93"),
        # nor the commas some lists use ("{+WAS_DETERMINED , +BE_DETERMINED}")
        forms_text = forms_text.partition("}" if opener == "{" else ")")[0].replace(",", " ")
    raw = _words(body.strip().rstrip("_"))
    if not raw:
        return None
    marked = next((i for i, w in enumerate(raw) if w.startswith("+")), 0)
    words = tuple(w.lstrip("+").lower() for w in raw)
    forms = []
    for form in forms_text.split():
        parts = form.split("_")
        pick = next((p for p in parts if p.startswith("+")), parts[min(marked, len(parts) - 1)])
        if pick.lstrip("+"):
            forms.append(pick.lstrip("+").lower())
    return _Verb(words, words[marked], code, tuple(forms), meaning or "_".join(words), line)


def _read_verb_file(path: Path, book: _Book) -> _VerbFile:
    """Read a PETRARCH-1 or PETRARCH-2 verb dictionary into its parts."""
    lines = _read_lines(path)
    vf = _VerbFile(path.name)
    if any(text.lstrip().startswith("-") and "(" in text and not text.startswith("---") for _, text in lines):
        vf.dialect = 2
    block_code, meaning, synset = "---", "", ""
    for number, text in lines:
        stripped = text.strip()
        if stripped.startswith("+") and synset:
            vf.synsets[synset].append((stripped[1:].strip(), number))
            continue
        synset = ""
        if stripped.startswith("---"):
            block_code, meaning = _first_code(stripped) or "---", ""
        elif stripped.startswith("-"):
            _add_raw_pattern(vf, book, stripped[1:], meaning, number)
        elif stripped.startswith("&"):
            synset = _class_name(stripped.split()[0])
            vf.synsets.setdefault(synset, [])
            vf.synset_lines.setdefault(synset, number)
        elif stripped.startswith("~"):
            vf.transformations.append((stripped, number))
        else:
            meaning = _add_verb(vf, book, stripped, block_code, meaning, number)
    return vf


def _add_raw_pattern(vf: _VerbFile, book: _Book, text: str, meaning: str, line: int) -> None:
    """Store a pattern line of the current verb block."""
    if not meaning:
        book.skip(vf.name, line, "pattern outside a verb block: no verb to attach it to")
        return
    if "[" not in text:
        book.skip(vf.name, line, "pattern without a [code]")
        return
    body, _, rest = text.partition("[")
    vf.patterns.append(_RawPattern(body.strip(), rest.partition("]")[0].strip(), meaning, line))


def _add_verb(vf: _VerbFile, book: _Book, text: str, block_code: str, meaning: str, line: int) -> str:
    """Store a verb line; return the block's meaning (its first verb)."""
    verb = _parse_verb_line(text, block_code, meaning, line)
    if verb is None:
        book.skip(vf.name, line, "verb line without a verb")
        return meaning
    earlier = vf.verbs.pop(verb.words, None)
    if earlier is not None:
        book.skip(
            vf.name,
            earlier.line,
            f"verb listed again in a later block: {' '.join(verb.words)!r} belongs to line {line} (PETRARCH keeps the last)",
        )
    vf.verbs[verb.words] = verb
    return verb.meaning


def _class_name(label: str) -> str:
    """Turn a synset label `&NAME_` into a class name."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", label.lstrip("&").rstrip("_")).upper() or "SET"
    return name if name[0].isalpha() else f"S_{name}"


# -- verbs: converting ----------------------------------------------------------------------------


def _synset_members(vf: _VerbFile, book: _Book, name: str, seen: frozenset[str] = frozenset()) -> list[str]:
    """Return a synset's members, nested synsets flattened."""
    members: list[str] = []
    for raw, line in vf.synsets.get(name, []):
        if raw.startswith("&"):
            inner = _class_name(raw.split()[0])
            if inner not in vf.synsets:
                book.skip(vf.name, line, f"undefined synset: {raw.split()[0]} inside &{name}")
            elif inner not in seen and inner != name:
                members.extend(_synset_members(vf, book, inner, seen | {name}))
            continue
        phrase = _phrase(raw.replace("&", " "))
        if phrase:
            members.append(phrase)
    return list(dict.fromkeys(members))


def _convert_synsets(vf: _VerbFile, book: _Book) -> None:
    """Turn the synsets into word classes."""
    for name in vf.synsets:
        members = _synset_members(vf, book, name)
        if not members:
            book.skip(vf.name, vf.synset_lines[name], f"empty synset: &{name} has no members")
            continue
        book.classes[name] = (members, f"{vf.name}:{vf.synset_lines[name]}")
        book.counts["synsets"] += 1


def _convert_verb_forms(vf: _VerbFile, book: _Book) -> None:
    """Collect irregular verb forms that the built-in inflection does not generate."""
    for verb in vf.verbs.values():
        extra = [f for f in verb.forms if f != verb.key and f not in word_forms(verb.key)]
        if extra:
            known = book.verb_forms.setdefault(verb.key, [])
            known.extend(f for f in extra if f not in known)
    book.counts["verb forms"] = len(book.verb_forms)


def _verb_token(vf: _VerbFile, book: _Book, meaning: str, verbs: list[_Verb], exact: set[str]) -> str:
    """Return the pattern text standing for a block's verbs: the verb, or a class of them."""
    if len(verbs) == 1:
        return _verb_text(verbs[0], exact)
    name = _class_name(f"{meaning}_VERBS")
    while name in book.classes:
        name += "_"
    book.classes[name] = ([" ".join(v.words) for v in verbs], f"{vf.name}:{verbs[0].line}")
    book.counts["verb classes"] += 1
    return "@" + name


def _verb_text(verb: _Verb, exact: set[str]) -> str:
    """Write a verb for a pattern: its words, or the exact form if another verb inflects to it."""
    return f"={verb.key}" if len(verb.words) == 1 and verb.key in exact else " ".join(verb.words)


def _forms_of_others(vf: _VerbFile) -> set[str]:
    """Return the one-word verbs that are also a form of another verb (`left` of `leave`):
    PETRARCH gives such a word to its own entry, so our pattern names that exact form."""
    keys = {v.key for v in vf.verbs.values() if len(v.words) == 1}
    out: set[str] = set()
    for verb in vf.verbs.values():
        forms = set(word_forms(verb.key)) | set(verb.forms)
        out |= {k for k in keys & forms if k != verb.key}
    return out


def _convert_verbs(path: Path, book: _Book) -> None:
    """Read a verb dictionary and add its classes, verb forms and patterns."""
    vf = _read_verb_file(path, book)
    book.sources.setdefault("verbs", []).append(vf.name)
    _convert_synsets(vf, book)
    _convert_verb_forms(vf, book)
    by_meaning: dict[str, list[_Verb]] = {}
    for verb in vf.verbs.values():
        by_meaning.setdefault(verb.meaning, []).append(verb)
    book.counts["verbs"] += len(vf.verbs)
    taxonomy = load_taxonomy("cameo")
    emitted: list[_Pattern] = []
    exact = _forms_of_others(vf)
    for verb in vf.verbs.values():
        plan = _code_plan(vf, book, taxonomy, verb.code, verb.line, null_ok=True)
        bare = [("", ["{source}", "*", _DEFAULT_TARGET])]
        emitted += _emit(vf, book, bare, plan, _verb_text(verb, exact), f"{'_'.join(verb.words)}.0", verb.line)
    numbers: Counter[str] = Counter()
    tokens = {m: _verb_token(vf, book, m, v, exact) for m, v in by_meaning.items()}
    for raw in vf.patterns:
        numbers[raw.meaning] += 1
        pid = f"{raw.meaning}.{numbers[raw.meaning]}"
        verbs = by_meaning.get(raw.meaning)
        if not verbs:
            book.skip(vf.name, raw.line, f"pattern of a block with no verb left: {raw.meaning} moved to a later block")
            continue
        variants = _pattern_elements(vf, book, raw)
        if variants is not None:
            emitted += _pattern_codes(vf, book, taxonomy, raw, variants, tokens[raw.meaning], pid)
    book.patterns.extend(_dedupe(vf, book, emitted))
    for text, line in vf.transformations:
        _convert_transformation(vf, book, taxonomy, tokens, text, line)
    if vf.dialect == 2:
        _combinations(vf, book)
        book.negated = dict(_NEGATED)


# PETRARCH-2 codes a verb negated by `not` (or `n't`, `never`) as its code minus 0xFFFF in
# its internal scheme, which is a CAMEO code only for these: saying no comment (011),
# denying responsibility (016), refusing material cooperation (121) and refusing to yield
# (124): "would not give permission" [080] is 124. Other negated verbs code nothing.
_NEGATED = {
    "010": "011",
    "015": "016",
    "060": "121",
    "061": "1211",
    "062": "1212",
    "080": "124",
    "081": "1241",
    "082": "1242",
    "0841": "1242",
    "0842": "1242",
    "085": "1244",
    "086": "1245",
    "087": "1246",
}

# PETRARCH-2 ranks the CAMEO roots for combining a verb with the verb of its complement: the
# "high-level" roots in this order (say, appeal, intend, demand, protest, threaten,
# disapprove, posture, coerce, investigate, consult), above every other root, which are
# ranked by these values. Reject (12) negates instead; it is left out.
_HIGH_ROOTS = ("01", "02", "03", "10", "14", "13", "11", "15", "17", "09", "04")
_LOW_ROOTS = {"07": 1, "06": 2, "05": 3, "18": 4, "19": 5, "20": 6, "16": 7, "08": 8}
# A complement ranked below its verb adds to it: "wants to help" is an intent to aid (033).
# Only the sums that are CAMEO codes of a whole family are written.
_SUMS = {
    **{
        (outer, inner): outer[:2] + digit
        for outer in ("02", "03", "10")
        for inner, digit in (("06", "1"), ("05", "2"), ("07", "3"), ("08", "5"))
    },
    ("13", "16"): "131",
    ("13", "19"): "138",
}


def _rank(root: str) -> int:
    return 100 + _HIGH_ROOTS.index(root) if root in _HIGH_ROOTS else _LOW_ROOTS[root]


def _combinations(vf: _VerbFile, book: _Book) -> None:
    """Write PETRARCH-2's combination of a verb with an infinitive complement ("agreed to lift
    sanctions on X", "wants to help X") as transformations: the complement's code when it
    ranks as high as the verb's, or two high-level codes meet; their sum when that is a code."""
    roots: dict[str, list[str]] = {}
    for verb in vf.verbs.values():
        code = verb.code.partition(":")[0]
        root = code[:2]
        if len(code) >= 3 and code.isdigit() and root in (*_HIGH_ROOTS, *_LOW_ROOTS) and root != "01":
            roots.setdefault(root, []).append(" ".join(verb.words))
    inners = sorted((*_HIGH_ROOTS, *_LOW_ROOTS))
    for outer in sorted(roots):
        name = f"CODED_{outer}_VERBS"
        book.classes[name] = (roots[outer], f"{vf.name}: the verbs coded {outer}x, for combinations")
        for inner in inners:
            high = outer in _HIGH_ROOTS and inner in _HIGH_ROOTS
            code = "Q" if high or _rank(inner) >= _rank(outer) else _SUMS.get((outer, inner), "")
            if not code:
                continue
            item = (
                f"{{id: {_quote(f'combination.{outer}.{inner}')}, verb: {_quote('@' + name)}, "
                f'inner: {{source: "_", target: "b", code: {_quote(inner)}}}, '
                f'result: {{source: "a", target: "b", code: {_quote(code)}}}}}'
            )
            book.transformations.append((item, f"PETRARCH-2 combination: a {outer}x verb, a {inner}x complement"))
            book.counts["transformations"] += 1


_TRANSFORMATION = re.compile(r"^~\s*a\s*\(\s*(\S+)\s+(\S+)\s+(\S+)\s*\)\s*(\S+)\s*=\s*(\S+)\s+(\S+)\s+(\S+)$")


def _convert_transformation(
    vf: _VerbFile, book: _Book, taxonomy: Taxonomy, tokens: dict[str, str], text: str, line: int
) -> None:
    """Convert a transformation `~ a (b . ATTACK) SAY = a b 112` into a `transformations:` rule."""
    body = _COMMENT.split(text, maxsplit=1)[0].strip()
    match = _TRANSFORMATION.match(body)
    if not match:
        book.skip(vf.name, line, f"unreadable transformation: {body!r} is not `~ a (x y VERB) VERB = x y CODE`")
        return
    source, target, inner, outer, result_source, result_target, code = match.groups()
    verbs = {v.words: v for v in vf.verbs.values()}
    if source not in "ab_." or target not in "ab_." or result_source not in "ab" or result_target not in "ab":
        book.skip(vf.name, line, f"transformation with an unknown variable: {body!r}")
        return
    outer_verb = verbs.get((outer.lower(),))
    inner_verb = verbs.get((inner.lower(),))
    if outer_verb is None or (inner != "Q" and inner_verb is None):
        book.skip(vf.name, line, f"transformation of a verb not in the dictionary: {body!r}")
        return
    family = "Q"
    if inner_verb is not None:
        family = inner_verb.code[:2] if len(inner_verb.code) == 3 and inner_verb.code.endswith("0") else inner_verb.code
        if not _OPEN_CODE.match(family):
            book.skip(vf.name, line, f"transformation of a verb without a code: {inner} is [{inner_verb.code}]")
            return
    if code != "Q" and code not in taxonomy:
        if not _OPEN_CODE.match(code):
            book.skip(vf.name, line, f"not an event code: {code!r} in {body!r}")
            return
        book.unknown_codes.add(code)
    number = len(book.transformations) + 1
    item = (
        f"{{id: {_quote(f'transformation.{number}')}, verb: {_quote(tokens[outer_verb.meaning])}, "
        f"inner: {{source: {_quote(source)}, target: {_quote(target)}, code: {_quote(family)}}}, "
        f"result: {{source: {_quote(result_source)}, target: {_quote(result_target)}, code: {_quote(code)}}}}}"
    )
    book.transformations.append((item, f"{vf.name}:{line} {body}"))
    book.counts["transformations"] += 1


def _pattern_elements(vf: _VerbFile, book: _Book, raw: _RawPattern) -> list[tuple[str, list[str]]] | None:
    """Translate a pattern's text into tokens of our language, `*` standing for the verb."""
    text = raw.text
    if vf.dialect == 1 and "{" in text:
        book.skip(vf.name, raw.line, "TABARI disjunction {...}: PETRARCH-1 skips these patterns")
        return None
    if vf.dialect == 2:
        if text.count("(") != text.count(")") or text.count("{") != text.count("}"):
            book.skip(vf.name, raw.line, "unbalanced (...) or {...} in a PETRARCH-2 pattern")
            return None
        text = re.sub(r"[(){}]", " ", text)
    tokens = _joined_tokens(text.replace("_ ", " ").rstrip("_"))
    if "*" not in (t.lstrip("+") for t in tokens):
        tokens.append("*")
    for token in tokens:
        if token.startswith("@") and token[1:] not in book.classes:
            book.skip(vf.name, raw.line, f"undefined synset: &{token[1:]}")
            return None
    return _place_slots(vf, book, tokens, raw.line)


def _joined_tokens(text: str) -> list[str]:
    """Translate a pattern's tokens; a word joined to the word before by `_` (no blank: the
    words must stand side by side in PETRARCH) gets a leading `+`, as in our `a+b`."""
    out: list[str] = []
    end = -1
    for match in _PATTERN_TOKEN.finditer(text):
        token = _token(match[0])
        between = text[end : match.start()] if end >= 0 else ""
        joined = between and not between.strip("_") and _joinable(out[-1]) and _joinable(token)
        out.append("+" + token if joined else token)
        end = match.end()
    return out


def _joinable(token: str) -> bool:
    """Say whether a token can be joined with `+`: a word, a class or the verb, not a slot."""
    return token.lstrip("+") not in ("{source}", "{target}", "%", "...", "^")


def _token(word: str) -> str:
    """Translate one PETRARCH pattern token."""
    symbols = {"$": "{source}", "+": "{target}", "%": "%", "^": "^"}
    if word in symbols:
        return symbols[word]
    if word.startswith("&"):
        return "@" + _class_name(word)
    # PETRARCH matches a pattern's other words as written ("* EFFORT" is not "efforts"; the
    # dictionaries list both where both are meant), unlike the verb, whose forms it generates.
    return "=" + word.lower() if word[:1].isalpha() else word.lower()


def _place_slots(vf: _VerbFile, book: _Book, tokens: list[str], line: int) -> list[tuple[str, list[str]]] | None:
    """Resolve `%` and add PETRARCH's default source and target; return (id suffix, tokens) variants.

    PETRARCH takes as source the actor nearest before the verb and as target the first
    actor after it. A pattern fixes where a slot stands, so a default slot is placed both
    next to the verb (variant `.subj`/`.obj`, tried first) and at the pattern's edge.
    """
    verb = next(i for i, t in enumerate(tokens) if t.lstrip("+") == "*")
    for i, token in enumerate(tokens):
        if token == "%":
            slot = "{source}" if i < verb else "{target}"
            if slot in tokens:
                book.skip(vf.name, line, f"compound actor %: the pattern already has a {slot}")
                return None
            tokens[i] = slot
    if sum(t == "{source}" for t in tokens) > 1 or sum(t == "{target}" for t in tokens) > 1:
        book.skip(vf.name, line, "slot twice: a pattern has one source and one target")
        return None
    variants = [
        (a + b, _tidy(tokens, s, t))
        for a, s in _default_slots(tokens, verb, "{source}")
        for b, t in _default_slots(tokens, verb, "{target}")
    ]
    good = [(suffix, out) for suffix, out in variants if not _adjacent_slots(out)]
    if not any(suffix == "" for suffix, _ in good):
        book.skip(vf.name, line, "two actors side by side: our patterns need a word between slots")
        return None
    return good


def _default_slots(tokens: list[str], verb: int, slot: str) -> list[tuple[str, int | None]]:
    """Return where a missing slot goes: (id suffix, index to insert at), next to the verb first."""
    if slot in tokens:
        return [("", None)]
    if slot == "{source}":
        has_words, near, edge, suffix = any(t != "^" for t in tokens[:verb]), verb, 0, ".subj"
        edge_free = not _is_slot(tokens[0])
    else:
        has_words, near, edge, suffix = any(t != "^" for t in tokens[verb + 1 :]), verb + 1, len(tokens), ".obj"
        edge_free = not _is_slot(tokens[-1])
        # "* SUMMIT (IN ^) (ON)": the default target, the first actor after the verb, may be
        # the noun phrase the pattern skips between its words ("a summit in X on the unrest")
        inside = [i for i in range(verb + 1, len(tokens) - 1) if tokens[i] == "^"]
        if inside and any(t != "^" for t in tokens[inside[0] + 1 :]):
            return [(".np", inside[0]), (suffix, near), ("", edge if edge_free else None)]
    out: list[tuple[str, int | None]] = [(suffix, near)] if has_words else []
    return [*out, ("", edge if edge_free else None)]


def _tidy(tokens: list[str], source_at: int | None, target_at: int | None) -> list[str]:
    """Insert the default slots and drop gaps at the edges or next to each other."""
    placed: list[str] = []
    for i, token in enumerate([*tokens, ""]):
        placed += ["{source}"] if i == source_at else []
        placed += [_DEFAULT_TARGET] if i == target_at else []
        placed += [token] if token and not (i == target_at and token == "^") else []  # a slot in its place
    out: list[str] = []
    for token in placed:
        if token == "^" and not out:
            continue
        out.append(token)
    while out and out[-1] == "^":
        out.pop()
    return out


def _adjacent_slots(tokens: list[str]) -> bool:
    """Say whether two slots stand side by side (our patterns need a word between)."""
    return any(_is_slot(a) and _is_slot(b) for a, b in zip(tokens, tokens[1:], strict=False))


def _is_slot(token: str) -> bool:
    """Say whether a token is an actor slot."""
    return token in ("{source}", "{target}", _DEFAULT_TARGET)


def _pattern_codes(
    vf: _VerbFile,
    book: _Book,
    taxonomy: Taxonomy,
    raw: _RawPattern,
    variants: list[tuple[str, list[str]]],
    token: str,
    pid: str,
) -> list[_Pattern]:
    """Emit a pattern under its code; `[---]` becomes the null code (blocks, codes nothing)."""
    if all(part.strip() in ("", "---") for part in raw.code.split(":")):
        return _emit(vf, book, variants, [_Plan(NULL_CODE)], token, pid, raw.line)
    return _emit(vf, book, variants, _code_plan(vf, book, taxonomy, raw.code, raw.line), token, pid, raw.line)


@dataclass(frozen=True, slots=True)
class _Plan:
    """How a PETRARCH code is written: our code, slots swapped, symmetric, reverse code."""

    code: str
    swapped: bool = False
    symmetric: bool = False
    reverse: str = ""


def _code_plan(
    vf: _VerbFile, book: _Book, taxonomy: Taxonomy, code: str, line: int, null_ok: bool = False
) -> list[_Plan]:
    """Read a code `c`, `c1:c2` or `:c2`; report what cannot be said.

    `c1:c2` codes c1 for source -> target and c2 for target -> source (PETRARCH's reverse
    event); `c1:c1` is a symmetric pattern. A code outside CAMEO is kept (the codebook then
    allows unknown codes) when it looks like a code.
    """
    forward, _, backward = (part.strip() for part in code.partition(":"))
    if forward in ("", "---") and backward in ("", "---"):
        if not null_ok:
            book.skip(vf.name, line, "null code: [---] on a pattern codes nothing")
        return []
    known = [c for c in (forward, backward) if c not in ("", "---") and _known(vf, book, taxonomy, c, line)]
    if forward in ("", "---"):
        return [_Plan(backward, swapped=True)] if backward in known else []
    if forward not in known:
        return []
    if backward in ("", "---", forward):
        return [_Plan(forward, symmetric=backward == forward)]
    return [_Plan(forward, reverse=backward if backward in known else "")]


def _known(vf: _VerbFile, book: _Book, taxonomy: Taxonomy, code: str, line: int) -> bool:
    """Say whether a code can be written: a CAMEO code, or one kept as an unknown code."""
    if code in taxonomy:
        return True
    if re.fullmatch(r"[A-Za-z0-9]{1,8}", code):
        book.unknown_codes.add(code)
        return True
    book.skip(vf.name, line, f"not an event code: {code}")
    return False


def _emit(
    vf: _VerbFile,
    book: _Book,
    variants: list[tuple[str, list[str]]],
    plan: list[_Plan],
    verb: str,
    pid: str,
    line: int,
) -> list[_Pattern]:
    """Write a pattern's variants with the verb filled in, checked by our pattern parser."""
    swap = {"{source}": "{target}", "{target}": "{source}", _DEFAULT_TARGET: "{source}"}
    out: list[_Pattern] = []
    for step in plan:
        for suffix, elements in variants:
            filled = [
                verb if e == "*" else f"+{verb}" if e == "+*" else swap.get(e, e) if step.swapped else e
                for e in elements
            ]
            slots = {"{target}": _TARGET, _DEFAULT_TARGET: "{target:any?}"}
            # PETRARCH's source after the verb is, like its target, the first actor there
            at = next(i for i, e in enumerate(elements) if e.lstrip("+") == "*")
            filled = [_SOURCE if e == "{source}" and i > at else e for i, e in enumerate(filled)]
            text = _join([slots.get(e, e) for e in filled])
            errors = parse_pattern(text)[1]
            if errors and not suffix:
                book.skip(vf.name, line, f"cannot be written as a pattern: {errors[0]} in {text!r}")
            if not errors:
                origin = f"{vf.name}:{line}"
                out.append(_Pattern(text, step.code, pid + suffix, origin, step.symmetric, bool(suffix), step.reverse))
    return out


def _join(tokens: list[str]) -> str:
    """Write tokens as a pattern: a `+token` is glued to the word before it (`new+@TIETYPES`),
    unless a slot or a gap now stands there."""
    out = ""
    for token in tokens:
        if token.startswith("+") and out and not out.endswith(("}", "^")):
            out += token
        else:
            out += (" " if out else "") + token.lstrip("+")
    return out


def _dedupe(vf: _VerbFile, book: _Book, patterns: list[_Pattern]) -> list[_Pattern]:
    """Keep one pattern per wording: the dictionary's own over a variant, else the last (as PETRARCH)."""
    kept: dict[str, _Pattern] = {}
    for pattern in patterns:
        earlier = kept.get(pattern.text)
        if earlier is not None and pattern.variant and not earlier.variant:
            continue
        if earlier is not None and not earlier.variant and not pattern.variant:
            book.skip(
                vf.name,
                int(earlier.origin.rpartition(":")[2]),
                f"same words as a later pattern: {pattern.text!r} is coded at {pattern.origin} (PETRARCH keeps the last)",
            )
        kept[pattern.text] = pattern
    order = {id(p): i for i, p in enumerate(patterns)}
    out = sorted(kept.values(), key=lambda p: order[id(p)])
    used = Counter(p.id for p in out)
    seen: Counter[str] = Counter()
    for pattern in out:
        if used[pattern.id] > 1:
            seen[pattern.id] += 1
            pattern.id = f"{pattern.id}.{seen[pattern.id]}"
    return out


# -- actors ----------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Rule:
    """One PETRARCH code rule: `<`, `>`, `-` (interval) or `=` (undated) and its code."""

    kind: str
    code: str
    start: date | None = None
    end: date | None = None

    def holds(self, day: date) -> bool:
        """Say whether the restriction applies on a day (limits included)."""
        if self.kind == "<":
            return day <= self.end
        if self.kind == ">":
            return day >= self.start
        return self.start <= day <= self.end


@dataclass(slots=True)
class _Entry:
    """An actor record as read: names with their lines, and code rules in file order."""

    names: list[tuple[str, int]] = field(default_factory=list)
    rules: list[_Rule] = field(default_factory=list)
    line: int = 0
    problem: str = ""
    group: list[str] = field(default_factory=list)  # the codes of a compound `[A/B]`


def _petrarch_date(text: str) -> date:
    """Read a PETRARCH date, YYYYMMDD or YYMMDD (YY up to 30 is 20YY)."""
    digits = re.sub(r"\D", "", text)
    if len(digits) > 7:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    if len(digits) < 6:
        raise ValueError(text)
    year = int(digits[:2])
    return date(year + (2000 if year <= 30 else 1900), int(digits[2:4]), int(digits[4:6]))


def _parse_rule(content: str) -> _Rule:
    """Parse the inside of a code bracket: `CODE`, `CODE <date`, `CODE >date`, `CODE d1-d2`."""
    code, _, rest = content.strip().partition(" ")
    code, rest = code.strip().upper(), rest.strip()
    if not rest:
        return _Rule("=", code)
    if rest[0] in "<>":
        day = _petrarch_date(rest[1:])
        return _Rule("<", code, end=day) if rest[0] == "<" else _Rule(">", code, start=day)
    first, dash, second = rest.partition("-")
    if not dash:
        raise ValueError(rest)
    start, end = _petrarch_date(first), _petrarch_date(second)
    if end < start:
        raise ValueError(f"{rest}: ends before it starts")
    return _Rule("-", code, start, end)


def _read_entries(path: Path, book: _Book) -> list[_Entry]:
    """Read an actor dictionary into entries; a codeless phrase joins the next coded one."""
    entries: list[_Entry] = []
    current = _Entry()
    for number, text in _read_lines(path, semicolon=True):
        if "---STOP---" in text:
            break
        stripped = text.strip()
        if stripped.startswith("[") or text.startswith("\t"):
            _add_rules(path.name, book, current, stripped, number)
            continue
        if stripped.startswith("+"):
            current.names.append((stripped[1:].partition("[")[0], number))
            _add_rules(path.name, book, current, stripped, number, inline=True)
            continue
        if current.rules or current.problem or current.group:
            entries.append(current)
            current = _Entry()
        current.line = current.line or number
        current.names.append((stripped.partition("[")[0], number))
        _add_rules(path.name, book, current, stripped, number, inline=True)
    entries.append(current)
    return [e for e in entries if e.names]


def _add_rules(file: str, book: _Book, entry: _Entry, text: str, line: int, inline: bool = False) -> None:
    """Add the code brackets of a line to an entry, reporting those that cannot be read."""
    groups = _BRACKETS.findall(text)
    if not groups and not inline:
        book.skip(file, line, "date restriction without a code: no [...] on the line")
    for content in groups:
        if "/" in content:
            entry.group = [c.strip().upper() for c in content.split("/")]
            bad = [c for c in entry.group if not _ACTOR_CODE.match(c)]
            entry.problem = f"not a valid actor code: {', '.join(bad)} in [{content.strip()}]" if bad else ""
            continue
        try:
            entry.rules.append(_parse_rule(content))
        except ValueError:
            book.skip(file, line, f"unreadable date restriction: [{content.strip()}]")


def _code_on(rules: list[_Rule], day: date) -> str:
    """Return the code PETRARCH gives on a day: first restriction that holds, else first undated."""
    for rule in rules:
        if rule.kind != "=" and rule.holds(day):
            return rule.code
    return next((r.code for r in rules if r.kind == "="), "---")


def _timeline(rules: list[_Rule]) -> list[tuple[str, date | None, date | None]]:
    """Resolve code rules into non-overlapping (code, from, to) ranges; null ranges left out."""
    cuts = sorted(
        {r.start for r in rules if r.start} | {r.end + timedelta(days=1) for r in rules if r.end and r.end < date.max}
    )
    starts: list[date | None] = [None, *cuts]
    spans: list[tuple[str, date | None, date | None]] = []
    for i, start in enumerate(starts):
        end = cuts[i] - timedelta(days=1) if i < len(cuts) else None
        probe = start or (cuts[0] - timedelta(days=1) if cuts else date(2000, 1, 1))
        code = _code_on(rules, probe)
        if spans and spans[-1][0] == code:
            spans[-1] = (code, spans[-1][1], end)
        else:
            spans.append((code, start, end))
    return [s for s in spans if s[0] != "---"]


@dataclass(slots=True)
class _Claim:
    """Which actor holds a name, and whether its spelling ended in `_` (PETRARCH-1's ranking)."""

    identity: str
    actor: _Actor
    file: str
    line: int
    marked: bool


def _convert_actors(path: Path, book: _Book, claimed: dict[str, _Claim]) -> None:
    """Read an actor dictionary and add its actors, one name to one actor."""
    book.sources.setdefault("actors", []).append(path.name)
    for entry in _read_entries(path, book):
        actor = _entry_actor(path.name, book, entry)
        if actor is None:
            continue
        actor.names = _claim(path.name, book, actor, entry, claimed)
        if actor.names:  # else every name was reported as a duplicate
            book.actors.append(actor)


def _entry_actor(file: str, book: _Book, entry: _Entry) -> _Actor | None:
    """Turn an entry into an actor with valid dated codes, or report why it cannot be one."""
    line = entry.line or entry.names[0][1]
    if entry.problem:
        book.skip(file, line, entry.problem)
        return None
    if entry.group:  # a compound code: one actor standing for several, undated
        return _Actor([], [(entry.group[0], None, None)], f"{file}:{line}", entry.group)
    if not entry.rules:
        book.skip(file, line, "actor without a code")
        return None
    invalid = [r.code for r in entry.rules if r.code != "---" and not _ACTOR_CODE.match(r.code)]
    for rule in entry.rules:
        rule.code = "---" if rule.code in invalid else rule.code
    codes = _timeline(entry.rules)
    if invalid:
        where = "" if not codes else " (no code on the days it applies)"
        book.skip(file, line, f"not a valid actor code: {', '.join(invalid)}{where}")
    elif not codes:
        book.skip(file, line, "null actor code: [---] only, which PETRARCH treats as no actor")
    return _Actor([], codes, f"{file}:{line}") if codes else None


def _claim(file: str, book: _Book, actor: _Actor, entry: _Entry, claimed: dict[str, _Claim]) -> list[str]:
    """Return the entry's names not held by an earlier actor (PETRARCH-1 uses the first).

    A spelling with a final underscore (`PRESIDENT_BUSH_`) takes the name from an earlier
    actor whose spelling had none: PETRARCH-1 stores the final `_` as one more (empty) word
    and tries an actor's longer phrases first, so that spelling is matched before the other.
    """
    names: list[str] = []
    identity = "|".join(f"{c}@{s}-{e}" for c, s, e in actor.codes)
    for raw, line in entry.names:
        name = _display_name(raw)
        if not name:
            continue
        if "\ufffd" in name:
            book.skip(file, line, f"unreadable character in name: {name!r}")
            continue
        folded = _folded(name)
        marked = raw.rstrip().endswith("_")
        owner = claimed.get(folded)
        if owner is not None and owner.actor is not actor and marked and not owner.marked:
            owner.actor.names = [n for n in owner.actor.names if _folded(n) != folded]
            same = "same codes" if owner.identity == identity else "other codes"
            taken = f"duplicate name ({same}): {name!r} is taken by the spelling with a final _ at {file}:{line}"
            book.skip(owner.file, owner.line, taken)
            owner = None
        if owner is None:
            claimed[folded] = _Claim(identity, actor, file, line, marked)
            names.append(name)
        elif owner.actor is not actor:
            same = "same codes" if owner.identity == identity else "other codes"
            held = f"duplicate name ({same}): {name!r} already belongs to the actor at {owner.actor.origin}"
            book.skip(file, line, held)
    return names


def _folded(name: str) -> str:
    """Fold a name for comparing: lower case, one blank between words, plain apostrophes."""
    return " ".join(name.lower().replace("’", "'").split())


def _display_name(raw: str) -> str:
    """Write a PETRARCH actor phrase as a name: Title Case; short English words in capitals."""
    words = _words(raw.strip().rstrip("_"))
    if not words:
        return ""
    if len(words) == 1 and words[0].lower() in _SHORT_WORDS:
        return words[0].upper()
    shown = [w if "." in w and w.replace(".", "").isupper() else _title(w) for w in words]
    if len(shown) > 1 and shown[0].lower() in _PARTICLES:
        shown[0] = shown[0].lower()
    elif "-" in shown[0] and shown[0].split("-")[0].lower() in _PARTICLES:
        head, _, tail = shown[0].partition("-")
        shown[0] = f"{head.lower()}-{tail}"
    return " ".join(shown)


def _title(word: str) -> str:
    """Capitalise each run of letters of a word (`AL-QAEDA` -> `Al-Qaeda`)."""
    return re.sub(r"[^\W\d_]+", lambda m: m[0][:1].upper() + m[0][1:].lower(), word)


# -- agents, discards, issues ------------------------------------------------------------------------


def _convert_agents(path: Path, book: _Book) -> None:
    """Read an agent dictionary and add its role words by code."""
    book.sources.setdefault("agents", []).append(path.name)
    substitutions: dict[str, list[str]] = {}
    owner: dict[str, str] = {}
    lines: dict[str, int] = {}
    for number, text in _read_lines(path):
        definition = _SUBSTITUTION.match(text.strip())
        if definition:
            substitutions[definition[1]] = [a.strip() for a in definition[2].split(",") if a.strip()]
            continue
        entry = _agent_entry(path.name, book, text, number, substitutions)
        if entry is None:
            continue
        code, words = entry
        for word in words:
            if word in owner:
                if owner[word] != code:
                    book.skip(path.name, number, f"agent phrase already has a code: {word!r} is {owner[word]}")
                continue
            owner[word] = code
            lines[word] = number
    for word in owner:
        code = _nested_code(word, owner)
        if code is None:
            book.skip(path.name, lines[word], f"agent phrase with codes before and after: {word!r} holds both kinds")
            continue
        book.agents.setdefault(code, []).append(word)
    book.counts["agents"] = len(book.agents)
    book.counts["agent words"] = len(owner)


def _agent_entry(
    file: str, book: _Book, text: str, line: int, substitutions: dict[str, list[str]]
) -> tuple[str, list[str]] | None:
    """Parse `phrase {plural} [~CODE]` into (code, words), or report why not."""
    codes = _BRACKETS.findall(text)
    if not codes:
        book.skip(file, line, "agent without a [code]")
        return None
    code = codes[-1].replace(" ", "").upper()
    if code.endswith("~") and not code.startswith("~"):
        code = "~" + code  # `[HGM~]` prepends: kept as `HGM~`
    elif not code.startswith("~"):
        book.skip(file, line, f"agent code without ~: [{code}] says neither append nor prepend")
        return None
    if not _AGENT_CODE.match(code.strip("~")):
        book.skip(file, line, f"not an agent code: [{code}] is not groups of three capitals")
        return None
    body = text.partition("[")[0]
    phrase, _, plural = body.partition("{")
    try:
        words = [p for raw in [phrase, *plural.partition("}")[0].split()] for p in _expand(raw, substitutions)]
    except KeyError as missing:
        book.skip(file, line, f"undefined substitution: {missing.args[0]}")
        return None
    words = [w for w in dict.fromkeys(_phrase(w) for w in words) if w]
    if plural.strip():  # `{...}` lists the plurals, `{}` says there are none: no others
        words = ["=" + w for w in words]
    return (code[1:], words) if words else None


def _nested_code(word: str, owner: dict[str, str]) -> str | None:
    """Return the code of an agent phrase with the codes of the agent phrases inside it, as
    PETRARCH adds every agent it finds in a noun phrase (`main opposition group` [~MOP] holds
    `opposition group` [~OPP]: `MOPOPP`); None if some codes go before and some after.

    Appended codes are sorted, and one already inside another is dropped (`GOVFRM` holds
    `GOV`); prepended codes (`HGM~`) go in front one after the other, the innermost first.
    """
    tokens = word.removeprefix("=").split()
    found = [owner[word]]
    for start in range(len(tokens)):
        for end in range(len(tokens), start, -1):
            inner = " ".join(tokens[start:end])
            if end - start < len(tokens) and (owner.get(inner) or owner.get("=" + inner)):
                found.append(owner.get(inner) or owner["=" + inner])
    before = [c.removesuffix("~") for c in found if c.endswith("~")]
    after = sorted({c for c in found if not c.endswith("~")})
    after = [c for c in after if not any(c != other and c in other for other in after)]
    if before and after:
        return None
    if before:
        return "".join(reversed(list(dict.fromkeys(before)))) + "~"
    return "".join(after)


def _expand(text: str, substitutions: dict[str, list[str]]) -> list[str]:
    """Expand the `!X!` markers of a phrase into every alternative."""
    markers = _MARKER.findall(text)
    if not markers:
        return [text]
    parts = _MARKER.split(text)
    out = []
    for choice in product(*(substitutions[m] for m in markers)):
        out.append("".join(p + c for p, c in zip(parts, [*choice, ""], strict=True)))
    return out


def _convert_discards(path: Path, book: _Book) -> None:
    """Read a discard list: `+phrase` discards the story, a phrase the sentence."""
    book.sources.setdefault("discards", []).append(path.name)
    for _number, text in _read_lines(path, semicolon=True):
        stripped = text.strip()
        story = stripped.startswith("+")
        phrase = _phrase(stripped.lstrip("+"))
        target = book.story_discards if story else book.sentence_discards
        if phrase and phrase not in target:
            target.append(phrase)
    book.counts["discards"] = len(book.sentence_discards) + len(book.story_discards)


def _convert_issues(path: Path, book: _Book) -> None:
    """Report issue phrases: our codebooks have no issue coding."""
    book.sources.setdefault("issues", []).append(path.name)
    for number, text in _read_lines(path):
        if text.strip().startswith("<"):
            continue
        book.skip(path.name, number, "issue coding: no equivalent in our codebooks")


# -- writing YAML ----------------------------------------------------------------------------------


def _flow(items: list[str], indent: int) -> str:
    """Write a flow list of quoted strings, wrapped to the page width."""
    lines, current = [], "["
    for i, item in enumerate(items):
        piece = _quote(item) + (", " if i < len(items) - 1 else "")
        if len(current) + len(piece) > _WIDTH - indent and current != "[":
            lines.append(current.rstrip())
            current = " " * (indent + 1)
        current += piece
    lines.append(current + "]")
    return "\n".join(lines)


def _yaml_actors(book: _Book) -> list[str]:
    """Write the countries and actors sections."""
    out: list[str] = []
    countries = [a for a in book.actors if a.is_country]
    others = [a for a in book.actors if not a.is_country]
    if countries:
        out += ["", "countries:"]
        for actor in countries:
            out.append(f"  - code: {_quote(actor.codes[0][0])}  # {actor.origin}")
            out.append(f"    names: {_flow(actor.names, 11)}")
    if others:
        out += ["", "actors:"]
        for actor in others:
            out.append(f"  - names: {_flow(actor.names, 11)}  # {actor.origin}")
            if actor.group:
                out.append(f"    group: {_flow(actor.group, 11)}")
                continue
            if len(actor.codes) == 1 and not actor.codes[0][1] and not actor.codes[0][2]:
                out.append(f"    code: {_quote(actor.codes[0][0])}")
                continue
            out.append("    codes:")
            for code, start, end in actor.codes:
                parts = [f"code: {_quote(code)}"]
                parts += [f"from: {_quote(start.isoformat())}"] if start else []
                parts += [f"to: {_quote(end.isoformat())}"] if end else []
                out.append(f"      - {{{', '.join(parts)}}}")
    return out


def _yaml_words(book: _Book) -> list[str]:
    """Write the agents, classes, verbs and discards sections."""
    out: list[str] = []
    if book.agents:
        out += ["", f"agents:  # {', '.join(book.sources.get('agents', []))}"]
        for code, words in book.agents.items():
            out += [f"  - code: {_quote(code.removesuffix('~'))}"]
            out += ["    prepend: true"] if code.endswith("~") else []
            out += [f"    words: {_flow(words, 11)}"]
    if book.classes:
        out += ["", "classes:"]
        for name, (members, origin) in book.classes.items():
            out.append(f"  # {origin}")
            out.append(f"  {_quote(name)}: {_flow(members, len(name) + 6)}")
    if book.verb_forms:
        out += ["", "verbs:"]
        out += [f"  {_quote(v)}: {_flow(forms, len(v) + 6)}" for v, forms in book.verb_forms.items()]
    if book.sentence_discards or book.story_discards:
        out += ["", f"discards:  # {', '.join(book.sources.get('discards', []))}"]
        out += [f"  sentence: {_flow(book.sentence_discards, 12)}"] if book.sentence_discards else []
        out += [f"  story: {_flow(book.story_discards, 9)}"] if book.story_discards else []
    return out


def _yaml_events(book: _Book) -> list[str]:
    """Write the events section: one group a code, patterns in the long form."""
    if not book.patterns:
        return []
    taxonomy = load_taxonomy("cameo")
    groups: dict[str, list[_Pattern]] = {}
    for pattern in book.patterns:
        groups.setdefault(pattern.code, []).append(pattern)
    out = ["", f"events:  # {', '.join(book.sources.get('verbs', []))}"]
    for code in sorted(groups):
        kind = taxonomy.get(code)
        out.append(f"  - code: {_quote(code)}  # {kind.name if kind else ''}")
        out.append("    patterns:")
        for p in groups[code]:
            extra = ", symmetric: true" if p.symmetric else ""
            extra += f", reverse: {_quote(p.reverse)}" if p.reverse else ""
            out.append(f"      - {{pattern: {_quote(p.text)}, id: {_quote(p.id)}{extra}}}  # {p.origin}")
    return out


def _codebook_name(groups: list[list[Path]]) -> str:
    """Name the codebook after the first group of files with a common dotted prefix (`PETR.Validate`)."""
    for paths in groups:
        parts = [p.name.split(".") for p in paths]
        common: list[str] = []
        for column in zip(*parts, strict=False):
            if len(set(column)) != 1:
                break
            common.append(column[0])
        if paths and common and len(common) < min(len(p) for p in parts):
            return "-".join(common).lower()
    return "petrarch"


def _write_yaml(book: _Book, name: str) -> str:
    """Write the collected codebook as YAML text."""
    sources = "; ".join(f"{k} {', '.join(v)}" for k, v in book.sources.items())
    out = [
        "# Converted from PETRARCH dictionaries by `coder codebook import-petrarch`.",
        f"# Sources: {sources}.",
        "# The dictionaries are third-party data under their own licence; see their headers.",
        f"codebook: {_quote(name)}",
        'taxonomy: "cameo"',
        *(['unknown_codes: "allow"  # the dictionaries use codes outside CAMEO'] if book.unknown_codes else []),
        'require: "both"  # PETRARCH codes an event only with a source and a target (its require_dyad)',
        "# PETRARCH-2 codes cooperation (03-06) of a compound subject with no target between its members",
        'mutual: ["03", "04", "05", "06"]',
        "# every pattern's first word is PETRARCH's verb (`*`), never a noun",
        "verb_anchors: true",
        "# a role with no country takes the country of the place named after the verb, as",
        "# PETRARCH-2 mixes a place phrase's code into a role-only noun phrase",
        "place_roles: true",
        f"description: {_quote('Imported from PETRARCH dictionaries: ' + sources)}",
    ]
    if book.negated:
        pairs = ", ".join(f"{_quote(k)}: {_quote(v)}" for k, v in book.negated.items())
        out += [
            "# PETRARCH-2 codes a verb negated by `not` as its rejection, where CAMEO has one",
            f"negated: {{{pairs}}}",
        ]
    out += _yaml_actors(book) + _yaml_words(book) + _yaml_events(book)
    if book.transformations:
        out += ["", f"transformations:  # {', '.join(book.sources.get('verbs', []))}"]
        for item, origin in book.transformations:
            out += [f"  # {origin}", f"  - {item}"]
    return "\n".join(out) + "\n"


# -- the entry point -------------------------------------------------------------------------------


def import_petrarch(
    verbs: Path | None,
    actors: list[Path],
    agents: Path | None,
    discards: Path | None,
    issues: Path | None = None,
) -> tuple[str, ImportReport]:
    """Return the YAML text of the converted codebook and a report."""
    book = _Book()
    if verbs is not None:
        _convert_verbs(Path(verbs), book)
    claimed: dict[str, _Claim] = {}
    for path in actors:
        _convert_actors(Path(path), book, claimed)
    book.actors = [a for a in book.actors if a.names]  # an actor may have lost every name
    if agents is not None:
        _convert_agents(Path(agents), book)
    if discards is not None:
        _convert_discards(Path(discards), book)
    if issues is not None:
        _convert_issues(Path(issues), book)
    countries = sum(a.is_country for a in book.actors)
    book.counts.update(
        {
            "patterns": len(book.patterns),
            "countries": countries,
            "actors": len(book.actors) - countries,
            "actor names": sum(len(a.names) for a in book.actors),
            "dated codes": sum(1 for a in book.actors for _, s, e in a.codes if s or e),
        }
    )
    every = [Path(p) for p in (verbs, *actors, agents, discards) if p is not None]
    text = _write_yaml(book, _codebook_name([every, [Path(p) for p in actors]]))
    return text, ImportReport(dict(book.counts), book.skipped)
