"""Own label sets: map event codes to the labels a classifier learns (root, penta, ...)."""

from __future__ import annotations

from coder.taxonomy import load_taxonomy

NONE = "none"


def code_label(code: str, label_set: str) -> str:
    """Map a CAMEO code to a label of a label set (`none` stays `none`)."""
    if code == NONE or not code:
        return NONE
    if label_set == "cameo-root":
        return code[:2]
    if label_set == "penta":
        kind = load_taxonomy("cameo").get(code)
        return kind.penta_class if kind else NONE
    return code
