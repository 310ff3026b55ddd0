"""coder: code news text into dated who-did-what-to-whom event rows.

from coder import Coder
coder = Coder()                       # the shipped CAMEO codebook
events = coder.code_text(article_text)
"""

from coder.frame import code_dataframe
from coder.pipeline import Coder, Summary

__all__ = ["Coder", "Summary", "code_dataframe"]
__version__ = "0.1.0"
