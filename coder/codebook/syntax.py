"""Own the pattern language: parse a pattern line into elements, or say what is wrong."""

from __future__ import annotations

import re

from coder.codebook.model import Element

_SLOT = re.compile(r"\{(\w+)(?:[:=]([A-Z0-9-]+(?:\|[A-Z0-9-]+)*|any))?(\?)?\}")
_CLASS = re.compile(r"@([A-Za-z][A-Za-z0-9_]*)")
_WORD = re.compile(r"=?[\w'’.-]+")
SLOTS = ("source", "target")


def parse_pattern(text: str) -> tuple[tuple[Element, ...], list[str]]:
    """Parse a pattern; return its elements and a list of what is wrong (empty if fine)."""
    errors: list[str] = []
    elements: list[Element] = []
    for token in text.split():
        if token in ("...", "^"):
            # `^ ^` skips two phrases; a gap next to a gap or a skip says nothing more
            if not elements or elements[-1].kind == "gap" or (token == "..." and elements[-1].kind == "skip"):
                errors.append(f"`{token}` must stand between two other tokens")
            elements.append(Element("gap", "...") if token == "..." else Element("skip", "^"))
        elif token.startswith("{"):
            match = _SLOT.fullmatch(token)
            if not match or match[1] not in SLOTS:
                errors.append(f"unknown slot {token!r}; slots are {{source}} and {{target}}")
                continue
            if any(e.kind == "slot" and e.value == match[1] for e in elements):
                errors.append(f"slot {{{match[1]}}} appears twice")
            if elements and elements[-1].kind == "slot":
                errors.append("two slots side by side; put a word between them")
            if match[2] == "any" and match[1] != "target" and not any(e.kind != "slot" for e in elements):
                errors.append(f"{token!r}: a source may take any actor only after a word ({{target:any}} anywhere)")
            if match[3] and match[1] != "target":
                errors.append(f"{token!r}: only the target may be optional ({{target?}})")
            loose = match[2] == "any"
            elements.append(Element("slot", match[1], "" if loose else match[2] or "", loose, optional=bool(match[3])))
        else:
            for i, part in enumerate(token.split("+")):
                element = _literal(part, tight=i > 0)
                if isinstance(element, str):
                    errors.append(element)
                else:
                    elements.append(element)
    if elements and elements[-1].kind in ("gap", "skip"):
        errors.append(f"`{elements[-1].value}` must stand between two other tokens")
    if not any(e.kind in ("word", "exact", "class") for e in elements):
        errors.append("a pattern needs at least one word or @CLASS")
    return tuple(elements), errors


def _literal(token: str, tight: bool) -> Element | str:
    """Parse a word, `=form` or `@CLASS` (after a `+`: it must follow the previous word directly)."""
    if token.startswith("@"):
        match = _CLASS.fullmatch(token)
        return Element("class", match[1], tight=tight) if match else f"bad class reference {token!r}; write @NAME"
    if _WORD.fullmatch(token) and "{" not in token and "}" not in token:
        if token.startswith("="):
            return Element("exact", token[1:].lower(), tight=tight)
        return Element("word", token.lower(), tight=tight)
    if not token:
        return "`+` must join two words: word+word"
    return f"cannot read {token!r}; use words, @CLASS, {{source}}, {{target}}, ... or ^"
