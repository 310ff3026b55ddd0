"""Read YAML with positions; the only module that touches PyYAML.

Every scalar comes back as text (`YStr`) with its line, column and the type YAML would have
given it, so that the validator can catch YAML's silent conversions (`010` -> 8,
`NO` -> False, `2019-12-07` -> a date) instead of living with them. Duplicate keys and
tabs are reported, not silently resolved.
"""

from __future__ import annotations

from typing import Any

import yaml

from coder.errors import Problem

_TAG_NAMES = {
    "tag:yaml.org,2002:int": "integer",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:bool": "boolean",
    "tag:yaml.org,2002:timestamp": "date",
    "tag:yaml.org,2002:null": "null",
}


# Aliases may repeat a block, but not blow a small file up into a huge tree ("billion laughs").
MAX_VALUES = 2_000_000

# libyaml's loader, where PyYAML was built with it, composes the same nodes several times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YStr(str):
    """A scalar's text with its position and the type YAML would have read it as."""

    line: int
    col: int
    kind: str  # "text", "integer", "number", "boolean", "date", "null"
    quoted: bool


class YMap(dict):  # type: ignore[type-arg]
    """A mapping with its position and the position of each key."""

    line: int
    col: int
    key_pos: dict[str, tuple[int, int]]


class YList(list):  # type: ignore[type-arg]
    """A sequence with its position."""

    line: int
    col: int


def position(value: Any, default: tuple[int, int] = (1, 1)) -> tuple[int, int]:
    """Return (line, col) of a value read by `read_yaml`, or `default`."""
    line = getattr(value, "line", None)
    return (line, value.col) if line is not None else default


def _scalar(node: yaml.ScalarNode) -> YStr:
    s = YStr(node.value)
    s.line, s.col = node.start_mark.line + 1, node.start_mark.column + 1
    s.quoted = node.style in ("'", '"')
    s.kind = "text" if s.quoted else _TAG_NAMES.get(node.tag, "text")
    return s


def _convert(node: yaml.Node, path: str, problems: list[Problem]) -> Any:
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        seq = YList(_convert(item, path, problems) for item in node.value)
        seq.line, seq.col = line, col
        return seq
    assert isinstance(node, yaml.MappingNode)
    mapping = YMap()
    mapping.line, mapping.col = line, col
    mapping.key_pos = {}
    for key_node, value_node in node.value:
        key = _convert(key_node, path, problems)
        key_text = str(key)
        kline, kcol = key_node.start_mark.line + 1, key_node.start_mark.column + 1
        if key_text in mapping:
            first = mapping.key_pos[key_text][0]
            problems.append(
                Problem(
                    path,
                    kline,
                    kcol,
                    "C003",
                    key_text,
                    f"duplicate key; the first is on line {first} and YAML would keep "
                    "only this one: merge the two or rename one",
                )
            )
            continue
        mapping.key_pos[key_text] = (kline, kcol)
        mapping[key_text] = _convert(value_node, path, problems)
    return mapping


def _alias_problem(root: yaml.Node, path: str) -> Problem | None:
    """Return a problem if aliases make the tree cyclic or expand it beyond `MAX_VALUES`."""
    sizes: dict[int, int] = {}
    opened: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)  # an alias is the very node of its anchor
        if key in sizes:
            return sizes[key]
        if key in opened:
            raise _AliasError(node, "an alias refers to a block that contains it (a cycle): remove the alias")
        if isinstance(node, yaml.ScalarNode):
            return 1
        opened.add(key)
        children = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
        total = 1 + sum(size(child) for child in children)
        opened.discard(key)
        if total > MAX_VALUES:
            raise _AliasError(node, f"aliases repeat this block to more than {MAX_VALUES:,} values: write it out")
        sizes[key] = total
        return total

    try:
        size(root)
    except _AliasError as exc:
        mark = exc.node.start_mark
        return Problem(path, mark.line + 1, mark.column + 1, "C001", "", exc.message)
    return None


class _AliasError(Exception):
    def __init__(self, node: yaml.Node, message: str) -> None:
        self.node, self.message = node, message


def read_yaml(text: str, path: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text; return the positioned tree (or None) and the problems found."""
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            problems.append(
                Problem(
                    path,
                    number,
                    len(line) - len(stripped) + 1,
                    "C002",
                    "",
                    "tab in indentation; YAML allows only spaces: indent with spaces",
                )
            )
    if problems:
        return None, problems
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or "cannot be read"
        hint = "check the indentation and quoting around this line"
        context = exc.context or ""
        if exc.context_mark and ("flow" in context or "quoted" in context):
            # An unclosed bracket or quote: the place it opened is the place to fix.
            hint = f"the {context.replace('while parsing a ', '').replace('while scanning a ', '')} opened here is not closed"
            mark = exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "\t" in what or "'\\t'" in str(exc):
            return None, [Problem(path, line, col, "C002", "", f"{what}: indent with spaces")]
        return None, [Problem(path, line, col, "C001", "", f"{what}: {hint}")]
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        return None, [Problem(path, 1, 1, "C001", "", f"{exc}")]
    if node is None:
        return None, problems
    try:
        if "&" in text and "*" in text:  # anchors and aliases: check what they expand to
            problem = _alias_problem(node, path)
            if problem is not None:
                return None, [problem]
        return _convert(node, path, problems), problems
    except RecursionError:
        return None, [Problem(path, 1, 1, "C001", "", "blocks nested too deeply to read: flatten the file")]
