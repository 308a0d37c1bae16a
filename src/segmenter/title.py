"""Which block is the page's headline: the page's headings reconciled with its title metadata.

Pure functions over the heading candidates the walk found (see :func:`segmenter.features.build_page`)
and the head's :class:`~segmenter.features.Meta`; nothing here walks the tree.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # features imports this module: the type only, no import cycle at run time
    from .features import Meta

__all__ = ["TitleCandidate", "choose_title", "clean_title", "title_similarity"]

_WORD = re.compile(r"\w+")
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»/]{1,2}\s+")
#: headings longer than this are paragraphs set in a heading tag, not a headline
MAX_TITLE_CHARS = 300


@dataclass(frozen=True)
class TitleCandidate:
    """A block that may be the headline: a heading, or a block the markup names a headline."""

    index: int
    text: str
    #: 1-6 for ``<h1>``-``<h6>``, 0 for any other element
    heading_level: int


def clean_title(title: str | None, site_name: str | None) -> str | None:
    """The headline part of a ``<title>``: split at separators (`` | ``, `` - `` …), drop the
    site name, keep the longest part."""
    if not title:
        return None
    title = " ".join(title.split())
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p]
    if len(parts) <= 1:
        return title
    if site_name:
        sn = site_name.strip().lower()
        parts = [p for p in parts if p.strip().lower() != sn] or parts
    return max(parts, key=len)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def title_similarity(a: str, b: str) -> float:
    """Word-bag F1 of two strings (lower-cased word tokens)."""
    ta, tb = _words(a), _words(b)
    if not ta or not tb:
        return 0.0
    common = sum((Counter(ta) & Counter(tb)).values())
    if common == 0:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def choose_title(
    candidates: Sequence[TitleCandidate], meta: Meta, region_start: int
) -> tuple[int | None, str | None]:
    """Reconcile the page's headings with ``og:title`` and ``<title>``: the heading that best
    matches the metadata wins; with no metadata match, the last h1 before the body region
    (``region_start``: the index of the body region's first block).

    Returns the chosen block's index (``None`` when no block is the headline) and the title text.
    """
    refs = [t for t in (meta.og_title, clean_title(meta.title, meta.site_name)) if t]
    best: tuple[float, int] | None = None
    first_h1: int | None = None
    for c in candidates:
        i = c.index
        if not (1 <= c.heading_level <= 3) or len(c.text) > MAX_TITLE_CHARS:
            continue
        if c.heading_level == 1 and (first_h1 is None or i <= region_start):
            first_h1 = i
        if refs:
            sim = max(title_similarity(c.text, ref) for ref in refs)
            # prefer h1 over h2/h3 and earlier over later on equal similarity
            score = sim + (0.1 if c.heading_level == 1 else 0.0) - 0.0001 * i
            if sim >= 0.5 and (best is None or score > best[0]):
                best = (score, i)
    texts = {c.index: c.text for c in candidates}
    if best is not None:
        return best[1], texts[best[1]]
    if first_h1 is not None:
        return first_h1, texts[first_h1]
    return None, refs[0] if refs else None
