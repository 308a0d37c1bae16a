"""The value types of a segmentation: labels, evidence, blocks and the objects assembled from them.

Everything here is a frozen dataclass or an enum, so results can be shared between threads,
pickled, and compared in tests.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum
from typing import Any, TypeVar

_T = TypeVar("_T")

__all__ = [
    "SCHEMA_VERSION",
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
    "Paragraph",
    "ParagraphKind",
    "RelatedCard",
    "Segmentation",
]

SCHEMA_VERSION = 1


class Label(str, Enum):
    """What a block is to a reader. Every block gets exactly one."""

    TITLE = "title"
    BODY = "body"
    BYLINE = "byline"
    DATELINE = "dateline"
    CAPTION = "caption"
    CREDIT = "credit"
    RELATED = "related"
    JUNK = "junk"

    def __str__(self) -> str:
        return self.value


class JunkKind(str, Enum):
    """Why a junk block is junk."""

    NAVIGATION = "navigation"
    SOCIAL = "social"
    PROMO = "promo"
    COMMENTS = "comments"
    FOOTER = "footer"
    ADVERTISING = "advertising"
    LEGAL = "legal"
    OTHER = "other"

    def __str__(self) -> str:
        return self.value


class ParagraphKind(str, Enum):
    """The role of a piece of article text."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    PREFORMATTED = "preformatted"
    TABLE_CELL = "table_cell"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Evidence:
    """One rule's vote about one block.

    ``weight`` is added to the block's score for ``label``; a ``final`` vote decides the block
    outright (the strongest final vote wins) and is meant for near-certain signals only.
    ``kind`` refines a junk vote (a :class:`JunkKind` value).
    """

    label: Label
    weight: float
    rule: str
    reason: str
    final: bool = False
    kind: JunkKind | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "rule": self.rule,
            "label": self.label.value,
            "weight": self.weight,
            "reason": self.reason,
            "final": self.final,
        }
        if self.kind is not None:
            d["kind"] = self.kind.value
        return d


@dataclass(frozen=True)
class Features:
    """What is known about a block before any rule runs; computed once, in one pass.

    Rules declare which of these names they read (``Rule.requires``); the names of the fields
    of this class are the feature vocabulary.
    """

    #: the block's visible text, whitespace collapsed
    text: str
    #: the tag of the element that owns the text (the nearest block-level ancestor)
    tag: str
    #: number of characters of ``text``
    chars: int
    #: number of words (for scripts without spaces: characters / 2)
    words: int
    #: characters of text inside links
    link_chars: int
    #: ``link_chars / chars``
    link_density: float
    #: share of words that are common function words (a multilingual table)
    stopword_density: float
    #: sentence punctuation marks (. ! ? and their CJK forms) and commas
    sentence_marks: int
    commas: int
    #: the text ends like a sentence
    ends_sentence: bool
    #: heading level 1-6, 0 when the block is no heading
    heading_level: int
    #: nesting depth of the owning element
    depth: int
    #: the last few tags from the root to the owning element, e.g. ``"article/div/p"``
    tag_path: str
    #: semantic containers the block sits in: tags (``article``, ``nav``, ``figure`` …),
    #: ``role:<value>`` and ``itemprop:<value>``
    containers: frozenset[str]
    #: class/id vocabulary categories of ancestors (``nav``, ``share``, ``comments`` …), without
    #: the ones on layout wrappers that hold most of the page
    categories: frozenset[str]
    #: class and id tokens of the owning element and its parent
    class_tokens: frozenset[str]
    #: the block is inside a list item / table cell / link, respectively
    in_list: bool
    in_table: bool
    #: the block's whole text is one link
    all_link: bool
    #: the href of the first link in the block, if any
    first_href: str | None
    #: the block's element or its parent holds an image, or an image comes right before / after
    has_image: bool
    after_image: bool
    before_image: bool
    #: index among blocks and relative position (0..1) in reading order
    index: int
    position: float
    #: how many siblings of the nearest repeated ancestor share its shape (0 = not repeated)
    repetition: int
    #: the block is inside the densest text region of the page
    in_main_region: bool
    #: tree levels from the densest region to the nearest element holding both the block and
    #: the region: 0 inside the region, 1 inside its parent, … 9 for far away
    region_distance: int = 9
    #: the figure the block belongs to (a ``<figure>`` or a small wrapper around an image with
    #: little text and few links), as a page-unique number; -1 when none
    figure: int = -1
    #: the block repeats the alt text of an image right before or after it
    matches_alt: bool = False
    #: the block's inline parts as (text, "tag.class") when it mixes differently classed inline
    #: elements (a card headline with its kicker, source and time spans); empty otherwise
    parts: tuple[tuple[str, str], ...] = ()
    #: the card the block belongs to (the nearest ancestor that repeats among its siblings with
    #: the same shape), as a page-unique number; -1 when none
    card: int = -1
    #: that card is a teaser card: headline-sized links, small, not an ad, not a menu
    in_card: bool = False
    #: names of selector rules whose selection contains the block
    marks: frozenset[str] = field(default_factory=frozenset)
    #: the block is in another story stacked on the page: an ``<article>`` with its own ``<h1>``
    #: beside (not around, not inside) the article of the page's title, as infinite scroll
    #: appends the next story below the one the page is for
    other_story: bool = False


FEATURE_NAMES: frozenset[str] = frozenset(Features.__dataclass_fields__)


def _unchecked(cls: type[_T], values: dict[str, Any]) -> _T:
    """An instance of the frozen dataclass ``cls`` from a dict holding every field, without the
    generated ``__init__``.

    The walk makes a :class:`Features` and a :class:`Block` per block, and a frozen dataclass's
    ``__init__`` sets each field with its own ``object.__setattr__`` call (ten times the cost of
    this for 34 fields). The result is an ordinary frozen instance, equal to and
    indistinguishable from ``cls(**values)`` (``tests/test_api.py`` checks it). The caller must
    give every field.
    """
    obj = object.__new__(cls)
    obj.__dict__.update(values)
    return obj


@dataclass(frozen=True)
class Block:
    """A run of text a reader sees as one unit, in reading order, with exactly one label."""

    index: int
    text: str
    label: Label
    xpath: str
    features: Features = field(repr=False, compare=False)
    #: the label before context smoothing (the jusText "context-free class")
    context_free_label: Label = Label.JUNK
    kind: JunkKind | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "index": self.index,
            "label": self.label.value,
            "text": self.text,
            "xpath": self.xpath,
            "tag": self.features.tag,
        }
        if self.kind is not None:
            d["kind"] = self.kind.value
        return d


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the article body with its role."""

    text: str
    kind: ParagraphKind = ParagraphKind.PARAGRAPH
    block: int = -1

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "kind": self.kind.value, "block": self.block}


@dataclass(frozen=True)
class Article:
    """The primary article of a page."""

    title: str | None
    paragraphs: tuple[Paragraph, ...]
    byline: str | None = None
    dateline: str | None = None

    @property
    def text(self) -> str:
        """Body paragraphs and sub-headings in reading order, separated by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "text": self.text,
            "byline": self.byline,
            "dateline": self.dateline,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
        }


@dataclass(frozen=True)
class Image:
    """An image a caption belongs to."""

    src: str | None = None
    alt: str | None = None
    width: str | None = None
    height: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"src": self.src, "alt": self.alt, "width": self.width, "height": self.height}


@dataclass(frozen=True)
class Caption:
    """A photo or video caption, with its credit line split off.

    ``credit`` is the credit without a leading label ("Jane Doe/AFP" for "Photo: Jane Doe/AFP");
    the label, when there was one, is in ``credit_label``. Bracketed credits keep their form
    ("(AP Photo/Jane Doe)"). A credit shown without any caption text gives ``text == ""``.
    """

    text: str
    credit: str | None = None
    image: Image | None = None
    #: index of the article paragraph the caption follows (-1: before the first)
    position: int = -1
    blocks: tuple[int, ...] = ()
    credit_label: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "credit": self.credit,
            "credit_label": self.credit_label,
            "image": None if self.image is None else self.image.to_dict(),
            "position": self.position,
            "blocks": list(self.blocks),
        }


@dataclass(frozen=True)
class RelatedCard:
    """A card or teaser link that points to another article."""

    title: str
    url: str | None = None
    source: str | None = None
    age_text: str | None = None
    age: timedelta | None = None
    published: datetime | None = None
    snippet: str | None = None
    image: Image | None = None
    blocks: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "age_text": self.age_text,
            "age_seconds": None if self.age is None else self.age.total_seconds(),
            "published": None if self.published is None else self.published.isoformat(),
            "snippet": self.snippet,
            "image": None if self.image is None else self.image.to_dict(),
            "blocks": list(self.blocks),
        }


@dataclass(frozen=True)
class JunkBlock:
    """A block labelled junk, with the kind of junk it is."""

    text: str
    kind: JunkKind
    block: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "kind": self.kind.value, "block": self.block}


@dataclass(frozen=True)
class Explanation:
    """Why a block got its label: every vote, the summed scores and both labels."""

    block: Block
    evidence: tuple[Evidence, ...]
    scores: Mapping[str, float]
    context_free_label: Label
    label: Label

    def __str__(self) -> str:
        lines = [f"#{self.block.index} {self.label.value} <{self.block.features.tag}> {self.block.text[:70]!r}"]
        if self.context_free_label != self.label:
            lines.append(f"    context-free label: {self.context_free_label.value}")
        for ev in self.evidence:
            mark = "!" if ev.final else " "
            lines.append(f"   {mark}{ev.weight:+.2f} {ev.label.value:<8} {ev.rule}: {ev.reason}")
        lines.append("    scores: " + ", ".join(f"{k}={v:+.2f}" for k, v in sorted(self.scores.items())))
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "block": self.block.index,
            "label": self.label.value,
            "context_free_label": self.context_free_label.value,
            "scores": dict(self.scores),
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class Segmentation:
    """The result of segmenting one page.

    ``article`` is ``None`` when the page has no primary article (an index or list page).
    ``title`` is the page's title either way: the article's title when there is an article,
    else the page's own heading (a category or list page has one too) or, failing that, its
    cleaned metadata title.
    """

    article: Article | None
    captions: tuple[Caption, ...]
    related: tuple[RelatedCard, ...]
    junk: tuple[JunkBlock, ...]
    blocks: tuple[Block, ...]
    url: str | None = None
    lang: str | None = None
    warnings: tuple[str, ...] = ()
    #: the language the text was read in: ``lang`` checked against the text, or detected from
    #: it (ISO 639-1 where there is one; "und" when undetermined)
    language: str = "und"
    #: the page's title as a reader sees it: ``article.title`` when there is an article, else
    #: the page's heading or cleaned metadata title (``None`` when the page shows neither)
    title: str | None = None
    _evidence: tuple[tuple[Evidence, ...], ...] = field(default=(), repr=False, compare=False)
    _scores: tuple[Mapping[str, float], ...] = field(default=(), repr=False, compare=False)

    def explain(self, block: Block | int) -> Explanation:
        """Return the evidence that decided ``block`` (a :class:`Block` or its index)."""
        index = block if isinstance(block, int) else block.index
        if not 0 <= index < len(self.blocks):
            raise IndexError(f"no block {index}: the page has {len(self.blocks)} blocks")
        b = self.blocks[index]
        evidence = self._evidence[index] if index < len(self._evidence) else ()
        scores = self._scores[index] if index < len(self._scores) else {}
        return Explanation(b, evidence, scores, b.context_free_label, b.label)

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        """The documented JSON shape (``schema/segmentation.schema.json``)."""
        d: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "url": self.url,
            "lang": self.lang,
            "language": self.language,
            "title": self.title,
            "article": None if self.article is None else self.article.to_dict(),
            "captions": [c.to_dict() for c in self.captions],
            "related": [r.to_dict() for r in self.related],
            "junk": [j.to_dict() for j in self.junk],
            "blocks": [b.to_dict() for b in self.blocks],
            "warnings": list(self.warnings),
        }
        if explain:
            d["explanations"] = [self.explain(b).to_dict() for b in self.blocks]
        return d

    def to_json(self, *, indent: int | None = 2, explain: bool = False) -> str:
        """:meth:`to_dict` as a JSON string (UTF-8 characters kept as they are)."""
        return json.dumps(self.to_dict(explain=explain), ensure_ascii=False, indent=indent)
