"""Field extraction for related-article cards: which line of a card is the headline, which the
source, which the age, which the snippet. Shared by HTML and plain-text pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin

import regex

from .model import RelatedCard
from .timeparse import find_age, parse_age
from .vocab import LEADIN, split_tokens

# "Published:", "Aktualisiert", "Updated" before an age are labels, not part of it
_AGE_LABEL = regex.compile(
    r"^(?:updated|published|posted|last updated|aktualisiert|veröffentlicht|publié(?: le)?|mis à jour|"
    r"actualizado|publicado|aggiornato|pubblicato|bijgewerkt|gepubliceerd)\s*:?\s*",
    regex.IGNORECASE,
)
_TICKER_LINE = regex.compile(r"^(\d{1,2}[:.h]\d{2})\s+(\S.*)$")
_SECTION_SUFFIX = regex.compile(r"\s[-–—|]\s(?:\p{Lu}[\p{L}&]*)(?:\s(?:&\s)?\p{Lu}?[\p{L}&]*){0,2}$")


def strip_section_suffix(title: str) -> str:
    """A dumped card's headline without the section name appended to it (" - Economy")."""
    m = _SECTION_SUFFIX.search(title)
    if m is not None and m.start() > 10:
        return title[: m.start()].rstrip()
    return title

__all__ = ["CardLine", "card_fields", "clean_title"]

#: class/id tokens that mark the publisher line of a card
SOURCE_HINTS = frozenset(
    {"source", "provider", "publisher", "attribution", "brand", "outlet", "origin", "partner", "vendor",
     "sitename", "site", "quelle", "fuente", "fonte", "bron"}
)
_RANK = regex.compile(r"^(?:#?\d{1,2}[.)]?\s+|\d{1,2}(?=\p{Lu}))")
_SEPARATORS = " \t·•|/–—-:,()[]"
_VIA = regex.compile(r"^(?:via\s+)?(.{2,60}?)(?:\s+on\s+[\p{Lu}][\w.]{1,20})?$")
_BYLINE = regex.compile(r"^(?:by|von|par|por|door|di)\s", regex.IGNORECASE)
_WORD = regex.compile(r"\w+")


@dataclass(frozen=True)
class CardLine:
    """One line (block) of a card; ``parts`` are its inline parts as (text, "tag.class")."""

    text: str
    href: str | None = None
    link_share: float = 0.0
    hints: frozenset[str] = frozenset()
    index: int = -1
    parts: tuple[tuple[str, str], ...] = ()
    heading: bool = False


_TITLE_HINTS = frozenset({"title", "headline", "heading", "hed", "ttl", "head", "titel", "titre", "titulo"})
_AGE_HINTS = frozenset({"time", "date", "age", "timestamp", "ago", "datetime", "published", "updated", "datum"})
_DROP_HINTS = frozenset(
    {"kicker", "overline", "eyebrow", "premium", "abo", "badge", "label", "flag", "topic", "category", "section",
     "titleheader", "dachzeile", "rubric", "tag", "plus", "exclusive", "comments", "count", "duration"}
)


def _part_tokens(key: str) -> set[str]:
    tag, _, cls = key.partition(".")
    toks = set(split_tokens(cls))
    if tag == "time":
        toks.add("time")
    return toks


def _title_from_parts(
    parts: tuple[tuple[str, str], ...],
) -> tuple[str | None, str | None, str | None]:
    """(headline, source, age) from the inline parts of a headline line."""
    title = source = age = None
    rest: list[str] = []
    for text, key in parts:
        toks = _part_tokens(key)
        if toks & _TITLE_HINTS and not toks & _DROP_HINTS:
            title = title or text
        elif toks & _AGE_HINTS or (find_age(text) == (0, len(text))):
            age = age or text
        elif age is None and (span := find_age(text)) is not None and _words(text) <= 8:
            age = text[span[0] : span[1]]  # "4,162 comments - 7 hours ago"
        elif toks & SOURCE_HINTS:
            source = source or text
        elif not toks & _DROP_HINTS and not (len(text) <= 12 and _words(text) <= 2 and key):
            rest.append(text)
    if title is None and rest:
        title = max(rest, key=len)
    return title, source, age


def _only_age(text: str) -> bool:
    span = find_age(text)
    return span is not None and span[1] - span[0] >= len(text.strip()) - 2


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def clean_title(text: str) -> str:
    """A headline as a card shows it, without a "Read more:" lead-in or a rank number."""
    text = LEADIN.sub("", text, count=1)
    text = _RANK.sub("", text, count=1)
    return text.strip()


def _source_of(text: str) -> str | None:
    text = text.strip(_SEPARATORS)
    if not text or _words(text) > 6 or _BYLINE.match(text):
        return None
    m = _VIA.match(text)
    return (m.group(1) if m else text).strip(_SEPARATORS) or None


def card_fields(
    lines: Sequence[CardLine],
    *,
    base: str | None = None,
    now: datetime | None = None,
    plain_text: bool = False,
) -> RelatedCard | None:
    """Build a :class:`RelatedCard` from the lines of one card (``None`` when no line can be its
    headline). ``plain_text`` cards have no links: the headline is the longest headline-sized
    line, the publisher the first short line, and a trailing " - Section" is dropped."""
    if not lines:
        return None
    if plain_text and len(lines) == 1:
        m = _TICKER_LINE.match(lines[0].text)
        if m is not None:  # "14:44 Headline": a live ticker's line
            age, published = parse_age(m.group(1), now)
            return RelatedCard(
                title=m.group(2), age_text=m.group(1), age=age, published=published, blocks=(lines[0].index,)
            )
    # a line that is only a time or date ("14:10") is the card's age, never its headline
    linked = [ln for ln in lines if ln.href and ln.link_share >= 0.5 and not _only_age(ln.text)]
    if not linked and any(ln.href for ln in lines):
        return None  # its only link is a time stamp: an entry of a live blog, not a teaser
    pool = linked or [ln for ln in lines if _words(ln.text) >= 2 and find_age(ln.text) is None]
    if plain_text:
        headline_sized = [ln for ln in pool if _words(ln.text) <= 30 and not _BYLINE.match(ln.text)]
        pool = [ln for ln in headline_sized if _words(ln.text) >= 3] or headline_sized or pool
        # headlines do not end with a full stop; snippets do
        pool = [ln for ln in pool if not ln.text.rstrip().endswith(".")] or pool
    if not pool:
        return None
    # the line the markup calls the headline (a heading, a "title" class), else the longest
    marked = [ln for ln in pool if (ln.heading or ln.hints & _TITLE_HINTS) and _words(ln.text) >= 2]
    title_line = marked[0] if marked else max(pool, key=lambda ln: (_words(ln.text), -ln.index))
    title = clean_title(title_line.text)
    part_source = part_age = None
    if title_line.parts:
        part_title, part_source, part_age = _title_from_parts(title_line.parts)
        if part_title:
            title = clean_title(part_title)
    if plain_text:
        title = strip_section_suffix(title)
    if not title:
        return None
    age_text: str | None = None
    source: str | None = None
    snippet: str | None = None
    for ln in lines:
        if ln is title_line:
            continue
        text = ln.text
        span = find_age(text) if _words(text) <= 12 else None
        if span is not None:
            found = _AGE_LABEL.sub("", text[span[0] : span[1]].strip())
            # a date beats a bare clock time (which may be a video's duration)
            if age_text is None or len(found) > len(age_text):
                age_text = found
            before, after = text[: span[0]], text[span[1] :]
            rest = (before + " " + after).strip(_SEPARATORS)
            # "Reuters · 3h ago", "The Verge | 2 days ago": a publisher beside the age. A slash
            # ("World / 5 h ago") usually follows a section label instead.
            joined = before.rstrip()[-1:] + after.lstrip()[:1]
            if source is None and rest and (ln.hints & SOURCE_HINTS or (joined and joined in "·•|–—-")):
                source = _source_of(rest)
            continue
        if source is None and (ln.hints & SOURCE_HINTS or (plain_text and _words(text) <= 6)):
            source = _source_of(text.lstrip("-–— "))
            if source is not None:
                continue
        if plain_text and _words(text) <= 6:
            continue  # "- Publisher" repeated, section labels
        if _words(text) >= 8 and (snippet is None or len(text) > len(snippet)):
            snippet = text
    age_text = age_text or (_AGE_LABEL.sub("", part_age) if part_age else None)
    source = source or (part_source.strip(_SEPARATORS) if part_source else None)
    age, published = parse_age(age_text, now) if age_text else (None, None)
    url = title_line.href
    if url is not None and base:
        try:
            url = urljoin(base, url)
        except ValueError:
            pass
    return RelatedCard(
        title=title,
        url=url,
        source=source,
        age_text=age_text,
        age=age,
        published=published,
        snippet=snippet,
        blocks=tuple(ln.index for ln in lines),
    )
