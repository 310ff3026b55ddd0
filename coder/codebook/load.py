"""Own loading and validating codebooks: YAML files -> a `Codebook`, or every problem.

All problems are collected first and reported together, each with its file, line, column,
stable code and key path (`events[3].patterns[1]`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from coder.codebook.model import (
    NULL_CODE,
    Actor,
    Agent,
    Codebook,
    DatedCode,
    Element,
    Example,
    ExpectedRow,
    Pattern,
    Transformation,
    Where,
)
from coder.codebook.reader import YList, YMap, YStr, position, read_yaml
from coder.codebook.syntax import parse_pattern
from coder.errors import CodebookError, CoderError, Problem
from coder.taxonomy import TAXONOMIES, load_taxonomy

TOP_KEYS = (
    "codebook",
    "description",
    "version",
    "taxonomy",
    "unknown_codes",
    "require",
    "place_targets",
    "mutual",
    "verb_anchors",
    "place_roles",
    "negated",
    "comma_clauses",
    "new_actor_length",
    "extends",
    "include",
    "countries",
    "actors",
    "agents",
    "classes",
    "verbs",
    "discards",
    "events",
    "transformations",
)
COUNTRY_KEYS = ("code", "names", "adjectives", "capitals", "cities", "note")
ACTOR_KEYS = ("code", "codes", "group", "names", "person", "note")
AGENT_KEYS = ("code", "words", "prepend", "note")
EVENT_KEYS = ("code", "name", "patterns", "examples", "note")
PATTERN_KEYS = ("pattern", "id", "symmetric", "reverse", "note")
UNKNOWN_CODES = ("error", "allow")
REQUIRE_SETTINGS = ("source", "both", "none")
COMMA_KEYS = ("start", "middle", "end")
_OPEN_CODE = re.compile(r"^[A-Za-z0-9]{1,8}$")
EXAMPLE_KEYS = ("text", "date", "expect", "note")
TRANSFORMATION_KEYS = ("id", "verb", "inner", "result", "note")
INNER_KEYS = ("source", "target", "code")
# Transformation variables: the outer verb's subject, another actor, no actor, any actor.
INNER_VARIABLES = ("a", "b", "_", ".")
RESULT_VARIABLES = ("a", "b")
ANY_CODE = "Q"  # in a transformation: any inner code, and in the result the inner event's code
ROW_KEYS = ("source", "target", "code")
_ACTOR_CODE = re.compile(r"^(?:---|[A-Z0-9]{3})(?:[A-Z0-9]{3})*$|^[A-Z][A-Z0-9]{1,14}$")
_CLASS_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def _as_yaml(value: str) -> str:
    try:
        return repr(yaml.safe_load(value))
    except yaml.YAMLError:
        return value


class _Loader:
    """Walk codebook files, building a `Codebook` and a list of problems."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.codebook: Codebook | None = None
        self.stack: list[Path] = []
        self.loaded: set[Path] = set()
        self.hash = hashlib.sha256()
        self.names: dict[str, tuple[str, Where]] = {}
        self.class_where: dict[str, Where] = {}
        self.pattern_ids: dict[str, Where] = {}
        self.code_counts: dict[str, int] = {}
        self.class_refs: list[tuple[str, Where, str]] = []
        self.slot_refs: list[tuple[str, Where, str]] = []
        self.path = ""

    # -- problems and typed reads ---------------------------------------------------
    def problem(self, value: Any, code: str, key: str, message: str) -> None:
        line, col = position(value)
        self.problems.append(Problem(self.path, line, col, code, key, message))

    def text(self, value: Any, key: str, *, allow_date: bool = False) -> str | None:
        if isinstance(value, YStr):
            if value.kind == "text" or (allow_date and value.kind == "date"):
                return str(value)
            self.problem(
                value,
                "C004",
                key,
                f"YAML reads {value} as the {value.kind} {_as_yaml(value)}, not as text; "
                f'got {value}: quote it: "{value}"',
            )
            return None
        self.problem(value, "C005", key, f"expected text; got a {_kind(value)}: write a single value")
        return None

    def seq(self, value: Any, key: str) -> list[Any]:
        if isinstance(value, YList):
            return list(value)
        if isinstance(value, YStr) and value.kind == "text":
            return [value]
        self.problem(value, "C005", key, f"expected a list; got a {_kind(value)}: write [a, b] or - items")
        return []

    def mapping(self, value: Any, key: str, allowed: tuple[str, ...]) -> YMap | None:
        if not isinstance(value, YMap):
            self.problem(value, "C005", key, f"expected a mapping; got a {_kind(value)}: write key: value pairs")
            return None
        for name in value:
            if name not in allowed:
                line, col = value.key_pos[name]
                self.problems.append(
                    Problem(
                        self.path,
                        line,
                        col,
                        "C006",
                        f"{key}.{name}" if key else name,
                        f"unknown key; got {name!r}: allowed keys are {', '.join(allowed)}",
                    )
                )
        return value

    def where(self, value: Any) -> Where:
        line, col = position(value)
        return Where(self.path, line, col)

    # -- files ----------------------------------------------------------------------
    def load_file(self, path: Path, origin: Any = None, top: bool = False) -> None:
        path = path.resolve()
        shown = _shown(path)
        if path in self.stack:
            chain = " -> ".join(_shown(p) for p in [*self.stack, path])
            self.problem(origin, "C031", "include", f"include cycle; got {chain}: remove one include")
            return
        if path in self.loaded:
            return
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            if top:
                raise CoderError(f"{shown}: codebook not found; check the path") from None
            self.problem(origin, "C030", "include", f"file not found; got {shown}: check the path")
            return
        except OSError as exc:
            if top:
                raise CoderError(f"{shown}: cannot read codebook: {exc.strerror}") from None
            self.problem(origin, "C030", "include", f"cannot read {shown}: {exc.strerror}; include a codebook file")
            return
        self.hash.update(str(path.name).encode() + b"\0" + raw)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            raise CoderError(
                f"{shown}:{line}: codebook is not UTF-8 text ({exc.reason} at byte {exc.start}): save it as UTF-8"
            ) from None
        self.loaded.add(path)
        assert self.codebook is not None
        self.codebook.files.append(shown)
        self.codebook.paths.append(str(path))
        self.stack.append(path)
        outer = self.path
        self.path = shown
        tree, problems = read_yaml(text, shown)
        self.problems.extend(problems)
        if tree is not None:
            self.read_top(tree, path, top)
        elif top and not problems:  # else every text codes to nothing, with no word why
            self.problem(None, "C007", "", "the codebook is empty: add countries:, actors: and events:")
        self.path = outer
        self.stack.pop()

    def read_top(self, tree: Any, path: Path, top: bool) -> None:
        root = self.mapping(tree, "", TOP_KEYS)
        if root is None:
            return
        assert self.codebook is not None
        if top:
            if "codebook" in root:
                self.codebook.name = self.text(root["codebook"], "codebook") or self.codebook.name
            if "taxonomy" in root:
                name = self.text(root["taxonomy"], "taxonomy")
                if name and name not in TAXONOMIES:
                    self.problem(
                        root["taxonomy"],
                        "C012",
                        "taxonomy",
                        f"unknown taxonomy; got {name!r}: use one of {', '.join(TAXONOMIES)}",
                    )
                elif name:
                    self.codebook.taxonomy = load_taxonomy(name)
            if "unknown_codes" in root:
                self.read_unknown_codes(root["unknown_codes"])
            if "require" in root:
                self.read_require(root["require"])
            if "place_targets" in root:
                self.read_place_targets(root["place_targets"])
            if "mutual" in root:
                self.read_mutual(root["mutual"])
            if "verb_anchors" in root:
                self.codebook.verb_anchors = self.flag(root["verb_anchors"], "verb_anchors")
            if "place_roles" in root:
                self.codebook.place_roles = self.flag(root["place_roles"], "place_roles")
            if "negated" in root:
                self.read_negated(root["negated"])
            if "comma_clauses" in root:
                self.read_comma_clauses(root["comma_clauses"])
            if "new_actor_length" in root:
                length = self.count(root["new_actor_length"], "new_actor_length")
                if length is not None:
                    self.codebook.options = replace(self.codebook.options, new_actor_length=length)
        elif "taxonomy" in root:
            name = self.text(root["taxonomy"], "taxonomy")
            if name and name != self.codebook.taxonomy.name:
                self.problem(
                    root["taxonomy"],
                    "C012",
                    "taxonomy",
                    f"included file is for taxonomy {name!r} but the codebook uses "
                    f"{self.codebook.taxonomy.name!r}: include files of one taxonomy",
                )
        if "extends" in root:
            base = self.text(root["extends"], "extends")
            if base:
                self.load_file(path.parent / base, root["extends"])
        for i, item in enumerate(self.seq(root.get("include", YList()), "include")):
            name = self.text(item, f"include[{i}]")
            if name:
                self.load_file(path.parent / name, item)
        for key, reader in (
            ("countries", self.read_country),
            ("actors", self.read_actor),
            ("agents", self.read_agent),
            ("events", self.read_event),
            ("transformations", self.read_transformation),
        ):
            if key in root:
                for i, item in enumerate(self.seq(root[key], key)):
                    reader(item, f"{key}[{i}]")
        if "classes" in root:
            self.read_classes(root["classes"])
        if "verbs" in root:
            self.read_verbs(root["verbs"])
        if "discards" in root:
            self.read_discards(root["discards"])

    # -- sections ---------------------------------------------------------------------
    def words(self, value: Any, key: str) -> tuple[str, ...]:
        out = []
        for i, item in enumerate(self.seq(value, key)):
            word = self.text(item, f"{key}[{i}]")
            if word is not None and word.strip():
                out.append(" ".join(word.split()))
            elif word is not None:
                self.problem(item, "C005", f"{key}[{i}]", "empty text; got '': remove it or fill it in")
        return tuple(out)

    def actor_code(self, value: Any, key: str) -> str | None:
        code = self.text(value, key)
        if code is not None and not _ACTOR_CODE.match(code):
            self.problem(
                value,
                "C043",
                key,
                f"actor codes are capital letters and digits in groups of three; got {code!r}: "
                "e.g. LBY, LBYGOV, IGOUNO",
            )
            return None
        return code

    def claim_names(self, names: tuple[str, ...], code: str, where: Where, key: str, node: Any) -> None:
        for name in names:
            folded = " ".join(name.lower().replace("’", "'").split())
            previous = self.names.get(folded)
            if previous and previous[0] != code:
                self.problem(
                    node,
                    "C050",
                    key,
                    f"the name {name!r} is also given to {previous[0]} at {previous[1]}; "
                    f"got {code}: keep the name in one place",
                )
            elif not previous:
                self.names[folded] = (code, where)

    def read_country(self, item: Any, key: str) -> None:
        node = self.mapping(item, key, COUNTRY_KEYS)
        if node is None:
            return
        if "code" not in node:
            self.problem(node, "C007", f"{key}.code", "missing code: add code: ISO3 (e.g. LBY)")
            return
        code = self.actor_code(node["code"], f"{key}.code")
        parts = {k: self.words(node[k], f"{key}.{k}") if k in node else () for k in COUNTRY_KEYS[1:5]}
        if not parts["names"]:
            self.problem(node, "C007", f"{key}.names", "missing names: add names: [Country name]")
        if code is None:
            return
        where = self.where(node)
        actor = Actor(
            names=parts["names"],
            codes=(DatedCode(code),),
            kind="country",
            where=where,
            adjectives=parts["adjectives"],
            capitals=parts["capitals"],
            cities=parts["cities"],
        )
        self.claim_names(actor.names + actor.adjectives + actor.capitals + actor.cities, code, where, key, node)
        assert self.codebook is not None
        self.codebook.actors.append(actor)

    def read_actor(self, item: Any, key: str) -> None:
        node = self.mapping(item, key, ACTOR_KEYS)
        if node is None:
            return
        names = self.words(node["names"], f"{key}.names") if "names" in node else ()
        if not names:
            self.problem(node, "C007", f"{key}.names", "missing names: add names: [Name, Alias]")
        codes: list[DatedCode] = []
        group: tuple[str, ...] = ()
        if sum(k in node for k in ("code", "codes", "group")) > 1:
            self.problem(node, "C005", key, "more than one of code, codes and group given: use one")
        if "group" in node:
            members = self.seq(node["group"], f"{key}.group")
            group = tuple(c for i, v in enumerate(members) if (c := self.actor_code(v, f"{key}.group[{i}]")))
            codes = [DatedCode(group[0])] if group else []
        elif "code" in node:
            code = self.actor_code(node["code"], f"{key}.code")
            if code:
                codes.append(DatedCode(code))
        elif "codes" in node:
            codes = self.dated_codes(node["codes"], f"{key}.codes")
        else:
            self.problem(node, "C007", f"{key}.code", "missing code: add code:, codes: or group:")
        person = False
        if "person" in node:
            person = self.flag(node["person"], f"{key}.person")
        if not codes or not names:
            return
        where = self.where(node)
        identity = "|".join(f"{c.code}@{c.start}" for c in codes) + "/".join(group)
        self.claim_names(names, identity, where, key, node)
        assert self.codebook is not None
        self.codebook.actors.append(Actor(names, tuple(codes), "actor", where, person=person, group=group))

    def flag(self, value: Any, key: str) -> bool:
        if isinstance(value, YStr) and value.kind == "boolean":
            return value.lower() in ("true", "yes", "on")
        self.problem(value, "C005", key, f"expected true or false; got {value!s}")
        return False

    def dated_codes(self, value: Any, key: str) -> list[DatedCode]:
        out: list[DatedCode] = []
        for i, item in enumerate(self.seq(value, key)):
            node = self.mapping(item, f"{key}[{i}]", ("code", "from", "to"))
            if node is None:
                continue
            if "code" not in node:
                self.problem(node, "C007", f"{key}[{i}].code", "missing code")
                continue
            code = self.actor_code(node["code"], f"{key}[{i}].code")
            start = self.day(node.get("from"), f"{key}[{i}].from")
            end = self.day(node.get("to"), f"{key}[{i}].to")
            if start and end and end < start:
                self.problem(
                    node,
                    "C041",
                    f"{key}[{i}]",
                    f"range ends before it starts; got from {start} to {end}: swap or fix the dates",
                )
                continue
            if code:
                dated = DatedCode(code, start, end)
                for other in out:
                    if _overlap(dated, other) and other.code != dated.code:
                        self.problem(
                            node,
                            "C042",
                            f"{key}[{i}]",
                            f"overlaps the range of {other.code} ({other.start} to {other.end}); "
                            f"got {code} from {start} to {end}: make the ranges meet, not overlap",
                        )
                out.append(dated)
        return out

    def day(self, value: Any, key: str) -> date | None:
        if value is None:
            return None
        text = self.text(value, key, allow_date=True)
        if text is None:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.problem(value, "C040", key, f'malformed date; got {text!r}: write "YYYY-MM-DD"')
            return None

    def read_agent(self, item: Any, key: str) -> None:
        node = self.mapping(item, key, AGENT_KEYS)
        if node is None:
            return
        if "code" not in node or "words" not in node:
            self.problem(node, "C007", key, "an agent needs code: and words:")
            return
        code = self.text(node["code"], f"{key}.code")
        words = self.words(node["words"], f"{key}.words")
        if code and not re.fullmatch(r"[A-Z0-9]{3}(?:[A-Z0-9]{3})*", code):
            self.problem(
                node["code"],
                "C043",
                f"{key}.code",
                f"role codes are groups of three capitals; got {code!r}: e.g. GOV, MIL, GOVMED",
            )
            return
        prepend = self.flag(node["prepend"], f"{key}.prepend") if "prepend" in node else False
        if code and words:
            assert self.codebook is not None
            self.codebook.agents.append(Agent(code, words, self.where(node), prepend))

    def read_classes(self, value: Any) -> None:
        node = self.mapping(value, "classes", ())
        if node is None:
            return
        self.problems = [p for p in self.problems if not (p.code == "C006" and p.key.startswith("classes."))]
        assert self.codebook is not None
        for name, words in node.items():
            key = f"classes.{name}"
            line, col = node.key_pos[name]
            if not _CLASS_NAME.match(name):
                self.problems.append(
                    Problem(self.path, line, col, "C005", key, f"class names are letters, digits and _; got {name!r}")
                )
                continue
            if name in self.class_where:
                self.problems.append(
                    Problem(
                        self.path,
                        line,
                        col,
                        "C051",
                        key,
                        f"class defined twice, first at {self.class_where[name]}: merge the two",
                    )
                )
                continue
            self.class_where[name] = Where(self.path, line, col)
            self.codebook.classes[name] = self.words(words, key)

    def read_verbs(self, value: Any) -> None:
        node = self.mapping(value, "verbs", ())
        if node is None:
            return
        self.problems = [p for p in self.problems if not (p.code == "C006" and p.key.startswith("verbs."))]
        assert self.codebook is not None
        for verb, forms in node.items():
            if verb in self.codebook.verbs:
                line, col = node.key_pos[verb]
                self.problems.append(Problem(self.path, line, col, "C051", f"verbs.{verb}", "verb defined twice"))
                continue
            self.codebook.verbs[verb.lower()] = tuple(f.lower() for f in self.words(forms, f"verbs.{verb}"))

    def read_discards(self, value: Any) -> None:
        node = self.mapping(value, "discards", ("sentence", "story"))
        if node is None:
            return
        assert self.codebook is not None
        self.codebook.sentence_discards.extend(self.words(node.get("sentence", YList()), "discards.sentence"))
        self.codebook.story_discards.extend(self.words(node.get("story", YList()), "discards.story"))

    def read_event(self, item: Any, key: str) -> None:
        node = self.mapping(item, key, EVENT_KEYS)
        if node is None:
            return
        assert self.codebook is not None
        if "code" not in node:
            self.problem(node, "C007", f"{key}.code", 'missing code: add code: "NNN"')
            return
        code = self.event_code(node["code"], f"{key}.code")
        if code is None:
            return
        self.codebook.event_codes.append((code, self.where(node)))
        for i, raw in enumerate(self.seq(node.get("patterns", YList()), f"{key}.patterns")):
            self.read_pattern(raw, f"{key}.patterns[{i}]", code)
        for i, raw in enumerate(self.seq(node.get("examples", YList()), f"{key}.examples")):
            self.read_example(raw, f"{key}.examples[{i}]", code)

    def read_transformation(self, item: Any, key: str) -> None:
        """Read one transformation: an outer verb, the inner event it tells of, and the result."""
        node = self.mapping(item, key, TRANSFORMATION_KEYS)
        if node is None:
            return
        assert self.codebook is not None
        missing = [name for name in ("verb", "inner", "result") if name not in node]
        for name in missing:
            self.problem(
                node, "C007", f"{key}.{name}", f"missing {name}: a transformation needs verb, inner and result"
            )
        if missing:
            return
        where = self.where(node)
        verbs = []
        given = self.seq(node["verb"], f"{key}.verb")
        for i, raw in enumerate(given):
            text = self.text(raw, f"{key}.verb[{i}]")
            if text is None:
                continue
            elements, errors = parse_pattern(text)
            if errors or len(elements) != 1 or elements[0].kind not in ("word", "exact", "class"):
                self.problem(raw, "C024", f"{key}.verb[{i}]", f"got {text!r}: write one word, =form or @CLASS")
                continue
            if elements[0].kind == "class":
                self.class_refs.append((elements[0].value, self.where(raw), f"{key}.verb[{i}]"))
            verbs.append(elements[0])
        inner = self.mapping(node["inner"], f"{key}.inner", INNER_KEYS)
        result = self.mapping(node["result"], f"{key}.result", INNER_KEYS)
        if inner is None or result is None:
            return
        values: dict[str, str] = {}
        for part, mapping, allowed in (("inner", inner, INNER_VARIABLES), ("result", result, RESULT_VARIABLES)):
            for name in INNER_KEYS:
                path = f"{key}.{part}.{name}"
                if name not in mapping:
                    self.problem(mapping, "C007", path, f"missing {name}: write {part}: {{source, target, code}}")
                    continue
                value = self.text(mapping[name], path)
                if value is None:
                    continue
                if name != "code" and value not in allowed:
                    self.problem(
                        mapping[name],
                        "C024",
                        path,
                        f"unknown variable; got {value!r}: use one of {', '.join(allowed)} "
                        "(a: the outer verb's subject, b: another actor, _: none, .: any)",
                    )
                    continue
                if name == "code" and value != ANY_CODE:
                    if part == "result":
                        value = self.event_code(mapping[name], path) or ""
                    elif not _OPEN_CODE.match(value):
                        self.problem(
                            mapping[name], "C024", path, f'got {value!r}: write a code, its first digits or "Q"'
                        )
                        value = ""
                    if not value:
                        continue
                values[f"{part}.{name}"] = value
        if len(values) != 6 or not verbs or len(verbs) != len(given):
            return
        bound = {"a"} | {values[f"inner.{name}"] for name in ("source", "target")}
        for name in ("source", "target"):
            if values[f"result.{name}"] not in bound:
                self.problem(
                    result[name],
                    "C024",
                    f"{key}.result.{name}",
                    f"got {values[f'result.{name}']!r}, which the inner event does not name: "
                    "name b in inner (source or target) or use a",
                )
                return
        given_id = self.text(node["id"], f"{key}.id") if "id" in node else None
        rule_id = given_id or f"transformation.{len(self.codebook.transformations) + 1}"
        self.codebook.transformations.append(
            Transformation(
                rule_id,
                tuple(verbs),
                values["inner.source"],
                values["inner.target"],
                values["inner.code"],
                values["result.source"],
                values["result.target"],
                values["result.code"],
                where,
            )
        )

    def read_require(self, value: Any) -> None:
        """Read `require`: the actors an event needs by default (`source`, `both` or `none`)."""
        assert self.codebook is not None
        setting = self.text(value, "require")
        if setting is not None and setting not in REQUIRE_SETTINGS:
            self.problem(value, "C005", "require", f"got {setting!r}: use one of {', '.join(REQUIRE_SETTINGS)}")
        elif setting:
            self.codebook.require = setting

    def read_mutual(self, value: Any) -> None:
        """Read `mutual`: event codes, or their first digits, that a compound subject with no
        target codes between its members (`"04"`: "X, Y and Z met")."""
        assert self.codebook is not None
        self.codebook.mutual = self.prefixes(value, "mutual")

    def read_place_targets(self, value: Any) -> None:
        """Read `place_targets`: `true`, or the event codes (or their first digits) whose events
        with no target take the country named after `in` ("a curfew in Bolivia")."""
        assert self.codebook is not None
        if isinstance(value, YStr) and value.kind == "boolean":
            self.codebook.place_targets = ("",) if self.flag(value, "place_targets") else ()
        else:
            self.codebook.place_targets = self.prefixes(value, "place_targets")

    def prefixes(self, value: Any, key: str) -> tuple[str, ...]:
        """Read a list of event codes or their first digits ("04")."""
        out = []
        for i, item in enumerate(self.seq(value, key)):
            prefix = self.text(item, f"{key}[{i}]")
            if prefix is None:
                continue
            if not _OPEN_CODE.match(prefix):
                self.problem(item, "C005", f"{key}[{i}]", f'got {prefix!r}: write a code or its first digits ("04")')
            else:
                out.append(prefix)
        return tuple(out)

    def read_negated(self, value: Any) -> None:
        """Read `negated`: for an event code, the code its match gives when negated by `not`,
        `n't` or `never` (`"080": "124"`: "would not give permission" refuses to yield)."""
        assert self.codebook is not None
        node = self.mapping(value, "negated", ())
        if node is None:
            return
        self.problems = [p for p in self.problems if not (p.code == "C006" and p.key.startswith("negated."))]
        taxonomy = self.codebook.taxonomy
        table: dict[str, str] = {}
        for code, other in node.items():
            key = f"negated.{code}"
            if code not in taxonomy and not (self.codebook.open_codes and _OPEN_CODE.match(code)):
                line, col = node.key_pos[code]
                self.problems.append(
                    Problem(self.path, line, col, "C010", key, f"unknown {taxonomy.name} code; got {code!r}")
                )
                continue
            result = self.event_code(other, key)
            if result is not None:
                table[code] = result
        self.codebook.negated = table

    def count(self, value: Any, key: str) -> int | None:
        """Read a whole number of 0 or more."""
        if isinstance(value, YStr) and value.kind == "integer" and str(value).isdigit():
            return int(str(value))  # the text, so that 010 is ten, not YAML's octal eight
        self.problem(value, "C005", key, f"expected a whole number of 0 or more; got {value!s}")
        return None

    def read_comma_clauses(self, value: Any) -> None:
        """Read `comma_clauses`: for `start`, `middle` and `end`, the [min, max] words of a
        comma-delimited clause left out before coding (a max of 0 leaves none out)."""
        assert self.codebook is not None
        node = self.mapping(value, "comma_clauses", COMMA_KEYS)
        if node is None:
            return
        changes = {}
        for name in COMMA_KEYS:
            if name not in node:
                continue
            key = f"comma_clauses.{name}"
            items = node[name]
            if not isinstance(items, YList) or len(items) != 2:
                self.problem(items, "C005", key, f"expected [min, max] words; got {items!s}: write e.g. [2, 8]")
                continue
            low, high = self.count(items[0], f"{key}[0]"), self.count(items[1], f"{key}[1]")
            if low is None or high is None:
                continue
            if high and low > high:
                self.problem(items, "C005", key, f"min {low} is above max {high}: write [min, max]")
                continue
            changes[name] = (low, high)
        if changes:
            self.codebook.options = replace(self.codebook.options, **changes)

    def read_unknown_codes(self, value: Any) -> None:
        """Read `unknown_codes`: `error` (the default) or `allow` codes outside the taxonomy."""
        assert self.codebook is not None
        setting = self.text(value, "unknown_codes")
        if setting is not None and setting not in UNKNOWN_CODES:
            self.problem(value, "C005", "unknown_codes", f"got {setting!r}: use one of {', '.join(UNKNOWN_CODES)}")
        self.codebook.open_codes = setting == "allow"

    def event_code(self, value: Any, key: str) -> str | None:
        assert self.codebook is not None
        code = self.text(value, key)
        if code is None:
            return None
        taxonomy = self.codebook.taxonomy
        if code in taxonomy or code == NULL_CODE:
            return code
        if self.codebook.open_codes and _OPEN_CODE.match(code):
            self.problem(
                value,
                "W105",
                key,
                f"{code!r} is not a {taxonomy.name} code; kept because of unknown_codes: allow "
                "(it has no name, quad class or Goldstein value)",
            )
            return code
        others = [name for name in TAXONOMIES if name != taxonomy.name and code in load_taxonomy(name)]
        if others:
            self.problem(
                value,
                "C011",
                key,
                f"{code!r} is a {others[0]} code, but this codebook's taxonomy is "
                f"{taxonomy.name}: use a {taxonomy.name} code",
            )
        else:
            near = [c for c in taxonomy.types if c.startswith(code[:2])][:8]
            self.problem(
                value,
                "C010",
                key,
                f"unknown {taxonomy.name} code; got {code!r}: codes under {code[:2]!r} are {', '.join(near) or 'none'}",
            )
        return None

    def read_pattern(self, raw: Any, key: str, code: str) -> None:
        assert self.codebook is not None
        symmetric = False
        reverse = ""
        given_id = None
        if isinstance(raw, YMap):
            node = self.mapping(raw, key, PATTERN_KEYS)
            if node is None or "pattern" not in node:
                self.problem(raw, "C007", f"{key}.pattern", 'missing pattern: add pattern: "..."')
                return
            if "symmetric" in node:
                symmetric = self.flag(node["symmetric"], f"{key}.symmetric")
            if "reverse" in node:
                reverse = self.event_code(node["reverse"], f"{key}.reverse") or ""
            if "id" in node:
                given_id = self.text(node["id"], f"{key}.id")
            raw = node["pattern"]
        text = self.text(raw, key)
        if text is None:
            return
        elements, errors = parse_pattern(text)
        where = self.where(raw)
        for error in errors:
            self.problem(raw, "C020", key, f"{error}; got {text!r}")
        if errors:
            return
        for element in elements:
            if element.kind == "class":
                self.class_refs.append((element.value, where, key))
            if element.kind == "slot" and element.restrict:
                self.slot_refs.append((element.restrict, where, key))
        self.code_counts[code] = self.code_counts.get(code, 0) + 1
        pattern_id = given_id or f"{code}.{self.code_counts[code]}"
        if pattern_id in self.pattern_ids:
            self.problem(
                raw,
                "C023",
                key,
                f"pattern id {pattern_id!r} is also used at "
                f"{self.pattern_ids[pattern_id]}: give each pattern its own id",
            )
        self.pattern_ids[pattern_id] = where
        self.codebook.patterns.append(Pattern(pattern_id, code, text, elements, where, symmetric, reverse))

    def read_example(self, raw: Any, key: str, code: str) -> None:
        node = self.mapping(raw, key, EXAMPLE_KEYS)
        if node is None:
            return
        if "text" not in node:
            self.problem(node, "C007", f"{key}.text", "missing text")
            return
        text = self.text(node["text"], f"{key}.text")
        day = self.day(node.get("date"), f"{key}.date")
        rows = []
        for i, item in enumerate(self.seq(node.get("expect", YList()), f"{key}.expect")):
            row = self.mapping(item, f"{key}.expect[{i}]", ROW_KEYS)
            if row is None:
                continue
            values = [self.text(row[k], f"{key}.expect[{i}].{k}") if k in row else "" for k in ROW_KEYS]
            if not values[2]:
                self.problem(row, "C007", f"{key}.expect[{i}].code", 'missing code: add code: "NNN"')
                continue
            rows.append(ExpectedRow(values[0] or "", values[1] or "", values[2] or ""))
        if text:
            assert self.codebook is not None
            self.codebook.examples.append(Example(text, day, tuple(rows), code, self.where(node)))

    # -- checks across files ---------------------------------------------------------
    def finish(self) -> None:
        assert self.codebook is not None
        book = self.codebook
        for name, where, key in self.class_refs:
            if name not in book.classes:
                known = ", ".join(sorted(book.classes)[:10]) or "none defined"
                self.problems.append(
                    Problem(
                        where.path,
                        where.line,
                        where.col,
                        "C021",
                        key,
                        f"undefined word class; got @{name}: define it under classes: (known: {known})",
                    )
                )
        codes = {c.code for a in book.actors for c in a.codes}
        for restrict, where, key in self.slot_refs:
            for one in restrict.split("|"):  # each alternative of `{source:---REB|IMG}`
                if not any(code.startswith(one) for code in codes) and not one.startswith("---"):
                    self.problems.append(
                        Problem(
                            where.path,
                            where.line,
                            where.col,
                            "C022",
                            key,
                            f"no actor has a code starting {one!r}: define the actor or fix the code",
                        )
                    )
        self.check_shadowing()
        book.digest = self.hash.hexdigest()

    def check_shadowing(self) -> None:
        """Report a pattern that an earlier one always beats: the same elements. (An exact
        form, `=attacked` after `attack`, is not shadowed: on the same words it wins.)"""
        assert self.codebook is not None
        seen: dict[tuple[Element, ...], Pattern] = {}
        for pattern in self.codebook.patterns:
            earlier = seen.get(pattern.elements)
            if earlier is not None:
                w = pattern.where
                self.problems.append(
                    Problem(
                        w.path,
                        w.line,
                        w.col,
                        "C060",
                        pattern.id,
                        f"shadowed by {earlier.id} ({earlier.text!r}) at {earlier.where}, which matches "
                        f"the same words and comes first; got {pattern.text!r}: remove one or make "
                        "this one more specific",
                    )
                )
            seen.setdefault(pattern.elements, pattern)


def _overlap(a: DatedCode, b: DatedCode) -> bool:
    a_start, b_start = a.start or date.min, b.start or date.min
    a_end, b_end = a.end or date.max, b.end or date.max
    return a_start < b_end and b_start < a_end


def _kind(value: Any) -> str:
    if isinstance(value, YMap):
        return "mapping"
    if isinstance(value, YList):
        return "list"
    if isinstance(value, YStr):
        return value.kind if value.kind != "text" else "text"
    return "nothing"


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def check_codebook(path: str | Path) -> tuple[Codebook | None, list[Problem]]:
    """Load a codebook and return it (None on errors) with every problem found."""
    loader = _Loader()
    loader.codebook = Codebook(name=Path(path).stem, taxonomy=load_taxonomy("cameo"))
    loader.load_file(Path(path), top=True)
    loader.finish()
    problems = sorted(loader.problems, key=lambda p: (p.path, p.line, p.col, p.code))
    if any(p.is_error for p in problems):
        return None, problems
    return loader.codebook, problems


def read_codebook(path: str | Path) -> Codebook:
    """Load a codebook, raising `CodebookError` with every problem if it has errors."""
    codebook, problems = check_codebook(path)
    if codebook is None:
        raise CodebookError(problems)
    return codebook
