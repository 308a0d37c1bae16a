"""One iterative pass over the tree: blocks in reading order with all their features.

The walk never recurses (``lxml.etree.iterwalk`` drives it), keeps only O(1) work per element
and per text node, and records for every element the range of blocks it holds. Page-level facts
(the densest text region, which block is the headline) are then computed from those ranges with
prefix sums, so the whole module is linear in the size of the page.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from .captions import credit_from_attributes
from .lang import UNDETERMINED, detect, sample_text, text_stats
from .model import Features, _unchecked
from .title import choose_title, is_jsonld, jsonld_article, title_similarity
from .vocab import (
    BLOCK_TAGS,
    NEGATIVE_CATEGORIES,
    SEMANTIC_TAGS,
    SKIP_TAGS,
    STRONG_CATEGORIES,
    WIDGET_CATEGORIES,
    classify,
    classify_id,
    hides,
    is_sr_only,
)

__all__ = ["ImageRef", "Meta", "Page", "RegionWeights", "build_page"]

_WORD = re.compile(r"\w+")
WRAPPER_SHARE = 0.25
# strong markers that count on however large an element: a long thread is still comments
_LONG_CATEGORIES = STRONG_CATEGORIES - WIDGET_CATEGORIES
STRONG_WRAPPER_SHARE = 0.6
# containers that are never a layout wrapper, however much text they hold (see _finish)
_NEVER_WRAPPER_CONTAINERS = ("footer", "role:contentinfo", "nav", "role:navigation")
# containers whose text is page furniture: a block inside one counts against the region
_NEGATIVE_CONTAINERS = ("nav", "footer", "aside", "role:navigation", "role:contentinfo", "role:complementary")
#: region_distance counts at most this many levels above the region; beyond is REGION_FAR
REGION_NEAR_LEVELS = 4
REGION_FAR = 9
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SENTENCE_END = frozenset(".!?。！？…\"”’'»)")
# an <svg> or <math> left open swallows the rest of the page in libxml2's tree; browsers leave
# foreign content at the first HTML block element, so such a subtree is walked, not skipped
_FOREIGN = frozenset({"svg", "math"})
_HTML_IN_FOREIGN = ("p", "div", "li", "h1", "h2", "h3", "table", "article", "section", "main", "ul")
# <title>, <meta>, <link> and JSON-LD <script> elements: what Meta is read from
_META_TAGS = frozenset({"title", "meta", "link", "script"})
_HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Repeated siblings of these tags are prose or formatting, not cards or menu items.
_NO_REPEAT_TAGS = frozenset(
    {"p", "br", "hr", "span", "em", "strong", "b", "i", "a", "img", "h1", "h2", "h3", "h4", "h5",
     "h6", "td", "th", "tbody", "tr", "font", "small", "sup", "sub", "u", "source", "wbr"}
)


@dataclass(frozen=True)
class ImageRef:
    """An image seen during the walk, placed between blocks."""

    block_cursor: int  # the index of the next block at the time the image was seen
    src: str | None
    alt: str | None
    width: str | None
    height: str | None
    node: int
    #: the image's class/id marks it as an ad or a sponsor's logo
    ad: bool = False
    #: a credit in the image's attributes (data-credit, a credit in its title)
    credit: str | None = None
    #: an icon, not a picture: its class or file name says so, or it is tiny (see _is_icon)
    icon: bool = False


@dataclass(frozen=True)
class Meta:
    """What the document head says about the page."""

    title: str | None = None
    og_title: str | None = None
    site_name: str | None = None
    description: str | None = None
    canonical: str | None = None
    lang: str | None = None
    #: the ``headline`` of the page's JSON-LD article (``<script type="application/ld+json">``)
    headline: str | None = None
    #: the ``articleBody`` of that article: its whole text, which a paywalled page declares
    #: while it shows only the start (see :func:`segmenter.assemble.declared_body`)
    article_body: str | None = None


@dataclass(frozen=True)
class RegionWeights:
    """How much a block's characters count towards the densest-region search.

    A region's score is the sum over its blocks; prose counts in full, text that does not read
    like prose counts ``loose`` per character, link text counts ``-link_penalty`` per character
    and text under a negative class/id or semantic container ``-negative`` per character.
    """

    loose: float = 0.3
    link_penalty: float = 1.5
    negative: float = 1.0


@dataclass(frozen=True)
class Page:
    """Everything rules may read about the page as a whole: all blocks' features (in reading
    order), the head metadata, the URL and the chosen headline block."""

    blocks: tuple[Features, ...]
    meta: Meta
    url: str | None
    lang: str | None
    title_block: int | None
    title_text: str | None
    images: tuple[ImageRef, ...]
    total_chars: int
    region_chars: int
    #: owner-element xpath of each block
    xpaths: tuple[str, ...] = field(repr=False, default=())
    #: the first image of each figure (by the figure's node number, ``Features.figure``)
    figure_images: dict[int, ImageRef] = field(repr=False, default_factory=dict)
    #: figures with a caption the markup names (``<figcaption>``, a caption class)
    captioned_figures: frozenset[int] = frozenset()
    #: blocks between the headline and the body (a text page's dateline and byline lines)
    header_zone: frozenset[int] = frozenset()
    #: "html" or "text"
    kind: str = "html"
    #: the language the page's text was read in (``lang.detect``: ``<html lang>`` checked against
    #: the text; "und" when undetermined)
    language: str = UNDETERMINED
    #: what limited the walk (max_nodes, time budget), if anything
    warnings: tuple[str, ...] = ()
    #: labels after the context-free stage; filled in for context rules only
    provisional: tuple[Any, ...] = field(repr=False, default=())

    def neighbours(self, index: int, window: int) -> Sequence[Features]:
        """Blocks within ``window`` positions of ``index`` (excluding it), in order."""
        lo = max(0, index - window)
        return self.blocks[lo:index] + self.blocks[index + 1 : index + 1 + window]


class _Frame:
    __slots__ = (
        "node", "tag", "is_block", "containers", "cats", "marks", "skipped", "tokens", "repeat_key", "inline_key",
        "cat_start", "path4",
    )

    def __init__(
        self,
        node: int,
        tag: str,
        is_block: bool,
        containers: dict[str, int],
        cats: dict[str, int],
        marks: frozenset[str],
        skipped: bool,
        tokens: tuple[str, ...],
        repeat_key: tuple[int, tuple[int, str]] | None,
    ) -> None:
        self.node = node
        self.tag = tag
        self.is_block = is_block
        self.containers = containers
        self.cats = cats
        self.marks = marks
        self.skipped = skipped
        self.tokens = tokens
        # (node, (parent node, sibling-shape key)), the key being the tag and first class name
        # (items of one list often differ only in modifier classes, "item item--first", which
        # must not split them into shapes); None for the root and for tags whose repeats say
        # nothing (_NO_REPEAT_TAGS)
        self.repeat_key = repeat_key
        self.inline_key: str | None = None
        # (flush count, piece count) where an inline element with classes began (see build_page)
        self.cat_start: tuple[int, int] | None = None
        # the tags of the element and its three nearest ancestors, computed on the first block
        # the element owns (see flush): most elements own none
        self.path4: tuple[str, ...] | None = None


@dataclass
class _Raw:
    text: str
    owner: int
    tag: str
    depth: int
    link_chars: int
    first_href: str | None
    containers: dict[str, int]
    cats: dict[str, int]
    marks: frozenset[str]
    class_tokens: frozenset[str]
    has_image: bool
    after_image: bool
    path4: tuple[str, ...]
    repeat_keys: tuple[tuple[int, tuple[int, str]], ...]
    heading_level: int
    parts: tuple[tuple[str, str], ...] = ()


def _parts(pieces: list[str], keys: list[str]) -> tuple[tuple[str, str], ...]:
    """Consecutive pieces of one inline element class joined: the block's inline parts."""
    out: list[tuple[str, str]] = []
    for piece, key in zip(pieces, keys, strict=True):
        if out and out[-1][1] == key:
            out[-1] = (out[-1][0] + piece, key)
        else:
            out.append((piece, key))
    cleaned = tuple((" ".join(t.split()), k) for t, k in out)
    return tuple(p for p in cleaned if p[0])


def _nonblank(pieces: list[str]) -> int:
    """The characters of a block's pieces that are not spaces or line breaks."""
    return sum(len(t) - t.count(" ") - t.count("\n") for t in pieces)


def _text_stats(text: str, language: str = UNDETERMINED) -> tuple[int, float]:
    """Word count and stop-word density in the page's language (see :func:`lang.text_stats`)."""
    return text_stats(text, language)


#: ``<meta>`` names of the title the publisher declares (Open Graph, Twitter, Dublin Core)
_TITLE_KEYS = frozenset({"og:title", "twitter:title", "dc.title", "dc:title", "dcterms.title", "dcterms:title"})


def _read_meta(root: Any, elements: Sequence[Any]) -> Meta:
    """The page's :class:`Meta` from its ``<title>``, ``<meta>``, ``<link>`` and JSON-LD
    ``<script>`` elements (collected by the walk, in document order: a page whose markup closes
    the head early keeps them in the body), the first of each kind winning."""
    title = og_title = site_name = description = canonical = None
    lang = root.get("lang") or root.get("xml:lang") if isinstance(root.tag, str) else None
    jsonld: list[str] = []
    for el in elements:
        if el.tag == "title":
            if title is None and el.text:
                title = " ".join(el.text.split()) or None
        elif el.tag == "meta":
            key = (el.get("property") or el.get("name") or "").lower()
            content = el.get("content")
            if not content:
                continue
            if key in _TITLE_KEYS and og_title is None:
                og_title = " ".join(content.split()) or None
            elif key == "og:site_name" and site_name is None:
                site_name = content.strip() or None
            elif key in ("description", "og:description") and description is None:
                description = content.strip() or None
        elif el.tag == "link":
            if canonical is None and (el.get("rel") or "").lower() == "canonical":
                canonical = el.get("href")
        elif el.text:  # a JSON-LD script
            jsonld.append(el.text)
    headline, body = jsonld_article(jsonld) if jsonld else (None, None)
    return Meta(title, og_title, site_name, description, canonical, lang, headline, body)


_STREAMED_SEGMENT = re.compile(r"S:\d{1,6}")


def _is_hidden(el: Any, in_caption: bool = False) -> bool:
    attrib = el.attrib
    role = attrib.get("role")
    if role == "tabpanel" or (role == "region" and "aria-labelledby" in attrib):
        # a tab panel is hidden only until its tab is chosen (the same steps in another
        # programming language, a product's specifications), and an accordion's panel (a
        # region labelled by the button that folds it) until its button is pressed: a reader
        # opens either with one click
        return False
    if "hidden" in attrib:
        # React's streamed server rendering sends each late part of the page as a hidden
        # <div id="S:n"> that a script moves into its place at once: it is shown content
        return not _STREAMED_SEGMENT.fullmatch(attrib.get("id", ""))
    # aria-hidden only keeps text from screen readers: a visible caption carries it when the
    # image's alt text already says the same
    if attrib.get("aria-hidden", "").lower() == "true" and not in_caption and not _shown_image_link(el):
        return True
    style = attrib.get("style")
    if style:
        low = style.lower()
        if ("none" in low or "hidden" in low) and _HIDDEN_STYLE.search(low):
            return True
    return False


#: an aria-hidden image link shows at most this much text (a photo credit, not a whole card)
_IMAGE_LINK_TEXT = 80


def _shown_image_link(el: Any) -> bool:
    """An aria-hidden link around a picture: the link is kept from screen readers (it repeats a
    link beside it), but the picture, and a credit line printed on it, are on screen."""
    if el.tag != "a" or next(el.iter("img"), None) is None:
        return False
    return len(" ".join(el.itertext()).strip()) <= _IMAGE_LINK_TEXT


def _hidden_elements(root: Any) -> set[Any]:
    """Elements hidden by their attributes (``hidden``, ``aria-hidden``, a ``display: none``
    style). One XPath sweep in C finds the few candidates, so the walk pays a set lookup per
    element instead of three attribute reads. (A union of three attribute steps is a third
    faster in libxml2 but walks the tree once per name: one sweep is the rule here.)"""
    try:
        found = root.xpath("descendant-or-self::*[@hidden or @aria-hidden or @style]")
    except (etree.XPathError, TypeError, ValueError):  # pragma: no cover - a tree lxml cannot search
        return {el for el in root.iter() if isinstance(el.tag, str) and el.attrib and _is_hidden(el)}
    return {el for el in found if _is_hidden(el)}


def build_page(
    root: Any,
    *,
    url: str | None = None,
    marks: dict[Any, frozenset[str]] | None = None,
    region_weights: RegionWeights | None = None,
    show_noscript: bool = False,
    show_hidden: bool = False,
    max_nodes: int | None = None,
    deadline: float | None = None,
) -> Page:
    """Walk the tree once and return the :class:`Page` with every block's :class:`Features`.

    ``max_nodes`` and ``deadline`` (a ``time.perf_counter()`` value) stop the walk early; the page
    then says so in ``Page.warnings``.
    ``show_noscript`` walks into ``<noscript>`` as if scripts were off (for pages that render
    everything with scripts and keep their text only there).
    ``show_hidden`` walks into elements hidden by attribute or inline style (for pages whose
    scripts reveal the whole content: streamed server rendering parks it in hidden elements).
    ``marks`` maps elements (selected by selector rules before the walk) to the rule names that
    selected them; blocks inside a marked element carry those names in ``Features.marks``.
    """
    weights = region_weights or RegionWeights()
    hidden = set() if show_hidden else _hidden_elements(root)
    marks = marks or {}

    # per-element tables, indexed by node number (pre-order)
    node_parent: list[int] = []
    node_tag: list[str] = []
    node_nth: list[int] = []
    node_block_start: list[int] = []
    node_block_end: list[int] = []
    sig_counts: dict[tuple[int, str], int] = {}
    child_tag_counts: dict[tuple[int, str], int] = {}

    raws: list[_Raw] = []
    images: list[ImageRef] = []
    head_elements: list[Any] = []
    stack: list[_Frame] = []
    owners: list[_Frame] = []  # the block-level frames of the stack

    # the block being filled
    pieces: list[str] = []
    piece_keys: list[str] = []  # the class of the innermost classed inline element of each piece
    # the open classed inline elements' keys; the "" at the bottom stands for none, so that
    # inline_keys[-1] is always the key of the next piece
    inline_keys: list[str] = [""]
    buf_link = 0
    buf_href: str | None = None
    buf_cats: dict[str, int] | None = None
    # how much of the block's text each inline class category covers: an inline element's classes
    # describe its own text, so a junk class goes to the block only when that text is half the
    # block or more (a math widget's "menu" class says nothing of the sentence around it)
    buf_cover: dict[str, int] = {}
    flushes = 0
    open_cats: list[tuple[_Frame, frozenset[str]]] = []  # inline elements with classes, still open
    buf_image = False
    link_depth = 0
    code_depth = 0  # open <pre>/<code> elements
    link_hrefs: list[str | None] = []
    pending_after_image = False
    before_image: set[int] = set()
    # per page: a tag as lxml spells it -> its local lower-case name; a class value -> whether
    # it hides its element, and its sibling-shape key part (pages repeat both endlessly)
    tag_names: dict[str, str] = {}
    class_info: dict[str, tuple[bool, str]] = {}
    # the frame of every element the walk skips (nothing is ever stored in it)
    skipped_frame = _Frame(-1, "#", False, {}, {}, frozenset(), True, (), None)
    # the root element's parent, which the stack does not hold
    no_parent = _Frame(-1, "", False, {}, {}, frozenset(), False, (), None)

    def add_text(text: str) -> None:
        nonlocal buf_link, buf_href
        pieces.append(text)
        piece_keys.append(inline_keys[-1])
        if link_depth:
            buf_link += len(" ".join(text.split()))
            if buf_href is None:
                # a link that wraps several blocks (a whole card): each block gets its href
                buf_href = link_hrefs[-1]

    def cover(fr: _Frame, cats_of: frozenset[str]) -> None:
        """Count the text an inline element with classes holds in the current block."""
        start = fr.cat_start
        covered = _nonblank(pieces[start[1]:] if start is not None and start[0] == flushes else pieces)
        for c in cats_of:
            buf_cover[c] = buf_cover.get(c, 0) + covered

    def flush() -> None:
        nonlocal pieces, buf_link, buf_href, buf_cats, buf_image, pending_after_image, flushes
        if not pieces:
            return
        text = " ".join("".join(pieces).split())
        if text and owners:
            parts = _parts(pieces, piece_keys) if len(set(piece_keys)) > 1 else ()
            owner = owners[-1]
            if buf_cats is not None:
                for fr, cats_of in open_cats:
                    cover(fr, cats_of)
                # a junk class must cover half the block; a marker class (byline, date, credit)
                # names the line it is on, so any text of its own will do ("AFP" in an author
                # span before the date)
                half = _nonblank(pieces) / 2
                inline = {
                    c: n for c, n in buf_cats.items()
                    if buf_cover.get(c, 0) >= (half if c in NEGATIVE_CATEGORIES else min(half, 1))
                }
                cats = {**owner.cats, **inline} if inline else owner.cats
            else:
                cats = owner.cats
            parent_tokens = owners[-2].tokens if len(owners) > 1 else ()
            # the nearest few ancestors' sibling-shape keys, resolved after the walk
            keys = [fr.repeat_key for fr in stack[-1:-7:-1] if fr.repeat_key is not None]
            path4 = owner.path4
            if path4 is None:
                # the owner is open, so its ancestors are the frames below it on the stack
                k = len(stack) - 1
                while stack[k] is not owner:
                    k -= 1
                owner.path4 = path4 = tuple([fr.tag for fr in stack[max(0, k - 3) : k + 1]])
            raws.append(
                # (positional: a dataclass call with 16 keywords costs twice as much)
                _Raw(
                    text,  # text
                    owner.node,  # owner
                    owner.tag,  # tag
                    len(stack),  # depth
                    min(buf_link, len(text)),  # link_chars
                    buf_href,  # first_href
                    stack[-1].containers,  # containers
                    cats,  # cats
                    stack[-1].marks,  # marks
                    frozenset(owner.tokens + parent_tokens),  # class_tokens
                    buf_image,  # has_image
                    pending_after_image,  # after_image
                    path4,  # path4
                    tuple(keys),  # repeat_keys
                    _heading_level(owners),  # heading_level
                    parts,  # parts
                )
            )
            pending_after_image = False
        pieces = []
        piece_keys.clear()
        buf_link = 0
        buf_href = None
        buf_cats = None
        buf_cover.clear()
        flushes += 1
        buf_image = False

    node_count = 0
    limit_hit: str | None = None
    # the page declares itself a forum thread or a Q&A page (schema.org types)
    discussion = False
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        if event == "start":
            tag = el.tag
            if max_nodes is not None and node_count >= max_nodes:
                limit_hit = f"stopped after max_nodes={max_nodes} elements: the result covers the page only so far"
                break
            if deadline is not None and not node_count & 511 and time.perf_counter() > deadline:
                limit_hit = "stopped when the time_budget ran out: the result covers the page only so far"
                break
            if not isinstance(tag, str):  # comment, processing instruction, entity
                walker.skip_subtree()
                stack.append(skipped_frame)
                continue
            name = tag_names.get(tag)
            if name is None:
                name = tag_names[tag] = (tag.rpartition("}")[2] if "}" in tag else tag).lower()
            tag = name
            cls = el.get("class")
            if cls:
                info = class_info.get(cls)
                if info is None:
                    info = class_info[cls] = (
                        is_sr_only(cls) or (not show_hidden and hides(cls)),
                        (cls.split(None, 1) or [""])[0],
                    )
                invisible, first_class = info
            else:
                invisible, first_class = False, ""
            parent = stack[-1] if stack else no_parent
            if tag == "script" and not discussion and "json" in (el.get("type") or ""):
                discussion = _declares_discussion(el.text)
            if (
                tag in SKIP_TAGS
                and not (show_noscript and tag == "noscript")
                and not (tag in _FOREIGN and next(el.iter(*_HTML_IN_FOREIGN), None) is not None)
            ) or (
                hidden
                and el in hidden
                # aria-hidden alone does not hide a caption's text (see _is_hidden)
                and not (
                    (tag == "figcaption" or "figcaption" in parent.containers)
                    and not _is_hidden(el, in_caption=True)
                )
            ) or invisible:
                # an invisible element takes no room, not even a line break: no flush
                if tag in _META_TAGS and stack and stack[-1].tag not in _FOREIGN and (
                    tag != "script" or is_jsonld(el.get("type"))
                ):
                    head_elements.append(el)  # read into Meta after the walk
                walker.skip_subtree()
                stack.append(skipped_frame)
                continue
            # (class and id are read into vocabulary only for the elements the walk keeps)
            ident = el.get("id")
            # (class and id apart: a page's class values recur, its ids are mostly unique, and
            # one memo entry per pair would miss on every element with an id)
            if cls:
                tokens, cats_here = classify(cls)
                if ident:
                    id_tokens, id_cats = classify_id(ident)
                    tokens += id_tokens
                    if id_cats:
                        cats_here = cats_here | id_cats
            elif ident:
                tokens, cats_here = classify_id(ident)
            else:
                tokens, cats_here = (), frozenset()
            role = el.get("role")
            if role and role in _DIALOG_ROLES:
                cats_here = cats_here | _DIALOG  # a box the page opens over itself, named by its role
            node = node_count
            node_count += 1
            pnode = parent.node
            node_parent.append(pnode)
            node_tag.append(tag)
            # the element's position among its parent's children of its tag, for its XPath
            # (the string is built after the walk, for block owners and their ancestors only)
            ck = (pnode, tag)
            nth = child_tag_counts.get(ck, 0) + 1
            child_tag_counts[ck] = nth
            node_nth.append(nth)
            # an inline credit or caption span (<span class="credit">) is its own block, so the
            # credit can be told apart from the caption text beside it
            is_block = tag in BLOCK_TAGS or ("credit" in cats_here or "caption" in cats_here)
            if is_block and pieces:
                flush()
            node_block_start.append(len(raws))
            node_block_end.append(-1)

            containers = parent.containers
            itemtype = el.get("itemtype")
            if itemtype and not discussion:
                discussion = _declares_discussion(itemtype)
            itemprop = el.get("itemprop")
            if role or itemprop or tag in SEMANTIC_TAGS:
                extra: dict[str, int] = {}
                if tag in SEMANTIC_TAGS:
                    extra[tag] = node
                if role:
                    extra["role:" + role.strip().lower()] = node
                if itemprop:
                    for ip in itemprop.lower().split()[:3]:
                        extra["itemprop:" + ip] = node
                if extra:
                    containers = {**containers, **extra}
            cats = parent.cats
            inline_cats: frozenset[str] | None = None
            if cats_here and tag not in ("html", "body"):
                if is_block or not stack:
                    cats = {**cats, **{c: node for c in cats_here}}
                elif code_depth:
                    pass  # a highlighter's classes in code ("hljs-comment") name kinds of tokens
                else:
                    # an inline element's classes describe only its own text (see buf_cover)
                    buf_cats = {**(buf_cats or {}), **{c: node for c in cats_here}}
                    inline_cats = cats_here
            mk = parent.marks
            if marks:
                own_marks = marks.get(el)
                if own_marks:
                    mk = mk | own_marks
            sig_key = None if tag in _NO_REPEAT_TAGS or pnode < 0 else (pnode, tag + "." + first_class)
            frame = _Frame(
                node, tag, is_block, containers, cats, mk, False, tokens,
                (node, sig_key) if sig_key is not None else None,
            )
            # an unclassed <cite> is a part of its own too: captions print their credit in one
            if not is_block and (cls or tag in ("time", "cite")):
                frame.inline_key = tag + "." + (cls or "")
                inline_keys.append(frame.inline_key)
            stack.append(frame)
            if inline_cats is not None:
                frame.cat_start = (flushes, len(pieces))
                open_cats.append((frame, inline_cats))
            if is_block:
                owners.append(frame)
            if sig_key is not None:
                sig_counts[sig_key] = sig_counts.get(sig_key, 0) + 1
            if tag in _WALK_SPECIAL_TAGS:
                if tag == "a":
                    link_depth += 1
                    link_hrefs.append(el.get("href"))
                elif tag in _CODE_TAGS:
                    code_depth += 1
                elif tag == "img":
                    src = el.get("src") or el.get("data-src") or el.get("data-lazy-src")
                    width, height = el.get("width"), el.get("height")
                    images.append(
                        ImageRef(
                            len(raws), src, el.get("alt"), width, height, node, "ad" in cats_here,
                            credit_from_attributes(el.attrib) if len(el.attrib) > 2 else None,
                            _is_icon(tokens, src, width, height),
                        )
                    )
                    if pieces and "".join(pieces).strip():
                        buf_image = True
                    else:
                        pending_after_image = True
                        if raws:
                            before_image.add(len(raws) - 1)
                elif pieces:  # <br>
                    flush()
            text = el.text
            if text:
                add_text(text)
        else:  # end
            frame = stack[-1]
            if frame.is_block:  # (a skipped frame is no block)
                if pieces:
                    flush()
                owners.pop()
            stack.pop()
            if not frame.skipped:
                if frame.tag in _WALK_SPECIAL_TAGS:
                    if frame.tag == "a":
                        link_depth -= 1
                        link_hrefs.pop()
                    elif frame.tag in _CODE_TAGS:
                        code_depth -= 1
                if frame.inline_key is not None:
                    inline_keys.pop()
                if frame.cat_start is not None:
                    cover(*open_cats.pop())
                node_block_end[frame.node] = len(raws)
            tail = el.tail
            if tail and stack:
                add_text(tail)
    flush()
    for frame in stack:  # elements left open by a limit end where the walk stopped
        if not frame.skipped and node_block_end[frame.node] < 0:
            node_block_end[frame.node] = len(raws)

    meta = _read_meta(root, head_elements)
    page = _finish(
        raws, images, before_image, meta, url, weights,
        node_parent, node_tag, node_nth, node_block_start, node_block_end, sig_counts, discussion,
    )
    return dataclasses.replace(page, warnings=(limit_hit,)) if limit_hit else page


_CODE_TAGS = frozenset({"pre", "code"})
# the tags the walk does something particular at (one set test spares the rest four tests)
_WALK_SPECIAL_TAGS = frozenset({"a", "img", "br"}) | _CODE_TAGS
_DIALOG_ROLES = frozenset({"dialog", "alertdialog"})
_DIALOG = frozenset({"dialog"})


def _heading_level(owners: list[_Frame]) -> int:
    """The level of the heading the block is (or sits in: a headline set as a ``<div>`` inside
    an ``<h2>`` after a kicker span is still the h2's text), 0 for none; a few levels up at most."""
    for fr in owners[-1:-4:-1]:
        level = _HEADING_TAGS.get(fr.tag)
        if level:
            return level
    return 0


#: schema.org types of a page whose posts (in comment markup) are its content
_DISCUSSION_TYPES = ("DiscussionForumPosting", "QAPage")


#: a page whose prose is in comment markup, at least this much of it (weighted characters), with
#: less than THREAD_OUTSIDE_SHARE of that outside, is a discussion: its posts are its content
THREAD_MIN_PROSE = 1500.0
THREAD_OUTSIDE_SHARE = 0.05


def _thread_page(raws: list[_Raw], base: list[float]) -> bool:
    """The page's prose is (almost) all in comment markup: a forum thread or a Q&A page that
    does not declare itself one. A story with comments under it has its own prose outside them."""
    inside = outside = 0.0
    for r, b in zip(raws, base, strict=True):
        if b > 0:
            if "comments" in r.cats:
                inside += b
            else:
                outside += b
    return inside >= THREAD_MIN_PROSE and outside < THREAD_OUTSIDE_SHARE * inside


def _declares_discussion(text: str | None) -> bool:
    return text is not None and any(t in text for t in _DISCUSSION_TYPES)


def _prose_weight(raw: _Raw, words: int, stop: float, weights: RegionWeights) -> float:
    chars = len(raw.text)
    link = raw.link_chars
    nonlink = chars - link
    prose = words >= 10 and (stop >= 0.12 or words >= 40 or (stop == 0.0 and raw.text[-1:] in _SENTENCE_END))
    return nonlink * (1.0 if prose else weights.loose) - weights.link_penalty * link


def _other_stories(
    raws: list[_Raw],
    title_block: int | None,
    node_parent: list[int],
    node_block_start: list[int],
    node_block_end: list[int],
) -> list[tuple[int, int]]:
    """The block ranges of the other stories on the page: ``<article>`` elements with an ``<h1>``
    of their own that neither hold nor sit in the article of the page's title. Infinite scroll
    appends the next story, whole, below the one the page is for; teaser cards in an
    ``<article>`` carry an h2 or h3, and a page that nests its sections as articles keeps them
    inside the title's article."""
    if title_block is None:
        return []
    own = raws[title_block].containers.get("article")
    if own is None:
        return []
    stories = {r.containers["article"] for r in raws if r.heading_level == 1 and "article" in r.containers}
    stories.discard(own)
    if not stories:
        return []

    def chars(nd: int) -> int:
        return sum(len(r.text) for r in raws[node_block_start[nd]:node_block_end[nd]])

    # a story is whole: a list page whose teaser cards are articles with h1s (a headline and a
    # snippet each) is no stack of stories
    if chars(own) < OTHER_STORY_MIN_CHARS:
        return []
    around_own = _ancestors_or_self(own, node_parent)
    ranges = []
    for nd in sorted(stories):
        if nd in around_own or own in _ancestors_or_self(nd, node_parent) or chars(nd) < OTHER_STORY_MIN_CHARS:
            continue
        ranges.append((node_block_start[nd], node_block_end[nd]))
    return ranges


#: an ``<article>`` with an ``<h1>`` holds a whole story (not a teaser card) from this much text on
OTHER_STORY_MIN_CHARS = 1000


def _finish(
    raws: list[_Raw],
    images: list[ImageRef],
    before_image: set[int],
    meta: Meta,
    url: str | None,
    weights: RegionWeights,
    node_parent: list[int],
    node_tag: list[str],
    node_nth: list[int],
    node_block_start: list[int],
    node_block_end: list[int],
    sig_counts: dict[tuple[int, str], int],
    discussion: bool = False,
) -> Page:
    n = len(raws)
    # the page's language, once: each block's stop words are read from its table
    language = detect(meta.lang, sample_text([r.text for r in raws]))
    stats = [text_stats(r.text, language) for r in raws]
    total_chars = sum(len(r.text) for r in raws)

    # --- densest region, twice: first on text alone, then with negative markers, ignoring
    # markers on elements that hold the first region (layout wrappers such as a body-wide
    # "has-sidebar" class must not condemn the article inside them).
    base = [_prose_weight(r, w, s, weights) for r, (w, s) in zip(raws, stats, strict=True)]
    # a forum thread that declares nothing: all its prose is in comment markup
    discussion = discussion or _thread_page(raws, base)
    region1 = _best_region(base, node_block_start, node_block_end)
    wrappers = _ancestors_or_self(region1, node_parent)
    # A weak marker on an element that holds much of the page's prose is a layout or post
    # wrapper (WordPress puts "tag-…"/"category-…" on the <article>), not a widget: ignore it
    # too, and so is the marker of a small widget (share bar, signup box). Other strong markers
    # (comments, ads, cookie dialogs) count however much text they hold: a long discussion is
    # still a discussion.
    strong_wrappers: set[int] = set()
    pos_prefix = [0.0]
    for b in base:
        pos_prefix.append(pos_prefix[-1] + (b if b > 0 else 0.0))
    if region1 >= 0:
        main_mass = pos_prefix[node_block_end[region1]] - pos_prefix[node_block_start[region1]]
        # (blocks share their cats and containers dicts, one per element that adds to them:
        # each distinct dict is read once)
        cats_dicts = {id(r.cats): r.cats for r in raws}.values()
        container_dicts = {id(r.containers): r.containers for r in raws}.values()
        marker_nodes = {nd for d in cats_dicts for c, nd in d.items() if c not in _LONG_CATEGORIES} | {
            nd for d in container_dicts for nd in d.values()
        }
        # a site footer is no post wrapper however much text it holds (legal notes, an "about
        # us" blurb), nor is a <nav> (a shop's mega menu of scripted items that are no links):
        # they count unless they hold the region itself
        never_wrappers = {d["footer"] for d in cats_dicts if "footer" in d} | {
            nd for d in container_dicts for c, nd in d.items() if c in _NEVER_WRAPPER_CONTAINERS
        }
        for nd in marker_nodes:
            if nd in never_wrappers:
                continue
            mass = pos_prefix[node_block_end[nd]] - pos_prefix[node_block_start[nd]]
            if mass >= WRAPPER_SHARE * main_mass:
                wrappers.add(nd)
        # a strong marker on an element that holds most of the region's prose and, inside it, the
        # content container of the page is a wrapper too ("share-container" around a post whose
        # share bar sits inside it); a cookie banner or a comment list holds no such container
        for r, b in zip(raws, base, strict=True):
            content = r.cats.get("content", -1)
            if b <= 0 or content < 0:
                continue
            for c, nd in r.cats.items():
                if c in STRONG_CATEGORIES and content > nd and nd not in strong_wrappers:
                    mass = pos_prefix[node_block_end[nd]] - pos_prefix[node_block_start[nd]]
                    if mass >= STRONG_WRAPPER_SHARE * main_mass:
                        strong_wrappers.add(nd)

    region1_chain = _ancestors_or_self(region1, node_parent) | strong_wrappers

    def ignored(c: str, nd: int, wrapper_nodes: set[int]) -> bool:
        # a strong marker (comments, share, ads …) is ignored only on the elements that hold the
        # whole region; a weak one also on large layout wrappers. On a discussion page the
        # posts are the content, however the markup calls them.
        if discussion and c == "comments":
            return True
        if c == "dialog":
            return False  # a dialog is over the page, whatever it holds: never the page's wrapper
        return nd in (region1_chain if c in _LONG_CATEGORIES else wrapper_nodes)

    def negative(i: int, r: _Raw) -> bool:
        if i > closing:
            return True
        for c, nd in r.cats.items():
            if c in NEGATIVE_CATEGORIES and not ignored(c, nd, wrappers):
                return True
        for c in _NEGATIVE_CONTAINERS:
            nd2 = r.containers.get(c)
            if nd2 is not None and nd2 not in wrappers:
                return True
        return False

    # a copyright notice in the last part of the page closes it: what follows is the site's
    # fine print (licences, trademarks, disclosures), however prose-like, even outside <footer>
    closing = _closing_notice(raws)

    def marked_weights() -> list[float]:
        # the prose weights with every block that negative() condemns counted against the region
        return [
            -weights.negative * len(r.text) if negative(i, r) else b
            for i, (r, b) in enumerate(zip(raws, base, strict=True))
        ]

    second = marked_weights()
    region = _best_region(second, node_block_start, node_block_end)
    if region < 0:
        region = region1
    elif region1 >= 0:
        layout = _layout_markers(
            raws, base, region1, region, pos_prefix, node_block_start, node_block_end,
            lambda c, nd: ignored(c, nd, wrappers),
        )
        if layout:
            # the weak markers that emptied the region are the page builder's layout: read the
            # page again without them
            wrappers |= layout
            second = marked_weights()
            region = _best_region(second, node_block_start, node_block_end)
            if region < 0:
                region = region1
    r_start = node_block_start[region] if region >= 0 else 0
    r_end = node_block_end[region] if region >= 0 else 0
    if region >= 0:
        # the story may run on in the region's siblings, past a box of links or an ad between
        # them: a run of siblings that holds clearly more prose is the region
        region, r_start, r_end = _widen(region, second, node_parent, node_block_start, node_block_end)
    keep_out = _ancestors_or_self(region, node_parent) | wrappers
    # how far each block is from the region, in tree levels (0 inside; 1 inside the region's
    # parent; …; FAR beyond a few levels): a bounded climb per block
    chain: dict[int, int] = {}
    node, up = region, 0
    while node >= 0 and up < REGION_NEAR_LEVELS:
        chain[node] = up
        node, up = node_parent[node], up + 1
    region_chars = sum(len(r.text) for r in raws[r_start:r_end])

    image_nodes: set[int] = set()
    after_image = [r.after_image for r in raws]
    for im in images:
        image_nodes.add(im.node)
        p = node_parent[im.node]
        image_nodes.add(p)
        if p >= 0:
            image_nodes.add(node_parent[p])
    figure_of, figure_image = _figure_containers(raws, images, node_parent, node_block_start, node_block_end)
    # figures whose caption the markup names (<figcaption>, a caption class): the rest of their
    # text is not a caption
    captioned = frozenset(
        figure_of[i] for i, r in enumerate(raws)
        if figure_of[i] >= 0 and ("figcaption" in r.containers or "caption" in r.cats or "itemprop:caption" in r.containers)
    )

    # a block that repeats the alt text of an image beside it is that image's caption
    alts: dict[int, list[str]] = {}
    for im in images:
        if im.alt and len(im.alt) >= 12:
            alts.setdefault(im.block_cursor, []).append(im.alt)
    matches_alt = [False] * n
    # (from the images' side: only the blocks just before and after an image are compared)
    for cursor, cursor_alts in alts.items():
        for i in (cursor - 1, cursor):
            if 0 <= i < n and not matches_alt[i] and len(raws[i].text) >= 12:
                text = raws[i].text
                matches_alt[i] = any(title_similarity(text, alt) >= 0.8 for alt in cursor_alts)
    card_of, card_ok, repetition = _cards(raws, stats, sig_counts, images, node_parent, node_block_start, node_block_end)

    feats: list[Features] = []
    # a block's categories and containers depend only on its (shared) dicts: each distinct dict
    # is filtered once
    cats_memo: dict[int, frozenset[str]] = {}
    containers_memo: dict[int, frozenset[str]] = {}
    for i, r in enumerate(raws):
        distance = REGION_FAR
        # (the fine print after a closing copyright notice is beyond the page's end: far from
        # the region wherever its elements sit)
        node = r.owner if i <= closing else -1
        for _ in range(REGION_NEAR_LEVELS + 6):
            if node < 0:
                break
            if node in chain:
                distance = chain[node]
                break
            node = node_parent[node]
        words, stop = stats[i]
        chars = len(r.text)
        text = r.text
        # (an author class on a wrapper of the whole story names the post's author, not an
        # author box: like a weak marker there, it is ignored)
        cats = cats_memo.get(id(r.cats))
        if cats is None:
            cats = cats_memo[id(r.cats)] = frozenset(
                c for c, nd in r.cats.items()
                if (c not in NEGATIVE_CATEGORIES and c != "byline") or not ignored(c, nd, keep_out)
            )
        containers = containers_memo.get(id(r.containers))
        if containers is None:
            containers = containers_memo[id(r.containers)] = frozenset(
                c for c, nd in r.containers.items()
                if nd not in keep_out or c in ("article", "main", "role:main", "itemprop:articlebody")
            )
        feats.append(
            # (a dict display: a dict(...) call of 34 keywords costs half as much again)
            _unchecked(Features, {
                "text": text,
                "tag": r.tag,
                "chars": chars,
                "words": words,
                "link_chars": r.link_chars,
                "link_density": r.link_chars / chars if chars else 0.0,
                "stopword_density": stop,
                "sentence_marks": (
                    text.count(".") + text.count("!") + text.count("?")
                    + text.count("。") + text.count("！") + text.count("？")
                ),
                "commas": text.count(",") + text.count("，") + text.count("、"),
                "ends_sentence": text[-1:] in _SENTENCE_END,
                "heading_level": r.heading_level,
                "depth": r.depth,
                "tag_path": "/".join(r.path4),
                "containers": containers,
                "categories": cats,
                "class_tokens": r.class_tokens,
                "in_list": "li" in r.containers or r.tag in ("li", "dd", "dt"),
                "in_table": "table" in r.containers,
                "all_link": r.link_chars >= 0.9 * chars,
                "first_href": r.first_href,
                "has_image": r.has_image or r.owner in image_nodes,
                "after_image": after_image[i],
                "before_image": i in before_image,
                "index": i,
                "position": i / n if n else 0.0,
                "repetition": repetition[i],
                "figure": figure_of[i],
                "matches_alt": matches_alt[i],
                "parts": r.parts if len(r.parts) > 1 else (),
                "card": card_of[i],
                "in_card": card_ok[i],
                "in_main_region": r_start <= i < r_end,
                "region_distance": 0 if r_start <= i < r_end else distance,
                "marks": r.marks,
                "other_story": False,  # (set below, once the title is known)
            })
        )

    title_block, title_text = choose_title(feats, meta, r_start, url)
    for start, end in _other_stories(raws, title_block, node_parent, node_block_start, node_block_end):
        for i in range(start, end):
            feats[i] = dataclasses.replace(feats[i], other_story=True)
    path_cache: dict[int, str] = {}

    def xpath(node: int) -> str:
        # iterative: collect the chain up to a cached ancestor, then build downwards
        chain: list[int] = []
        cur = node
        while cur >= 0 and cur not in path_cache:
            chain.append(cur)
            cur = node_parent[cur]
        prefix = path_cache.get(cur, "") if cur >= 0 else ""
        for nd in reversed(chain):
            prefix = f"{prefix}/{node_tag[nd]}[{node_nth[nd]}]" if node_parent[nd] >= 0 else f"{prefix}/{node_tag[nd]}"
            path_cache[nd] = prefix
        return path_cache[node]

    return Page(
        blocks=tuple(feats),
        meta=meta,
        url=url,
        lang=(meta.lang or None),
        language=language,
        title_block=title_block,
        title_text=title_text,
        images=tuple(images),
        total_chars=total_chars,
        region_chars=region_chars,
        xpaths=tuple(xpath(r.owner) for r in raws),
        figure_images=figure_image,
        captioned_figures=captioned,
    )


#: a card group's headlines have at least this many words on average (menus have fewer)
CARD_MIN_HEADLINE_WORDS = 4.0
CARD_MIN_NAV_HEADLINE_WORDS = 7.0
#: a card holds at most this many words (more is an article or a comment)
CARD_MAX_WORDS = 120
_SPONSORED = re.compile(
    r"^(?:sponsored|promoted|paid (?:content|post|partner)|advertisement|anzeige|publicidad|publicité|"
    r"ad|ads|partner content|gesponsert|pubblicità|patrocinado)\b|\bsponsored by\b",
    re.IGNORECASE,
)


SPONSOR_LEVELS = 4
# links to the site's own social accounts are not articles
_SOCIAL = re.compile(
    r"\b(?:facebook|twitter|instagram|tiktok|youtube|linkedin|whatsapp|pinterest|telegram|threads|bluesky|rss)\b",
    re.IGNORECASE,
)
# "skip to content" links for screen readers
_SKIP_LINK = re.compile(
    r"^(?:skip to|jump to|go to|ir para|ir al|aller au|passer au|springe zu|zum inhalt|vai a|ga naar)\b", re.IGNORECASE
)
_NETWORK_HEADER = re.compile(
    r"^(?:promoted|sponsored|paid|partner) (?:links|content|stories|posts)\b|^(?:recommended|powered) by\b",
    re.IGNORECASE,
)


def _cards(
    raws: list[_Raw],
    stats: list[tuple[int, float]],
    sig_counts: dict[tuple[int, str], int],
    images: list[ImageRef],
    node_parent: list[int],
    node_block_start: list[int],
    node_block_end: list[int],
) -> tuple[list[int], list[bool], list[int]]:
    """Each block's card (the nearest ancestor, a few levels up, that repeats among its siblings
    with the same shape; -1 for none) and whether that card is a teaser card: its group of
    siblings carries headline-sized links (menus carry one or two words), it is small, and it is
    not marked as sponsored, an ad, or navigation. Also each block's ``Features.repetition``."""
    card_of = [-1] * len(raws)
    group_of: dict[int, tuple[int, str]] = {}
    headline: dict[int, float] = {}
    headline_text: dict[int, str] = {}
    words: dict[int, int] = {}
    bad: set[int] = set()
    in_nav: set[int] = set()
    # siblings of one shape that hold text (an image cell beside the text cell of one teaser
    # repeats too, but only one of them holds text: that is no group of cards)
    members: dict[tuple[int, str], set[int]] = {}
    # each block's repetition: the most siblings of one shape among its nearest ancestors
    repetition = [0] * len(raws)
    for i, r in enumerate(raws):
        rep = 0
        for node, key in r.repeat_keys:
            cnt = sig_counts[key]  # (counted at the element's start)
            if cnt >= 2:
                group = members.get(key)
                if group is None:
                    members[key] = {node}
                else:
                    group.add(node)
                if cnt > rep:
                    rep = cnt
        repetition[i] = rep
    for i, r in enumerate(raws):
        if not repetition[i]:
            continue  # no ancestor repeats: no card
        for node, key in r.repeat_keys:
            if len(members.get(key, ())) >= 2:
                parent = key[0]
                card_of[i] = node
                group_of[node] = key
                w = stats[i][0]
                link_words = w * (r.link_chars / len(r.text)) if r.text else 0.0
                if link_words > headline.get(node, 0.0):
                    headline[node] = link_words
                    headline_text[node] = r.text
                else:
                    headline.setdefault(node, link_words)
                words[node] = words.get(node, 0) + w
                if node not in bad and (  # (a card found bad needs no more tests)
                    r.cats.get("ad", -1) >= parent  # an ad marker on the card, in it, or on its box
                    or "notes" in r.cats  # the entries of a reference list cite sources; they tease nothing
                    or (w <= 6 and _is_sponsored(r.text))
                    or (w <= 12 and (_SOCIAL.search(r.text) is not None or _SKIP_LINK.match(r.text) is not None))
                    or (r.parts and any(_is_sponsored(part) for part, _ in r.parts))
                ):
                    bad.add(node)
                if "nav" in r.containers or "role:navigation" in r.containers:
                    in_nav.add(node)
                break
    # a sponsored image ("…__sponsored-logo") inside a card makes the card an ad
    for im in images:
        if not im.ad:
            continue
        node = node_parent[im.node]
        for _ in range(6):
            if node < 0:
                break
            if node in group_of:
                bad.add(node)
                break
            node = node_parent[node]
    totals: dict[tuple[int, str], list[float]] = {}
    group_cards: dict[tuple[int, str], list[int]] = {}
    for node, key in group_of.items():
        acc = totals.get(key)
        if acc is None:
            acc = totals[key] = [0.0, 0.0]
            group_cards[key] = []
        acc[0] += headline.get(node, 0.0)
        acc[1] += 1
        group_cards[key].append(node)
    nav_groups = {group_of[c] for c in in_nav}
    good_groups = set()
    for key, (h, n) in totals.items():
        # inside <nav> only headline-length links make cards (previous/next article paddles);
        # menus, however long their entries, do not
        need = CARD_MIN_NAV_HEADLINE_WORDS if key in nav_groups else CARD_MIN_HEADLINE_WORDS
        if n < 2 or h / n < need:
            continue
        # (the headlines are compared only for the groups that pass the test above)
        same = Counter(_reply_title(text) for text in (headline_text.get(c) for c in group_cards[key]) if text)
        if same and same.most_common(1)[0][1] >= max(2, REPLY_SHARE * n):
            continue  # the posts of a thread, each titled "Re: …" after the first: teasers differ
        # a box labelled "Anzeige"/"Promoted Links" at its head holds ads, however they look
        first = node_block_start[key[0]]
        label = _sponsor_label(key[0], raws, node_parent, node_block_start, node_block_end)
        if label is None:
            good_groups.add(key)
        elif any(
            card_of[j] in group_of and group_of[card_of[j]] != key
            and headline.get(card_of[j], 0.0) >= CARD_MIN_HEADLINE_WORDS
            for j in range(label + 1, first)
        ):
            good_groups.add(key)  # other cards stand between: the label heads their box, not this one
    ok = [
        c >= 0 and group_of[c] in good_groups and c not in bad and words.get(c, 0) <= CARD_MAX_WORDS
        and headline.get(c, 0.0) >= 2
        for c in card_of
    ]
    return card_of, ok, repetition


#: a card group whose headlines are one and the same (after "Re:") in this share of its cards
#: is a forum thread's posts
REPLY_SHARE = 0.5
_REPLY = re.compile(r"^(?:(?:re|aw|sv|vs|antw|rif|r)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE)


def _reply_title(text: str) -> str:
    """A headline without its "Re:"/"AW:" prefixes (every such prefix ends in a colon)."""
    text = text.lower()
    return (_REPLY.sub("", text) if ":" in text else text).strip()


def _sponsor_label(
    parent: int, raws: list[_Raw], node_parent: list[int], node_block_start: list[int], node_block_end: list[int]
) -> int | None:
    """The line heading the box that holds a card group (its first lines, or the line just
    before it, a few levels up) when it says the box is sponsored; ``None`` otherwise."""
    node = parent
    for level in range(SPONSOR_LEVELS):
        if node < 0:
            return None
        start = node_block_start[node]
        # right at the box, its first lines and the line just before it; further up, only the
        # first lines of the ancestor (the header of a widget that wraps the box)
        for j in range(max(0, start - 1) if level == 0 else start, min(node_block_end[node], start + 2)):
            text = raws[j].text
            # right at the box: any ad label; further up, only an ad network's own header (a
            # plain "Advertisement" at the top of a sidebar labels the slot under it, not the
            # whole sidebar)
            if _is_sponsored(text) if level == 0 else _NETWORK_HEADER.search(text) is not None:
                return j
        node = node_parent[node]
    return None


def _is_sponsored(text: str) -> bool:
    return len(text) <= 40 and _SPONSORED.search(text) is not None


#: class/id words and file names of icons
_ICON_TOKENS = frozenset({"icon", "icons", "ico", "emoji", "glyph", "favicon"})
_ICON_SRC = re.compile(r"(?:^|[/_.-])(?:icons?|ico|emoji|glyph|favicon)(?:[/_.-]|$)", re.IGNORECASE)
#: an image at most this many pixels wide and high (by its attributes) is an icon
ICON_MAX_PX = 48


def _is_icon(tokens: tuple[str, ...], src: str | None, width: str | None, height: str | None) -> bool:
    """Whether an image is an icon: a class word or its file name says so, or its size."""
    if not _ICON_TOKENS.isdisjoint(tokens):
        return True
    if src and not src.startswith("data:") and _ICON_SRC.search(src.rsplit("?", 1)[0][-120:]):
        return True
    if width and height and width.isdigit() and height.isdigit():
        return int(width) <= ICON_MAX_PX and int(height) <= ICON_MAX_PX
    return False


#: a figure-like wrapper holds at most this many blocks and characters of text
FIGURE_MAX_BLOCKS = 4
FIGURE_MAX_CHARS = 700


def _figure_containers(
    raws: list[_Raw],
    images: list[ImageRef],
    node_parent: list[int],
    node_block_start: list[int],
    node_block_end: list[int],
) -> tuple[list[int], dict[int, ImageRef]]:
    """For each block, the figure it belongs to (-1: none): a ``<figure>`` ancestor, or the
    smallest element within a few levels above an image that holds only a little text and
    few links (a photo wrapper with its caption, not the article body and not a teaser card).
    Also the first image of each figure. Linear: a bounded climb per image."""
    figure_of = [-1] * len(raws)
    figure_image: dict[int, ImageRef] = {}
    for i, r in enumerate(raws):
        fig = r.containers.get("figure")
        if fig is not None:
            figure_of[i] = fig
    for im in images:
        if im.icon:
            continue  # an icon beside a line of text (a list's bullet, a play button) is no photo
        node = node_parent[im.node]
        for _ in range(4):
            if node < 0:
                break
            s, e = node_block_start[node], node_block_end[node]
            n = e - s
            if n > FIGURE_MAX_BLOCKS:
                break
            if n > 0:
                chars = sum(len(raws[j].text) for j in range(s, e))
                links = sum(raws[j].link_chars for j in range(s, e))
                if chars <= FIGURE_MAX_CHARS and links <= 0.3 * chars:
                    figure_image.setdefault(node, im)
                    for j in range(s, e):
                        if figure_of[j] < 0:
                            figure_of[j] = node
                break
            node = node_parent[node]
    figures = set(figure_of)
    for im in images:
        # an image inside a <figure>: the first one is the figure's image
        node = node_parent[im.node]
        for _ in range(6):
            if node < 0:
                break
            if node in figures:
                figure_image.setdefault(node, im)
                break
            node = node_parent[node]
    return figure_of, figure_image


#: the text region found with class markers keeps less than this share of the prose of the
#: region found without them: the markers are suspect
COLLAPSE_SHARE = 0.2


#: a copyright notice ("© 2025 Name. All rights reserved.", "Copyright 2024 …")
#: (a bare "© Name" or "Copyright: Name" is a photo credit, which may stand anywhere in a story:
#: a notice names a year or its rights)
_COPYRIGHT = re.compile(
    r"^(?:copyright\s*:?\s*(?:©|\(c\))?|©|\(c\))\s*\d{4}|\ball rights reserved\b|\balle rechte vorbehalten\b|"
    r"\btous droits réservés\b|\btodos los derechos reservados\b",
    re.IGNORECASE,
)
#: the notice closes the page only in its last part (share of the page's text before it)
CLOSING_NOTICE_SHARE = 0.75
#: a notice is a short line
CLOSING_NOTICE_WORDS = 30


def _closing_notice(raws: list[_Raw]) -> int:
    """The index of the first copyright notice in the last quarter of the page's text (a short
    line), or ``len(raws)`` when there is none: the blocks after it are the site's fine print."""
    lengths = [len(r.text) for r in raws]
    start = CLOSING_NOTICE_SHARE * sum(lengths)
    # (the first block with that share of the text before it; every later one has it too)
    seen = 0
    i = 0
    while i < len(raws) and seen < start:
        seen += lengths[i]
        i += 1
    for j in range(i, len(raws)):
        text = raws[j].text
        if lengths[j] < 300 and text.count(" ") < CLOSING_NOTICE_WORDS and _COPYRIGHT.search(text):
            return j
    return len(raws)


def _layout_markers(
    raws: list[_Raw],
    base: list[float],
    region1: int,
    region: int,
    pos_prefix: list[float],
    node_block_start: list[int],
    node_block_end: list[int],
    is_ignored: Callable[[str, int], bool],
) -> set[int]:
    """The weak markers (sidebar, widget, nav … class names, not comments, ads or share tools)
    inside the first text region when they, and only they, left the second region with a small
    part of its prose. Page builders call every box a "widget" and wrap each paragraph in one;
    a real sidebar leaves the article standing. Empty when the second region is sound."""
    s1, e1 = node_block_start[region1], node_block_end[region1]
    main_mass = pos_prefix[e1] - pos_prefix[s1]
    s2, e2 = node_block_start[region], node_block_end[region]
    if pos_prefix[e2] - pos_prefix[s2] >= COLLAPSE_SHARE * main_mass:
        return set()
    weak_mass = strong_mass = 0.0
    found: set[int] = set()
    for j in range(s1, e1):
        if base[j] <= 0:
            continue
        r = raws[j]
        strong = any(
            c in STRONG_CATEGORIES and not is_ignored(c, nd) for c, nd in r.cats.items()
        ) or any(
            c in _NEGATIVE_CONTAINERS and not is_ignored(c, nd) for c, nd in r.containers.items()
        )
        weak = [
            nd for c, nd in r.cats.items()
            if c in NEGATIVE_CATEGORIES and c not in STRONG_CATEGORIES and not is_ignored(c, nd)
            and s1 <= node_block_start[nd] and node_block_end[nd] <= e1
        ]
        if strong:
            strong_mass += base[j]
        elif weak:
            weak_mass += base[j]
            found.update(weak)
    return found if weak_mass > strong_mass and weak_mass >= 0.5 * main_mass else set()


def _best_region(weights: list[float], starts: list[int], ends: list[int]) -> int:
    """The element whose blocks have the largest summed weight (ties: the deeper, later one)."""
    prefix = [0.0]
    acc = 0.0
    for w in weights:
        acc += w
        prefix.append(acc)
    # (every node's score in one list display, then the last node with the top score: what a
    # running ">=" comparison keeps, at a fraction of its cost)
    scores = [prefix[e] - prefix[s] if e > s else 0.0 for s, e in zip(starts, ends, strict=True)]
    top = max(scores, default=0.0)
    if not top > 0:
        return -1
    return len(scores) - 1 - scores[::-1].index(top)


#: a run of siblings replaces the region when it adds at least this much weight, and this share
WIDEN_MIN_GAIN = 300.0
WIDEN_MIN_SHARE = 0.25
#: at most this many single-child wrappers between the region and its siblings are climbed
#: without counting as one of the REGION_NEAR_LEVELS
WIDEN_MAX_WRAPPERS = 8


def _widen(
    region: int, weights: list[float], node_parent: list[int], starts: list[int], ends: list[int]
) -> tuple[int, int, int]:
    """The region, or a run of consecutive siblings (of the region or of one of its nearest
    ancestors) around it whose blocks weigh clearly more: the element holding the run and the
    run's block range. Linear: a few ancestors' subtrees are scanned once each."""
    prefix = [0.0]
    for w in weights:
        prefix.append(prefix[-1] + w)
    best = (region, starts[region], ends[region])
    best_score = prefix[ends[region]] - prefix[starts[region]]
    path_child, holder = region, node_parent[region]
    levels = wrappers = 0
    while levels < REGION_NEAR_LEVELS and holder >= 0:
        kids = _children(holder, node_parent)
        # (children without text, an icon or an empty spacer, leave the region alone in its box)
        if wrappers < WIDEN_MAX_WRAPPERS and sum(1 for k in kids if ends[k] > starts[k]) == 1:
            # a wrapper around the region alone (page builders nest four or five) is no level:
            # the sections beside the region sit above it (a bounded number: each costs a scan)
            wrappers += 1
            path_child, holder = holder, node_parent[holder]
            continue
        levels += 1
        p = kids.index(path_child)
        lo = min(range(p + 1), key=lambda i: prefix[starts[kids[i]]])
        hi = max(range(p, len(kids)), key=lambda j: prefix[ends[kids[j]]])
        s, e = starts[kids[lo]], ends[kids[hi]]
        score = prefix[e] - prefix[s]
        if (lo < p or hi > p) and score >= best_score + max(WIDEN_MIN_GAIN, WIDEN_MIN_SHARE * best_score):
            best, best_score = (holder, s, e), score
        path_child, holder = holder, node_parent[holder]
    return best


def _children(node: int, node_parent: list[int]) -> list[int]:
    """The element children of ``node`` in document order: the nodes whose parent it is (each
    found by ``list.index``, a scan in C; node numbers are pre-order, so all come after it)."""
    out: list[int] = []
    find = node_parent.index
    c = node
    try:
        while True:
            c = find(node, c + 1)
            out.append(c)
    except ValueError:  # no more children
        return out


def _ancestors_or_self(node: int, parent: list[int]) -> set[int]:
    out: set[int] = set()
    while node >= 0:
        out.add(node)
        node = parent[node]
    return out
