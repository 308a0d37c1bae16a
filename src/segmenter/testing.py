"""Helpers for testing rules on synthetic blocks, for this project and for users' own rules.

>>> from segmenter.testing import make_features, make_page
>>> block = make_features("Share on Facebook", link_chars=17, categories={"share"})
>>> page = make_page([block])
>>> list(MyRule().evaluate(block, page))   # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .features import Meta, Page, _text_stats
from .model import Features

__all__ = ["make_features", "make_page"]


def make_features(text: str = "A sentence of ordinary prose for the test.", **overrides: Any) -> Features:
    """:class:`Features` for a block of ``text``, with every other feature derived from the text
    the way the walk would, or taken from ``overrides`` (sets may be given for frozensets)."""
    words, stop = _text_stats(text)
    chars = len(text)
    link_chars = int(overrides.pop("link_chars", 0))
    values: dict[str, Any] = {
        "text": text,
        "tag": "p",
        "chars": chars,
        "words": words,
        "link_chars": link_chars,
        "link_density": link_chars / chars if chars else 0.0,
        "stopword_density": stop,
        "sentence_marks": sum(text.count(c) for c in ".!?"),
        "commas": text.count(","),
        "ends_sentence": text[-1:] in ".!?\"”'",
        "heading_level": 0,
        "depth": 5,
        "tag_path": "body/div/p",
        "containers": frozenset(),
        "categories": frozenset(),
        "class_tokens": frozenset(),
        "in_list": False,
        "in_table": False,
        "all_link": chars > 0 and link_chars >= 0.9 * chars,
        "first_href": "/link" if link_chars else None,
        "has_image": False,
        "after_image": False,
        "before_image": False,
        "index": 0,
        "position": 0.0,
        "repetition": 0,
        "in_main_region": True,
        "region_distance": 0,
        "figure": -1,
        "matches_alt": False,
        "parts": (),
        "card": -1,
        "in_card": False,
        "marks": frozenset(),
        "other_story": False,
    }
    for key, value in overrides.items():
        if key not in values:
            raise TypeError(f"unknown feature {key!r}")
        if isinstance(value, set | list | tuple) and isinstance(values[key], frozenset):
            value = frozenset(value)
        values[key] = value
    return Features(**values)


def make_page(
    blocks: Sequence[Features] | Iterable[Features],
    *,
    title_block: int | None = None,
    provisional: Sequence[Any] = (),
    url: str | None = None,
    meta: Meta | None = None,
    xpaths: Sequence[str] | None = None,
) -> Page:
    """A :class:`Page` around synthetic blocks (their ``index`` is renumbered in order).

    ``xpaths`` gives each block's element path (default: ``/html/body/p`` for all), for rules
    that compare where blocks sit."""
    import dataclasses

    blocks = [dataclasses.replace(b, index=i) for i, b in enumerate(blocks)]
    return Page(
        blocks=tuple(blocks),
        meta=meta or Meta(),
        url=url,
        lang=None,
        title_block=title_block,
        title_text=None,
        images=(),
        total_chars=sum(b.chars for b in blocks),
        region_chars=sum(b.chars for b in blocks if b.in_main_region),
        xpaths=tuple(xpaths) if xpaths is not None else tuple("/html/body/p" for _ in blocks),
        provisional=tuple(provisional),
    )
