"""Which block is the page's headline: the page's headings reconciled with its title metadata.

Pure functions over the blocks the walk found (see :func:`segmenter.features.build_page`) and the
page's :class:`~segmenter.features.Meta`; nothing here walks the tree.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter, deque
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # features imports this module: the types only, no import cycle at run time
    from .features import Meta
    from .model import Features

__all__ = ["choose_title", "clean_title", "is_jsonld", "jsonld_headline", "title_similarity"]

_WORD = re.compile(r"\w+")
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»/]{1,2}\s+")
#: headings longer than this are paragraphs set in a heading tag, not a headline
MAX_TITLE_CHARS = 300


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


def is_jsonld(script_type: str | None) -> bool:
    """Whether a ``<script type=…>`` holds JSON-LD."""
    return script_type is not None and script_type.strip().lower() == "application/ld+json"


#: JSON-LD types whose ``headline`` (or ``name``) is the page's headline
_ARTICLE_TYPE = re.compile(r"article|posting|blog|report|review|recipe|webpage|howto|qapage|newsarticle", re.IGNORECASE)
#: a JSON-LD script is read only up to this many characters (the headline sits near the top)
JSONLD_MAX_CHARS = 200_000
_HEADLINE_FIELD = re.compile(r'"headline"\s*:\s*"((?:[^"\\]|\\.){1,600})"')


def jsonld_headline(scripts: Sequence[str]) -> str | None:
    """The ``headline`` of the first article-like object in the page's JSON-LD scripts.

    The objects are visited breadth-first with an explicit queue (``@graph`` lists and nested
    objects), never recursively. A script that is not valid JSON (common: stray commas, raw
    newlines) is searched for a ``"headline": "…"`` field instead.
    """
    fallback: str | None = None
    for script in scripts:
        text = script[:JSONLD_MAX_CHARS]
        try:
            data = json.loads(text, strict=False)
        except ValueError:
            m = _HEADLINE_FIELD.search(text)
            if m is not None and fallback is None:
                try:
                    fallback = json.loads(f'"{m.group(1)}"', strict=False)
                except ValueError:
                    fallback = m.group(1)
            continue
        queue: deque[Any] = deque([data])
        seen = 0
        while queue and seen < 2000:  # bounded: a JSON-LD catalogue can hold thousands of items
            item = queue.popleft()
            seen += 1
            if isinstance(item, list):
                queue.extend(item)
                continue
            if not isinstance(item, dict):
                continue
            headline = item.get("headline")
            types = item.get("@type")
            type_text = " ".join(types) if isinstance(types, list) else str(types or "")
            if isinstance(headline, str) and headline.strip():
                if _ARTICLE_TYPE.search(type_text):
                    return _clean_text(headline)
                fallback = fallback or headline
            for value in item.values():
                if isinstance(value, dict | list):
                    queue.append(value)
    return _clean_text(fallback) if fallback else None


def _clean_text(text: str) -> str | None:
    return " ".join(html.unescape(text).split()) or None


def choose_title(blocks: Sequence[Features], meta: Meta, region_start: int) -> tuple[int | None, str | None]:
    """Reconcile the page's headings with ``og:title`` and ``<title>``: the heading that best
    matches the metadata wins; with no metadata match, the last h1 before the body region
    (``region_start``: the index of the body region's first block).

    Returns the chosen block's index (``None`` when no block is the headline) and the title text.
    """
    refs = [t for t in (meta.og_title, clean_title(meta.title, meta.site_name)) if t]
    best: tuple[float, Features] | None = None
    first_h1: Features | None = None
    for c in blocks:
        if not (1 <= c.heading_level <= 3) or len(c.text) > MAX_TITLE_CHARS:
            continue
        if c.heading_level == 1 and (first_h1 is None or c.index <= region_start):
            first_h1 = c
        if refs:
            sim = max(title_similarity(c.text, ref) for ref in refs)
            # prefer h1 over h2/h3 and earlier over later on equal similarity
            score = sim + (0.1 if c.heading_level == 1 else 0.0) - 0.0001 * c.index
            if sim >= 0.5 and (best is None or score > best[0]):
                best = (score, c)
    if best is not None:
        return best[1].index, best[1].text
    if first_h1 is not None:
        return first_h1.index, first_h1.text
    return None, refs[0] if refs else None
