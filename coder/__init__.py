"""coder: code news text into dated who-did-what-to-whom event rows.

from coder import Coder
coder = Coder()                       # the shipped CAMEO codebook
events = coder.code_text(article_text)
"""

from typing import Any

from coder.pipeline import Coder, Summary

__all__ = ["Coder", "Summary", "code_dataframe"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name == "code_dataframe":  # imports pandas, so only when asked for
        from coder.frame import code_dataframe

        return code_dataframe
    raise AttributeError(f"module 'coder' has no attribute {name!r}")
