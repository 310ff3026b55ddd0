"""Own actor recognition: tokens -> actor phrases with CAMEO-style codes.

Named actors, countries (by name, adjective, capital or city), and agents (role words) are
found by a dictionary scan over lower-case tokens, longest phrase first. Mentions then
combine into actor phrases: a country and a role (`Libyan interior minister` -> LBYGOV,
`the president of France` -> FRAGOV), a title and a name (`Interior Minister Fathi Bashagha`),
compounds (`Hungarian and Romanian officials` -> HUNGOV and ROUGOV, kept apart), and
back-references within a document (a later surname, `he`, `his government`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from coder.codebook.model import Actor, Codebook, DatedCode, Where
from coder.inflection import noun_forms
from coder.places import countries as iso_countries
from coder.sentences import fold, tokenize

PREPOSITIONS = frozenset(
    "in at near from of on to for with by against into across over during after before "
    "inside outside toward towards around between among within through via under behind".split()
)
DETERMINERS = frozenset("the a an its their his her our this that these those some two three several".split())
# Words that may stand between a country and its role word ("Libya's Interior Minister").
_LINKS = frozenset({"'s", "’s", "-"})
_STOP = frozenset(
    'and or nor but said says say told , ; : . ( ) " who which that was were is are has have had will would not'.split()
)
QUANTITIES = frozenset(
    "hundreds thousands dozens scores tens millions group groups number team teams unit units contingent "
    "delegation some many most all several few one two three four five six seven eight nine ten".split()
)
MODIFIER_PARTICIPLES = frozenset(
    "linked backed allied affiliated aligned inspired supported funded sponsored influenced controlled ruled governed"
    " dominated".split()
)
_ARTICLES = frozenset({"the", "a", "an"})
# Words after a bare role word that are no noun it modifies: "held civilians as human shields"
_COMPARING = frozenset({"as", "like", "than"})
_CORRELATIVES = frozenset({"neither", "either", "both", "whether"})
PRONOUNS = frozenset({"he", "she"})
POSSESSIVE_PRONOUNS = frozenset({"his", "her"})
_REFERRING = PRONOUNS | POSSESSIVE_PRONOUNS
# Every joiner `_compound` accepts has one of these words.
_JOINING = frozenset({",", "and", "or", "nor", "as"})
# Prefixes before a name that make the phrase about others: "non-Muslims", "pro-Russia rebels"
# (rebels who back Russia, not Russia's). Not "anti-": PETRARCH's suite codes the group an
# "anti-X parade" is against as its target, and so do we.
_NOT_THE_GROUP = frozenset({"non", "pro"})
# Conjunctions that open a clause: actors on either side of one are never one compound.
CLAUSE_CONJUNCTIONS = frozenset("while whilst whereas although though but because unless when whereupon yet".split())
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "van", "von", "da", "abu", "-"})
# Words that are never part of a new actor's name (`new_actor_length`).
_NOT_NAME = (
    _STOP
    | PREPOSITIONS
    | DETERMINERS
    | QUANTITIES
    | _CORRELATIVES
    | frozenset(
        "the but if as than then also not no mr mrs ms monday tuesday wednesday thursday friday saturday sunday "
        "january february march april may june july august september october november december "
        "today yesterday tomorrow tonight i we you he she it they his her its their our".split()
    )
)


@dataclass(frozen=True, slots=True)
class Entry:
    """What a dictionary phrase stands for."""

    kind: str  # "country", "actor", "agent"
    actor: Actor | None
    role: str  # an agent's code: `GOV` goes after the actor's code, `HGM~` before it
    caps: bool  # must be written with a capital (names), or all capitals (short acronyms)
    acronym: bool
    label: str  # where it came from, for explanations
    bound: bool = False  # a role word whose article was dropped: it needs a determiner or an actor before it


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    entry: Entry


@dataclass(slots=True)
class Chunk:
    """An actor phrase in a sentence: token span, codes (one per actor) and provenance."""

    start: int
    end: int
    codes: list[str]
    prep: str = ""
    prep_at: int = -1  # where that preposition stands
    person: bool = False
    origin: list[str] = field(default_factory=list)
    stem: str = ""  # a country-and-role phrase's code before its last role word (`DNK` of `DNKMED`)


@dataclass(slots=True)
class DocumentContext:
    """What earlier sentences of a document said about people, for back-reference."""

    surnames: dict[str, list[str]] = field(default_factory=dict)
    last_person: list[str] = field(default_factory=list)


# nouns naming an organisation of the role word before them ("teachers association")
ORGANISATION_NOUNS = frozenset(
    "association associations union unions federation federations organisation organization "
    "organisations organizations committee committees council councils group groups movement "
    "movements network networks syndicate syndicates alliance alliances collective collectives".split()
)


class ActorTable:
    """The compiled actor dictionary of a codebook."""

    def __init__(self, codebook: Codebook) -> None:
        self.phrases: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
        self.countries: set[str] = set()
        # Verb forms that start a clause: "attacked Libya and Turkish jets bombed Syria" is two
        # clauses, not one compound object. The coder fills this from its patterns.
        self.verbs: frozenset[str] = frozenset()
        for actor in codebook.actors:
            label = f"{actor.kind} {actor.names[0]!r} ({actor.where})"
            if actor.kind == "country":
                self.countries.add(actor.codes[0].code)
            elif not actor.person and not actor.group:
                # a country whose code changed ("Ukraine": USRUKR, then UKR) is a named actor
                # with dated codes; its plain country codes still make it a country on those days
                iso = iso_countries()
                self.countries.update(c.code for c in actor.codes if len(c.code) == 3 and c.code in iso)
            for group in (actor.names, actor.adjectives, actor.capitals, actor.cities):
                for name in group:
                    self._add(name, Entry(actor.kind, actor, "", True, _acronym(name), label))
            if actor.kind == "country":
                # "Thousands of Egyptians": a demonym in -an or -i names the country's people in
                # the plural too, where the codebook does not list it (TABARI's stem match)
                for name in (*actor.names, *actor.adjectives):
                    if " " not in name and name[:1].isupper() and len(name) > 4 and name.endswith(("an", "i")):
                        self._add(name + "s", Entry(actor.kind, actor, "", True, False, label))
            for adjective in actor.adjectives:
                # "tunisian rioters": a demonym in -an/-ese is not an English word, so it may be
                # written without its capital (names and other adjectives may not).
                if " " not in adjective and adjective.lower().endswith(("an", "ans", "ese")) and len(adjective) > 5:
                    self._add_tokens((adjective.lower(),), Entry(actor.kind, actor, "", False, False, label))
        bare: list[tuple[tuple[str, ...], Entry]] = []
        for agent in codebook.agents:
            label = f"agent {agent.code} ({agent.where})"
            role = agent.code + "~" if agent.prepend else agent.code
            for word in agent.words:
                exact = word.startswith("=")  # "=police": this form only, no plural
                tokens = [fold(t) for t in tokenize(word.removeprefix("="))]
                for last in [tokens[-1]] if exact else noun_forms(tokens[-1]):
                    phrase = (*tokens[:-1], last)
                    self._add_tokens(phrase, Entry("agent", None, role, False, _acronym(word), label))
                    if len(phrase) > 1 and phrase[0] in _ARTICLES:
                        # "the court" is a role in "a Tunisian court" too, but "pm" alone is not one
                        bare.append((phrase[1:], Entry("agent", None, role, False, False, label, bound=True)))
        for phrase, entry in bare:
            if not any(t == phrase for t, _ in self.phrases.get(phrase[0], ())):
                self._add_tokens(phrase, entry)
        for entries in self.phrases.values():
            entries.sort(key=lambda item: -len(item[0]))
        # by first token: longer names by their second token (longest first), then one-word names
        self.starts: dict[
            str, tuple[dict[str, list[tuple[tuple[str, ...], Entry]]], list[tuple[tuple[str, ...], Entry]]]
        ] = {}
        for first, entries in self.phrases.items():
            longer: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
            for tokens, entry in entries:
                if len(tokens) > 1:
                    longer.setdefault(tokens[1], []).append((tokens, entry))
            self.starts[first] = (longer, [(t, e) for t, e in entries if len(t) == 1])

    def _add(self, name: str, entry: Entry) -> None:
        tokens = tuple(fold(t) for t in tokenize(name))
        caps = name[:1].isupper()
        self._add_tokens(tokens, Entry(entry.kind, entry.actor, entry.role, caps, entry.acronym, entry.label))

    def _add_tokens(self, tokens: tuple[str, ...], entry: Entry) -> None:
        if tokens:
            entries = self.phrases.setdefault(tokens[0], [])
            if not any(
                t == tokens and e.kind == entry.kind and e.actor is entry.actor and e.caps == entry.caps
                for t, e in entries
            ):
                entries.append((tokens, entry))

    def country_of(self, code: str) -> str:
        """Return the country part of an actor code, or '' if it has none."""
        return code[:3] if code[:3] in self.countries else ""

    # -- finding mentions ---------------------------------------------------------------
    def mentions(self, texts: list[str], lows: list[str]) -> list[Mention]:
        """Find the dictionary's names and role words in a sentence, longest first."""
        found: list[Mention] = []
        n = len(lows)
        starts = self.starts
        free = 0  # the first token not inside a mention already found
        for i in [i for i, low in enumerate(lows) if low in starts]:
            if i < free:
                continue
            if i >= 2 and lows[i - 1] == "-" and lows[i - 2] in _NOT_THE_GROUP:
                continue  # "non-Muslims", "pro-Russia rebels": not the group named
            longer, single = starts[lows[i]]
            candidates = longer.get(lows[i + 1]) if i + 1 < n and longer else None
            if candidates is None:
                if not single:
                    continue  # "the" before no role word: the common case
                options = single
            else:
                options = candidates + single
            for tokens, entry in options:
                size = len(tokens)
                if size > 2 and (i + size > n or tuple(lows[i : i + size]) != tokens):
                    continue
                text = texts[i]
                if entry.acronym and not text.isupper():
                    continue
                if entry.caps and text.islower():
                    continue  # a name needs a capital, if not its first letter ("iPhone")
                if entry.bound and not (
                    i > 0 and (lows[i - 1] in DETERMINERS or lows[i - 1] in _LINKS or (found and found[-1].end == i))
                ):
                    continue
                if entry.kind == "actor" and found and _owned(found[-1], i, lows):
                    # "Rwanda's Senate", "the Rwandan Senate": a country's own body, the role
                    # word, not the named actor of that name (another country's Senate)
                    role = next((e for t, e in options if t == tokens and e.kind == "agent"), None)
                    entry = role or entry
                found.append(Mention(i, i + size, entry))
                free = i + size
                break
        return found

    # -- building actor phrases ------------------------------------------------------------
    def chunks(
        self,
        texts: list[str],
        lows: list[str],
        day: date | None,
        context: DocumentContext | None = None,
        new_actor_length: int = 0,
    ) -> list[Chunk]:
        """Find the actor phrases of a tokenised sentence; with `new_actor_length`, also
        unknown proper-noun phrases of up to that many words, each coded as itself."""
        mentions = self.mentions(texts, lows)
        if context is not None:
            mentions = self._add_references(texts, lows, mentions, context)
        if new_actor_length > 0:
            mentions = self._add_new_actors(texts, lows, mentions, new_actor_length)
        chunks: list[Chunk] = []
        used: set[int] = set()
        starts = {m.start for m in mentions}
        for idx, mention in enumerate(mentions):
            if idx in used:
                continue
            used.add(idx)
            entry = mention.entry
            if entry.kind == "agent":
                chunk = self._agent_chunk(mention, mentions, idx, used, lows, day)
            else:
                chunk = self._base_chunk(mention, mentions, idx, used, lows, day)
            if chunk is None:
                continue
            self._extend_name(chunk, texts, lows, context)
            if self._modifier(chunk, texts, lows, starts):
                continue
            chunk.start = _with_prefix(lows, chunk.start)
            chunks.append(chunk)
        chunks = self._share_roles(chunks, lows)
        chunks = self._compound(chunks, lows)
        for chunk in chunks:
            chunk.prep_at = _preposition_before(lows, chunk.start)
            if chunk.prep_at < 0 and all(len(code) == 3 and code.isalpha() for code in chunk.codes):
                chunk.prep_at = _place_apposition(texts, lows, chunk.start, chunk.end)
            chunk.prep = lows[chunk.prep_at] if chunk.prep_at >= 0 else ""
        return chunks

    def _country(self, entry: Entry, day: date | None) -> bool:
        """Say whether a mention is a country on that day (also a named actor coded as one)."""
        return entry.kind == "country" or (entry.kind == "actor" and self._code(entry, day) in self.countries)

    def _code(self, entry: Entry, day: date | None) -> str:
        if entry.actor is None:
            return ""
        return entry.actor.code_on(day)

    def _base_chunk(
        self, mention: Mention, mentions: list[Mention], idx: int, used: set[int], lows: list[str], day: date | None
    ) -> Chunk | None:
        entry = mention.entry
        code = self._code(entry, day)
        if not code:
            return None
        person = entry.actor is not None and entry.actor.person
        codes = entry.actor.codes_on(day) if entry.actor is not None and entry.actor.group else [code]
        chunk = Chunk(mention.start, mention.end, codes, person=person, origin=[entry.label])
        # A following role word: "Libyan interior minister", "UN troops", "Libya's Interior Minister".
        nxt = mentions[idx + 1] if idx + 1 < len(mentions) else None
        if nxt is not None and nxt.entry.kind == "agent" and not person and self._gap_ok(lows, mention.end, nxt.start):
            used.add(idx + 1)
            chunk.end = nxt.end
            chunk.codes = [_combine(c, nxt.entry.role) for c in codes]
            chunk.origin.append(nxt.entry.label)
            k = idx + 2
            # More role words right after it add their codes too: "Danish Islamist media" (PETRARCH
            # adds every agent of a noun phrase); the code before the last one is the phrase's stem,
            # which a coordinated role word shares ("Danish media and government").
            while k < len(mentions) and mentions[k].start == chunk.end and mentions[k].entry.kind == "agent":
                chunk.stem = chunk.codes[0] if len(chunk.codes) == 1 else ""
                used.add(k)
                chunk.end = mentions[k].end
                chunk.codes = [_combine(c, mentions[k].entry.role) for c in chunk.codes]
                chunk.origin.append(mentions[k].entry.label)
                k += 1
            if k == idx + 2:
                chunk.stem = codes[0] if len(codes) == 1 else ""
            # A following named actor of the same country keeps its own (dated) code: "Russian
            # President Vladimir Putin"; another's is a modifier ("Malaysia Airlines Boeing 777").
            after = mentions[k] if k < len(mentions) else None
            named_code = self._code(after.entry, day) if after is not None and after.entry.kind == "actor" else ""
            if (
                after is not None
                and after.start == chunk.end
                and after.entry.actor is not None
                and (after.entry.actor.person or (named_code[:3] == codes[0][:3] and len(codes) == 1))
            ):
                used.add(k)
                chunk.end = after.end
                chunk.person = after.entry.actor.person
                chunk.stem = ""
                if named_code:
                    chunk.codes = [named_code]
                chunk.origin.append(after.entry.label)
        return chunk

    def _agent_chunk(
        self, mention: Mention, mentions: list[Mention], idx: int, used: set[int], lows: list[str], day: date | None
    ) -> Chunk | None:
        role = mention.entry.role
        chunk = Chunk(mention.start, mention.end, [_combine("", role)], origin=[mention.entry.label])
        # "Lawmakers and officials of X": coordinated role words share the country after them.
        roles, j = [role], idx + 1
        while (
            j + 1 < len(mentions)
            and mentions[j].entry.kind == "agent"
            and self._joiners(lows[mentions[j - 1].end : mentions[j].start]) in (["and"], [",", "and"], [","], ["or"])
        ):
            roles.append(mentions[j].entry.role)
            j += 1
        last = mentions[j - 1]
        # "dissidents from military-ruled Myanmar", "rebels from Hamas-ruled Gaza": an actor or
        # role word that is part of a hyphenated modifier does not stop the role word before it
        while j < len(mentions) and _hyphen_modifier(lows, mentions[j].end):
            j += 1
        nxt = mentions[j] if j < len(mentions) else None
        # "the president of France", "Minister of Foreign Affairs of Egypt"
        if nxt is not None and nxt.entry.kind != "agent":
            between = _without_compounds([t for t in lows[last.end : nxt.start] if t not in DETERMINERS])
            after = mentions[j + 1] if j + 1 < len(mentions) else None
            organisation = (
                after is not None and after.entry.kind == "agent" and self._gap_ok(lows, nxt.end, after.start)
            )
            # "troops from Niger" is usually where they leave, but "ministers from the
            # Georgian government" names their organisation.
            # "Soldiers from Gondor attacked" names their country; "withdrew its troops from
            # Niger" names where they leave: only a role word that is not a verb's object joins.
            # So do "officials in Gondor said" (but not "sent troops in Niger").
            # So does one that is a preposition's object with "from" ("met with dissidents from
            # Myanmar"): the place a verb's action leaves from follows the verb's own object.
            before, skipped = mention.start - 1, 0
            while before >= 0 and (
                lows[before] in DETERMINERS
                or (
                    skipped < 2
                    and lows[before].isalpha()
                    and (lows[before] not in self.verbs or _participle_after_preposition(lows, before))
                    and lows[before] not in _STOP
                    and lows[before] not in PREPOSITIONS
                )
            ):
                skipped += lows[before] not in DETERMINERS
                before -= 1
            subject = before < 0 or (lows[before] not in self.verbs and lows[before] not in PREPOSITIONS)
            party = before >= 0 and lows[before] in _OBJECT_PREPOSITIONS  # "met with rebels from X"
            joins = (
                between in (["of"], ["for"])
                or (between == ["from"] and (organisation or subject or party))
                or (between == ["in"] and (organisation or subject))  # "talks with rebels in Doha": a place
            )
            # "the activists of Amnesty International": an organisation, not a person, takes the role too
            named = nxt.entry.kind == "actor" and nxt.entry.actor is not None and not nxt.entry.actor.person
            if (self._country(nxt.entry, day) or (named and between == ["of"])) and joins:
                used.update(range(idx + 1, j + 1))
                chunk.end = nxt.end
                chunk.origin.extend(m.entry.label for m in mentions[idx + 1 : j + 1])
                # "The ambassadors of Arnor, Osgiliath and Gondor": the role goes to each country.
                more: list[str] = []
                k = j + 1
                while (
                    not organisation
                    and k < len(mentions)
                    and self._country(mentions[k].entry, day)
                    and [t for t in lows[mentions[k - 1].end : mentions[k].start] if t not in DETERMINERS]
                    in ([","], ["and"], [",", "and"])
                ):
                    used.add(k)
                    chunk.end = mentions[k].end
                    more.extend(_combine(self._code(mentions[k].entry, day), r) for r in roles)
                    k += 1
                if organisation:  # the organisation's role wins
                    assert after is not None
                    used.add(j + 1)
                    chunk.end = after.end
                    roles = [after.entry.role]
                    chunk.origin.append(after.entry.label)
                first = self._code(nxt.entry, day)
                chunk.codes = list(dict.fromkeys([*(_combine(first, r) for r in roles), *more]))
                return chunk
            # "President Vladimir Putin": a title before a named actor. The name's own (dated)
            # code wins; the title adds its role only to a bare country code, as PETRARCH
            # adds an agent only to an actor code without one.
            if nxt.start == mention.end and nxt.entry.kind == "actor" and nxt.entry.actor is not None:
                used.add(idx + 1)
                code = self._code(nxt.entry, day)
                chunk.end = nxt.end
                chunk.person = nxt.entry.actor.person
                if code:
                    chunk.codes = [_combine(code, role) if code in self.countries else code]
                chunk.origin.append(nxt.entry.label)
                return chunk
        return chunk

    def _extend_name(self, chunk: Chunk, texts: list[str], lows: list[str], context: DocumentContext | None) -> None:
        """Take in a capitalised name after a title: `Interior Minister Fathi Bashagha`."""
        codes = chunk.codes
        if chunk.person or not codes or not (len(codes[0]) > 3 or any(len(c) > 3 for c in codes)):
            return
        if chunk.origin[-1].startswith("actor "):
            return  # it already ends in a name: "President Michel Suleiman"
        end = chunk.end
        while end < len(texts) and end - chunk.end < 5:
            text = texts[end]
            if text[:1].isupper() and text.isalpha() and lows[end] not in _STOP:
                end += 1
            elif lows[end] in NAME_PARTICLES and end + 1 < len(texts) and texts[end + 1][:1].isupper():
                end += 1
            else:
                break
        if end > chunk.end and texts[end - 1][:1].isupper():
            chunk.end = end
            chunk.person = True
            if context is not None and len(chunk.codes) == 1:
                context.surnames[lows[end - 1]] = list(chunk.codes)

    def _add_references(
        self, texts: list[str], lows: list[str], mentions: list[Mention], context: DocumentContext
    ) -> list[Mention]:
        if not context.surnames and not context.last_person:
            return mentions  # nothing earlier in the document to refer back to
        surnames = context.surnames
        places = [i for i, low in enumerate(lows) if low in surnames or low in _REFERRING]
        if not places:
            return mentions
        taken = {i for m in mentions for i in range(m.start, m.end)}
        extra = []
        for i in places:
            low = lows[i]
            if i in taken:
                continue
            codes = None
            if low in context.surnames and texts[i][:1].isupper():
                codes = context.surnames[low]
            elif low in PRONOUNS and context.last_person:
                codes = context.last_person
            if codes:
                actor = Actor((texts[i],), tuple(_dated(c) for c in codes), "actor", _HERE, person=True)
                extra.append(Mention(i, i + 1, Entry("actor", actor, "", False, False, f"reference {texts[i]!r}")))
            elif low in POSSESSIVE_PRONOUNS and context.last_person and i + 1 < len(lows):
                country = self.country_of(context.last_person[0])
                if country:
                    actor = Actor((country,), (_dated(country),), "country", _HERE)
                    extra.append(
                        Mention(
                            i, i + 1, Entry("country", actor, "", False, False, f"reference {texts[i]!r} -> {country}")
                        )
                    )
        if not extra:
            return mentions
        return sorted([*mentions, *extra], key=lambda m: m.start)

    def _add_new_actors(
        self, texts: list[str], lows: list[str], mentions: list[Mention], longest: int
    ) -> list[Mention]:
        """Add each unknown proper-noun phrase of at most `longest` words as an actor whose code
        is the phrase in capitals (PETRARCH's `new_actor_length`): "Gryffindor's head Minerva
        McGonagall" -> GRYFFINDOR HEAD MINERVA MCGONAGALL.

        A phrase is a run of words outside the dictionary's mentions, broken by punctuation,
        numbers, function words, time words and the patterns' verb forms, trimmed to start and
        end with a capitalised word; a capitalised word opening the sentence counts only
        before `'s` or another capitalised word ("Protesters marched" names no one)."""
        taken = {i for m in mentions for i in range(m.start, m.end)}
        n = len(lows)

        def inside(i: int) -> bool:
            low = lows[i]
            if i in taken:
                return False
            if low in _LINKS:
                return True  # "Gryffindor's head": a possessive joins the phrase
            if low in _NOT_NAME or low in self.verbs:
                return False
            return all(ch.isalpha() or ch in "-.'’" for ch in low) and any(ch.isalpha() for ch in low)

        def proper(i: int) -> bool:
            text = texts[i]
            if not text[:1].isupper() or lows[i] in _LINKS:
                return False
            if i > 0:
                return True
            return i + 1 < n and inside(i + 1) and (lows[i + 1] in _LINKS or texts[i + 1][:1].isupper())

        extra = []
        i = 0
        while i < n:
            if not inside(i):
                i += 1
                continue
            end = i
            while end < n and inside(end):
                end += 1
            names = [k for k in range(i, end) if proper(k)]
            if names:
                first, last = names[0], names[-1] + 1
                words = [texts[k] for k in range(first, last) if lows[k] not in _LINKS]
                if len(words) <= longest:
                    code = " ".join(words).upper()
                    actor = Actor((" ".join(words),), (_dated(code),), "actor", _HERE)
                    extra.append(Mention(first, last, Entry("actor", actor, "", False, False, f"new actor {code!r}")))
            i = end
        if not extra:
            return mentions
        return sorted([*mentions, *extra], key=lambda m: m.start)

    def _share_roles(self, chunks: list[Chunk], lows: list[str]) -> list[Chunk]:
        """Give `Hungarian and Romanian officials` the role to both countries."""
        for i in range(len(chunks) - 1, 0, -1):
            chunk, prev = chunks[i], chunks[i - 1]
            role = _role_of(chunk, self.countries)
            if not role or _role_of(prev, self.countries) or prev.person or chunk.origin[0].startswith("agent "):
                continue  # "X and the government of Y": the role is Y's alone
            between = [t for t in _after_possessive(lows, prev.end, chunk.start) if t not in DETERMINERS]
            if self._new_clause(prev, chunk, lows):
                continue
            if between == [","] and lows[chunk.start - 1] in DETERMINERS:
                continue  # "Dagolath, the Osgiliath newspaper": an apposition, not a list
            if between in (["and"], [",", "and"], [","], ["or"]) and chunk.start + 1 < chunk.end:
                prev.codes = [_combine(c, role) for c in prev.codes]
        return chunks

    def _modifier(self, chunk: Chunk, texts: list[str], lows: list[str], starts: set[int]) -> bool:
        """Say whether a bare role word modifies a noun ("the media bill", "military aggression")."""
        codes = chunk.codes
        if chunk.person or chunk.end >= len(lows) or (codes and not codes[0].startswith("---")):
            return False
        if not all(c.startswith("---") for c in codes):
            return False
        if chunk.end - chunk.start != 1:
            return False
        end = chunk.end
        # right after a verb the role word is its object, not the subject of a verb after it:
        # "suspended military aid to X" (but "the military aid X" may be a verb)
        objective = chunk.start > 0 and lows[chunk.start - 1] in self.verbs
        while (
            end < len(lows)
            and end - chunk.end < 3
            and end not in starts  # "Turkish military police": another role, not a noun it modifies
            and self._modified(texts[end], lows[end], objective)
        ):
            end += 1
        # "the official news agency WFNA", "the opposition leader Ali": the noun is a named
        # organisation or person of that role, so the role word stays an actor.
        named = end < len(texts) and texts[end][:1].isupper() and texts[end].isalpha()
        # "the teachers association", "a farmers union": an organisation of that role
        body = end > chunk.end and lows[end - 1] in ORGANISATION_NOUNS
        return end > chunk.end and not named and not body

    def _modified(self, text: str, word: str, objective: bool = False) -> bool:
        """Say whether a word may be a noun that a role word modifies: no word that starts an
        actor phrase ("family members"), nor one of the patterns' verb forms unless the role
        word is a verb's object ("suspended military aid")."""
        if not (
            text.islower()
            and word.isalpha()
            and word not in _STOP
            and word not in PREPOSITIONS
            and word not in DETERMINERS
            and word not in _COMPARING
            and not word.endswith(("ed", "ly"))
        ):
            return False
        if word in self.verbs:
            return objective
        # a phrase that only matches capitalised ("Operation Dawn") does not start here
        return all(entry.caps for _, entry in self.phrases.get(word, ()))

    def _gap_ok(self, lows: list[str], start: int, end: int) -> bool:
        """Say whether the words between a country and a role word are modifiers, not a verb."""
        gap = lows[start:end]
        if 3 <= len(gap) <= 5 and "and" in gap[1:-1]:
            # "Ithilen's awful and evil minister": coordinated modifiers
            at = gap.index("and")
            gap = [*gap[:at], *gap[at + 1 :]]
        if len(gap) > 3:
            return False
        if _ARTICLES.intersection(gap[1:]):
            return False  # "Narnia beheaded an aid worker": an article opens a new noun phrase
        return all(
            t in _LINKS or (t.isalpha() and t not in _STOP and t not in PREPOSITIONS and t not in self.verbs)
            for t in gap
        )

    def _new_clause(self, prev: Chunk, chunk: Chunk, lows: list[str]) -> bool:
        """Say whether `chunk` is the subject of a new clause rather than joined to `prev`."""
        if chunk.end >= len(lows) or lows[chunk.end] not in self.verbs:
            return False
        i = prev.start - 1
        while i >= 0 and (lows[i] in DETERMINERS or not lows[i].isalpha()) and prev.start - i < 4:
            i -= 1
        # a pattern may start with "neither" or "both", which open a compound, not a clause
        return i >= 0 and lows[i] in self.verbs and lows[i] not in _CORRELATIVES

    def _joiners(self, between: list[str]) -> list[str]:
        """Return the words joining two actors, less articles and up to two adjectives
        ("Evil Mordor, the awful Fornost, and good Gondor"); a conjunction that opens a clause
        ("X, while Y and Z declined") is no adjective, and it joins nothing."""
        out = [t for t in between if t not in DETERMINERS]
        adjectives = [
            t
            for t in out
            if t.isalpha()
            and t not in _STOP
            and t not in CLAUSE_CONJUNCTIONS
            and t not in PREPOSITIONS
            and t not in self.verbs
            and t not in ("as", "well")
        ]
        return [t for t in out if t not in adjectives] if len(adjectives) <= 2 else out

    def _list_continues(self, chunks: list[Chunk], chunk: Chunk, lows: list[str]) -> bool:
        """Say whether `A, B` goes on to `, and C` (a list), not an apposition."""
        later = [c for c in chunks if c.start >= chunk.end]
        if not later:
            return False
        return self._joiners(lows[chunk.end : later[0].start]) in (["and"], [",", "and"], [","])

    def _compound(self, chunks: list[Chunk], lows: list[str]) -> list[Chunk]:
        """Join `A, B and C` into one compound chunk; drop `---` appositions after a chunk.

        A modifier (`Al Qaeda-linked`, `Iranian-backed`) before another actor is dropped,
        and a title phrase directly before a named actor (`the militant group al-Shabab`)
        takes the named actor's code.
        """
        out: list[Chunk] = []
        for chunk in chunks:
            if out:
                prev = out[-1]
                between = _after_possessive(lows, prev.end, chunk.start)
                if len(between) >= 2 and between[0] == "-" and between[1] in MODIFIER_PARTICIPLES:
                    out[-1] = chunk
                    continue
                if not between and any(o.startswith("actor ") for o in chunk.origin) and not prev.person:
                    prev.end, prev.codes, prev.person = chunk.end, list(chunk.codes), chunk.person
                    prev.origin.extend(chunk.origin)
                    continue
                if len(between) > 8 or _JOINING.isdisjoint(between):
                    # a long stretch is never a joiner ("and", ", and", "as well as" with a few
                    # articles and adjectives), nor one with none of their words: a new phrase
                    out.append(chunk)
                    continue
                joined = self._joiners(between)
                if self._new_clause(prev, chunk, lows):
                    out.append(chunk)
                    continue
                if joined in (["and"], [",", "and"], ["or"], ["nor"], ["as", "well", "as"], ["and", "their"]) or (
                    joined == [","] and self._list_continues(chunks, chunk, lows)
                ):
                    if between == ["and"] and prev.stem and all(c.startswith("---") for c in chunk.codes):
                        # "Danish media and government": the bare role word is Danish too
                        chunk.codes = [_combine(prev.stem, c[3:]) for c in chunk.codes]
                    prev.end = chunk.end
                    prev.codes.extend(c for c in chunk.codes if c not in prev.codes)
                    prev.origin.extend(chunk.origin)
                    prev.person = False
                    continue
                closes = chunk.end < len(lows) and lows[chunk.end] == ","
                if joined == [","] and closes and all(c.startswith("---") for c in chunk.codes):
                    prev.end = chunk.end  # apposition: "The US commander in Iraq, General X,"
                    continue
            out.append(chunk)
        return out


_HERE = Where("document", 0)


def _owned(prev: Mention, i: int, lows: list[str]) -> bool:
    """Say whether a country's name or adjective stands right before position i, or its
    possessive ("Rwanda's Senate")."""
    if prev.entry.kind != "country":
        return False
    return prev.end == i or (prev.end == i - 1 and lows[i - 1] in ("'s", "’s"))


def _with_prefix(lows: list[str], start: int) -> int:
    """Return where an actor phrase starts with its `pro-X`/`non-X` modifier ("pro-Russia rebels",
    "pro-Islamic State fighters"): the modifier names no actor, but it belongs to the phrase, so
    the phrase still stands right after `by` ("attacked by pro-government militias")."""
    for size in (1, 2):
        hyphen = start - size - 1
        if hyphen > 0 and lows[hyphen] == "-" and lows[hyphen - 1] in _NOT_THE_GROUP:
            if all(low.isalpha() for low in lows[hyphen + 1 : start]):
                return hyphen - 1
    return start


def _dated(code: str) -> DatedCode:
    return DatedCode(code)


def _after_possessive(lows: list[str], end: int, start: int) -> list[str]:
    """Return the words between two actor phrases, less a possessive right after the first
    ("Arnor's and Gondor's ministers" are joined by "and")."""
    if end < start and lows[end] in ("'s", "’s"):
        end += 1
    return lows[end:start]


def _role_of(chunk: Chunk, countries: set[str]) -> str:
    """Return the role a country-and-role chunk added (`LBYGOV` -> `GOV`, `HGMLBY` -> `HGM~`), else ''."""
    if len(chunk.codes) != 1 or chunk.person or "agent" not in " ".join(chunk.origin):
        return ""
    code = chunk.codes[0]
    if len(code) <= 3 or code.startswith("---"):
        return ""
    if code[:3] not in countries and code[-3:] in countries:
        return code[:-3] + "~"  # a prepended role
    return code[3:]


# prepositions whose object is a party, not a place or a purpose ("to lead a force in X")
_OBJECT_PREPOSITIONS = frozenset("with against among between for alongside toward towards".split())


def _hyphen_modifier(lows: list[str], end: int) -> bool:
    """Say whether the word ending at `end` opens a hyphenated modifier ("military - ruled")."""
    return end + 1 < len(lows) and lows[end] == "-" and lows[end + 1] in MODIFIER_PARTICIPLES


def _without_compounds(words: list[str]) -> list[str]:
    """Drop hyphenated modifiers ("military - ruled", "war - torn") from the words between a
    role word and its country: "dissidents from military-ruled Myanmar" joins as "from"."""
    out = list(words)
    while len(out) >= 4 and out[-2] == "-" and out[-1].isalpha() and out[-3].isalpha():
        out = out[:-3]
    return out


def _participle_after_preposition(lows: list[str], i: int) -> bool:
    """Say whether the word at i is a past participle used as an adjective after a
    preposition ("with exiled dissidents"), not a verb."""
    return i > 0 and lows[i].endswith("ed") and lows[i - 1] in PREPOSITIONS and lows[i - 1] != "by"


def _combine(code: str, role: str) -> str:
    """Add an agent's code to an actor's: after it (`GOV`), or before it (`HGM~`)."""
    if role.endswith("~"):
        prefix = role[:-1]
        if not code:
            return "---" + prefix
        return code if code.startswith(prefix) else prefix + code
    if not code:
        return "---" + role
    # The role may repeat the end of the code: `GMWGOV` + `GOVWGO` is `GMWGOVWGO`.
    for size in range(len(role), 0, -3):
        if code.endswith(role[:size]):
            return code + role[size:]
    return code + role


def _acronym(name: str) -> bool:
    letters = name.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 4


def _place_apposition(texts: list[str], lows: list[str], start: int, end: int) -> int:
    """Return where the preposition of a place before a place in apposition stands, or -1.

    In "in Ejido Tabasco, Baja California, armed men ..." the region between commas is a
    place like the town before it, not the subject of the verb that follows.
    """
    if start < 3 or lows[start - 1] != "," or end >= len(lows) or lows[end] != ",":
        return -1
    i = start - 2
    while i >= 0 and start - 2 - i < 4 and texts[i][:1].isupper() and lows[i] not in _PLACE_OPENERS:
        i -= 1
    return i if i < start - 2 and i >= 0 and lows[i] in _PLACE_OPENERS else -1


_PLACE_OPENERS = frozenset("in at near outside inside from".split())


def _preposition_before(lows: list[str], start: int) -> int:
    """Return the index of the preposition governing a phrase at `start`, or -1."""
    i = start - 1
    while i >= 0 and lows[i] in DETERMINERS:
        i -= 1
    if i >= 1 and lows[i] == "of" and lows[i - 1] in QUANTITIES:
        return -1  # "hundreds of UN troops" is the troops, not a phrase about them
    return i if i >= 0 and lows[i] in PREPOSITIONS else -1
