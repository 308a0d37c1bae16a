"""segmenter: split a web page into its primary article, photo captions, related-article cards
and labelled junk, and explain every decision.

>>> import segmenter
>>> result = segmenter.segment(html_bytes, url="https://news.example.com/story")  # doctest: +SKIP
>>> result.article.title, result.article.text                                       # doctest: +SKIP
"""

from .features import Page
from .model import (
    Article,
    Block,
    Caption,
    Evidence,
    Explanation,
    Features,
    Image,
    JunkBlock,
    JunkKind,
    Label,
    Paragraph,
    ParagraphKind,
    RelatedCard,
    Segmentation,
)
from .rules import CONTEXT, Rule, RuleError, RuleSet, SiteRule, site_rules
from .segmenter import Options, Segmenter, segment, segment_html, segment_text
from .selectors import SelectorError
from .text import render_text

__version__ = "0.1.0"

__all__ = [
    "CONTEXT",
    "Article",
    "Block",
    "Caption",
    "Evidence",
    "Explanation",
    "Features",
    "Image",
    "JunkBlock",
    "JunkKind",
    "Label",
    "Options",
    "Page",
    "Paragraph",
    "ParagraphKind",
    "RelatedCard",
    "Rule",
    "RuleError",
    "RuleSet",
    "Segmentation",
    "Segmenter",
    "SelectorError",
    "SiteRule",
    "__version__",
    "segment",
    "segment_html",
    "segment_text",
    "render_text",
    "site_rules",
]
