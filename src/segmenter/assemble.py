"""Build the objects a caller reads (Article, Caption, RelatedCard, JunkBlock) from labelled blocks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import urljoin

import regex

from .captions import is_credit, is_credit_fragment, split_credit, strip_credit_label
from .cards import CardLine, card_fields
from .features import ImageRef, Page
from .model import (
    Article,
    Block,
    Caption,
    Image,
    JunkBlock,
    JunkKind,
    Label,
    Paragraph,
    ParagraphKind,
    RelatedCard,
    _unchecked,
)

__all__ = ["AssembleOptions", "assemble", "declared_body", "drop_repeats", "listing_labels", "page_title"]

# Enum members as module constants for the per-block loops below: reading a member off an Enum
# class (``Label.BODY``) is a property lookup in Python 3.11, and a block is tested against up to
# seven labels.
_TITLE, _BODY, _BYLINE, _DATELINE = Label.TITLE, Label.BODY, Label.BYLINE, Label.DATELINE
_CAPTION, _CREDIT, _RELATED, _JUNK = Label.CAPTION, Label.CREDIT, Label.RELATED, Label.JUNK
_OTHER = JunkKind.OTHER
_PARAGRAPH, _HEADING = ParagraphKind.PARAGRAPH, ParagraphKind.HEADING

_WORD = regex.compile(r"\w+")
# the space a join leaves inside brackets: "( Image: PA )" -> "(Image: PA)"
_BRACKET_SPACE = regex.compile(r"(?<=\()\s+|\s+(?=\))")

_KIND_BY_TAG = {
    "h1": ParagraphKind.HEADING, "h2": ParagraphKind.HEADING, "h3": ParagraphKind.HEADING,
    "h4": ParagraphKind.HEADING, "h5": ParagraphKind.HEADING, "h6": ParagraphKind.HEADING,
    "li": ParagraphKind.LIST_ITEM, "dd": ParagraphKind.LIST_ITEM, "dt": ParagraphKind.LIST_ITEM,
    "blockquote": ParagraphKind.QUOTE, "pre": ParagraphKind.PREFORMATTED,
    "td": ParagraphKind.TABLE_CELL, "th": ParagraphKind.TABLE_CELL,
}


@dataclass(frozen=True)
class AssembleOptions:
    """Thresholds of assembly (a subset of :class:`segmenter.Options`)."""

    min_article_chars: int = 250
    min_article_prose_words: int = 20
    #: a body shorter than this that is also less than ``min_article_share`` of the page's text
    #: is no article: the page's content is not prose (a shop grid, a list) and the one passage
    #: found is a blurb, a consent notice or a promo
    short_article_chars: int = 300
    min_article_share: float = 0.1


#: a listing page: its body has at most LISTING_MAX_BODY_WORDS words (no real article), and a run
#: of teaser cards after its headline holds at least LISTING_MIN_WORDS words, LISTING_BODY_RATIO
#: times the body's, in at least LISTING_MIN_CARDS lines
LISTING_MAX_BODY_WORDS = 80
LISTING_MIN_WORDS = 150
LISTING_BODY_RATIO = 3.0
LISTING_MIN_CARDS = 5
#: cards of one list are at most this many other blocks apart (prices, buttons, dates)
LISTING_MAX_GAP = 2
_FURNITURE = frozenset(
    {"nav", "footer", "aside", "header", "form", "role:navigation", "role:contentinfo", "role:complementary",
     "role:banner", "role:search", "role:dialog"}
)


def listing_labels(page: Page, labels: Sequence[Label]) -> list[Label] | None:
    """On a page whose content is a list of items (a shop's category, a job board, an index of
    stories) rather than prose, the list is its content: when the page has next to no body and
    the longest run of teaser cards after the headline, outside the page furniture, is long, the
    run's cards become body. The run ends at a section heading: a front page with sections of
    teasers (news, business, sport …) is an index of other pages, not a listing.
    ``None`` when the page is no such listing."""
    blocks = page.blocks
    body_words = sum(f.words for f, lab in zip(blocks, labels, strict=True) if lab is _BODY)
    if body_words > LISTING_MAX_BODY_WORDS:
        return None
    title = next((i for i, lab in enumerate(labels) if lab is _TITLE), -1)
    best_words = best_cards = 0
    best_span = (0, 0)
    words = cards = 0
    start = last = -1
    gap = LISTING_MAX_GAP + 1
    for f, lab in zip(blocks, labels, strict=True):
        if lab is _RELATED and f.index > title and not (f.containers & _FURNITURE):
            if gap > LISTING_MAX_GAP:
                start, words, cards = f.index, 0, 0
            words += f.words
            cards += 1
            last, gap = f.index, 0
            if words > best_words:
                best_words, best_cards, best_span = words, cards, (start, last + 1)
        elif f.heading_level and not f.in_card:
            # a section heading ends the list: a front page of sections is an index, not a listing
            gap = LISTING_MAX_GAP + 1
        else:
            gap += 1
    if (
        best_words < LISTING_MIN_WORDS
        or best_cards < LISTING_MIN_CARDS
        or best_words < LISTING_BODY_RATIO * body_words
    ):
        return None
    out = list(labels)
    for i in range(*best_span):
        if out[i] is _RELATED and not (blocks[i].containers & _FURNITURE):
            out[i] = _BODY
    return out


#: a body block of at least this many words that repeats an earlier one word for word, next to
#: another such block, belongs to a copy
REPEAT_MIN_WORDS = 4


def drop_repeats(page: Page, labels: list[Label]) -> None:
    """Pages often print a passage twice, one copy for small screens and one for large ones,
    and show only one: body blocks that repeat earlier body blocks word for word, two or more
    in a row, become junk, so the article holds the passage once. A single repeated line (a
    caption printed twice, a product's spec line) stays."""
    seen: set[str] = set()
    repeats: list[int] = []  # body blocks in order, marked when they repeat
    order: list[int] = []
    for f in page.blocks:
        if labels[f.index] is not _BODY:
            continue
        order.append(f.index)
        if f.words >= REPEAT_MIN_WORDS and f.text in seen:
            repeats.append(len(order) - 1)
        seen.add(f.text)
    marked = set(repeats)
    for k in repeats:
        if k - 1 in marked or k + 1 in marked:
            labels[order[k]] = _JUNK


def _absolute(href: str | None, base: str | None) -> str | None:
    if href is None or not base:
        return href
    try:
        return urljoin(base, href)
    except ValueError:
        return href


def assemble(
    page: Page, blocks: Sequence[Block], options: AssembleOptions, now: datetime | None = None
) -> tuple[Article | None, tuple[Caption, ...], tuple[RelatedCard, ...], tuple[JunkBlock, ...]]:
    """Group labelled blocks into the article, captions, related cards and junk."""
    paragraphs: list[Paragraph] = []
    captions: list[Caption] = []
    related: list[RelatedCard] = []
    junk: list[JunkBlock] = []
    byline: str | None = None
    dateline: str | None = None
    cap_groups: list[_CaptionGroup] = []
    last_dateline = -2
    card_groups: list[tuple[int, list[CardLine]]] = []
    base = page.url

    images_by_cursor: dict[int, ImageRef] = {}
    for im in page.images:
        images_by_cursor.setdefault(im.block_cursor, im)

    for b in blocks:
        f = b.features
        label = b.label
        if label is _BODY:
            kind = _KIND_BY_TAG.get(f.tag, _PARAGRAPH)
            if f.heading_level:
                kind = _HEADING
            paragraphs.append(_unchecked(Paragraph, {"text": b.text, "kind": kind, "block": b.index}))
        elif label is _TITLE:
            pass  # neither body nor junk: the article's title (see page_title)
        elif label is _BYLINE:
            byline = byline or b.text
        elif label is _DATELINE:
            # a dateline may span lines ("Hong Kong" / "CNN —"): keep them together
            if dateline is None:
                dateline = b.text
            elif b.index - last_dateline == 1:
                dateline = f"{dateline} {b.text}"
            last_dateline = b.index
        elif label is _CAPTION or label is _CREDIT:
            group = cap_groups[-1] if cap_groups else None
            same_figure = f.figure >= 0 and group is not None and group.figure == f.figure
            adjacent = (
                f.figure < 0 and group is not None and group.figure < 0 and b.index - group.blocks[-1] == 1
                and (
                    (label is _CREDIT) != (group.has_credit and not group.texts)
                    # "(" "Image:" "Jane Doe)": a credit line split over several elements
                    or (label is _CREDIT and group.credit_unfinished)
                )
            )
            if not (same_figure or adjacent) or group is None:
                group = _CaptionGroup(f.figure, len(paragraphs) - 1)
                cap_groups.append(group)
            group.add(b)
        elif label is _RELATED:
            line = CardLine(
                b.text, f.first_href, f.link_density, f.class_tokens, b.index, f.parts, f.heading_level > 0
            )
            last = card_groups[-1] if card_groups else None
            has_link = f.first_href is not None and f.link_density >= 0.5
            if last is not None and (
                (f.card >= 0 and f.card == last[0])
                or (f.card < 0 and last[0] < 0 and not has_link and b.index - last[1][-1].index <= 2)
            ):
                last[1].append(line)
            else:
                card_groups.append((f.card, [line]))
        else:
            # (filled in directly: most blocks are junk, and the frozen __init__ costs more than
            # the rest of this loop)
            junk.append(_unchecked(JunkBlock, {"text": b.text, "kind": b.kind or _OTHER, "block": b.index}))

    seen_captions: dict[tuple[int, str, str | None], int] = {}
    for group in cap_groups:
        cap = group.build(page, images_by_cursor, base)
        # pages print a caption twice (a copy for small screens, a lightbox clone): the same text
        # and credit again with no article paragraph between is that copy, not another photo
        key = (cap.position, cap.text, cap.credit)
        twin = seen_captions.get(key) if cap.text else None
        if twin is not None:
            captions[twin] = replace(captions[twin], blocks=captions[twin].blocks + cap.blocks)
        else:
            seen_captions[key] = len(captions)
            captions.append(cap)
    # a card's meta line ("CLOUD · BY JANE DOE · 14 MINS AGO") can sit in a sibling of its
    # headline's element: a group without any link joins the card just before it
    merged: list[list[CardLine]] = []
    for _, lines in card_groups:
        if (
            merged
            and page.kind == "html"
            and not any(ln.href for ln in lines)
            and lines[0].index - merged[-1][-1].index <= 2
        ):
            merged[-1].extend(lines)
        else:
            merged.append(list(lines))
    for lines in merged:
        card = card_fields(lines, base=base, now=now, plain_text=page.kind == "text")
        if card is not None:
            related.append(card)
    title_text = page_title(page, blocks)
    body_chars = sum(len(p.text) for p in paragraphs)
    prose_words = max((blocks[p.block].features.words for p in paragraphs), default=0)
    article: Article | None
    # an article has some substance and at least one real paragraph; a page of teaser snippets
    # and one-line blurbs has neither
    if body_chars < options.min_article_chars and prose_words < options.min_article_prose_words:
        article = None
    elif body_chars < options.short_article_chars and body_chars < options.min_article_share * page.total_chars:
        article = None
    else:
        article = Article(title=title_text, paragraphs=tuple(paragraphs), byline=byline, dateline=dateline)
    return article, tuple(captions), tuple(related), tuple(junk)


def page_title(page: Page, blocks: Sequence[Block]) -> str | None:
    """The page's title: ``page.title_text`` (title.choose_title: og:title as the headline shows
    it, without a kicker glued to it …) rather than the headline block's raw text; failing that,
    the text of the first block labelled title. The article's title, and the page's when it has
    no article."""
    if page.title_text:
        return page.title_text
    return next((b.text for b in blocks if b.label is _TITLE), None)


#: a declared body replaces the shown one when it has at least this many words, this many times
#: the shown body's, and holds at least this share of the shown body's words (3 letters or more)
DECLARED_MIN_WORDS = 150
DECLARED_MIN_RATIO = 2.0
DECLARED_MIN_SHARE = 0.7
_BREAK_TAG = regex.compile(r"</?(?:p|br|div|h[1-6]|li|ul|ol|blockquote|section|figure)\b[^<>]{0,2000}>", regex.I)
_TAG = regex.compile(r"</?[A-Za-z][^<>]{0,2000}>")


def declared_body(article: Article, body: str | None) -> Article | None:
    """The article with the text the page declares for it, when the page shows only its start.

    A paywalled page shows a teaser and declares the whole story in its JSON-LD ``articleBody``
    (:attr:`segmenter.features.Meta.article_body`), as search engines ask publishers to. When
    that body is much longer than the text shown and holds (nearly) all of the shown text, it is
    the article's text: one paragraph per line, each with ``block=-1`` (no block on the page holds
    it). Otherwise ``None``: the shown article stands. A summary, another story's body or a body
    the page shows in full never replaces it.
    """
    if not body:
        return None
    declared = _WORD.findall(body.lower())
    shown = _WORD.findall(article.text.lower())
    if len(declared) < DECLARED_MIN_WORDS or len(declared) < DECLARED_MIN_RATIO * len(shown):
        return None
    own = {w for w in shown if len(w) >= 3}
    if own and len(own & set(declared)) < DECLARED_MIN_SHARE * len(own):
        return None
    if "<" in body:
        # some publishers declare the body as HTML: its block tags part the paragraphs
        body = _TAG.sub("", _BREAK_TAG.sub("\n", body))
    lines = [" ".join(line.split()) for line in body.splitlines()]
    paragraphs = tuple(Paragraph(line, ParagraphKind.PARAGRAPH, -1) for line in lines if line)
    return replace(article, paragraphs=paragraphs)


class _CaptionGroup:
    """Caption and credit blocks of one figure (or adjacent ones outside any figure)."""

    def __init__(self, figure: int, position: int) -> None:
        self.figure = figure
        self.position = position
        self.texts: list[str] = []
        self.credits: list[str] = []
        self.blocks: list[int] = []

    @property
    def has_credit(self) -> bool:
        return bool(self.credits)

    def add(self, block: Block) -> None:
        self.blocks.append(block.index)
        if block.label is Label.CREDIT:
            self._add_credit(block.text)
            return
        text, credit = split_credit(block.text, block.features.parts)
        # pages often print a caption twice (one copy for small screens): keep it once
        if text and text not in self.texts:
            self.texts.append(text)
        if credit:
            self._add_credit(credit)

    @property
    def credit_unfinished(self) -> bool:
        """The last credit block was only a bracket or a label: the credit goes on."""
        return bool(self.credits) and is_credit_fragment(self.credits[-1])

    def _add_credit(self, credit: str) -> None:
        # the same credit shown twice (in the caption text and in a credit element, "(AP Photo)"
        # and "AP Photo") is one credit: keep the fuller spelling
        words = frozenset(w.lower() for w in _WORD.findall(credit))
        if words:
            for i, old in enumerate(self.credits):
                old_words = frozenset(w.lower() for w in _WORD.findall(old))
                if words <= old_words:
                    return
                if old_words and old_words < words:
                    self.credits[i] = credit
                    return
        elif credit in self.credits:
            return
        self.credits.append(credit)

    def build(self, page: Page, images: dict[int, ImageRef], base: str | None) -> Caption:
        ref = page.figure_images.get(self.figure) if self.figure >= 0 else None
        if ref is not None:
            image: Image | None = Image(_absolute(ref.src, base), ref.alt, ref.width, ref.height)
        else:
            image = _image_near(images, self.blocks[0], base)
        label: str | None = None
        credit: str | None = None
        if not self.credits and ref is not None and ref.credit:
            self.credits.append(ref.credit)  # shown only as the image's tooltip or data
        if not self.credits and image is not None and image.alt and self.texts:
            credit_in_alt = _credit_after(image.alt, " ".join(self.texts)) or _labelled_credit_in_alt(image.alt)
            if credit_in_alt:
                self.credits.append(credit_in_alt)
        if self.credits:
            # a credit split over several elements ("(", "Image:", "Jane Doe)") reads as one line
            joined = _BRACKET_SPACE.sub("", " ".join(self.credits))
            label, credit = strip_credit_label(joined)
        return Caption(" ".join(self.texts), credit, image, self.position, tuple(self.blocks), label)


def _credit_after(alt: str, text: str) -> str | None:
    """The credit an image's alt text adds after repeating the caption ("<caption> (Jane Doe/AFP)"),
    or None."""
    alt = " ".join(alt.split())
    if len(alt) > 1000 or not text or not alt.startswith(text) or len(alt) == len(text):
        return None
    rest = alt[len(text) :].strip(" |–—-")
    return rest if rest and is_credit(rest) else None


def _labelled_credit_in_alt(alt: str) -> str | None:
    """A credit with its label at the end of an alt text ("… at dusk. (Photo: Jane Doe/Agency)"):
    it names who took the picture, whatever the alt text says before it."""
    alt = " ".join(alt.split())
    if len(alt) > 1000:
        return None
    _, credit = split_credit(alt)
    if credit is None or strip_credit_label(credit)[0] is None:
        return None
    return credit


def _image_near(images: dict[int, ImageRef], index: int, base: str | None) -> Image | None:
    # the image seen just before this block, or the one right after it
    for cursor in (index, index + 1, index - 1):
        im = images.get(cursor)
        if im is not None:
            return Image(_absolute(im.src, base), im.alt, im.width, im.height)
    return None
