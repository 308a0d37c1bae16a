"""Which block is the page's headline, and what its title is: the page's headings reconciled
with its title metadata (``og:title``, the JSON-LD ``headline``, ``<title>``).

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
from urllib.parse import urlsplit

if TYPE_CHECKING:  # features imports this module: the types only, no import cycle at run time
    from .features import Meta
    from .model import Features

__all__ = [
    "choose_title", "clean_title", "is_jsonld", "jsonld_article", "jsonld_headline", "tidy_title", "title_similarity", "url_slug"
]

_WORD = re.compile(r"\w+")
_NON_WORD = re.compile(r"\W+")
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»/]{1,2}\s+")
#: headings longer than this are paragraphs set in a heading tag, not a headline
MAX_TITLE_CHARS = 300
#: a heading matches a title reference at this word-bag F1 or above
MATCH = 0.6
#: a heading shows og:title at this word-bag F1 or above: og:title, as the page shows it, is then
#: the title text
SHOWN = 0.8
#: a match with more than one reference adds this share of the other matches to the best one
CONSENSUS = 0.25
H1_BONUS = 0.3
#: a heading other than h1 is a candidate within this many blocks of the body region's start
WINDOW = 20
#: at most this many headings are compared with the references (a page of thousands of h1s
#: costs no more than this)
MAX_SCORED = 200
#: what a heading among page furniture keeps of its score
FURNITURE_FACTOR = 0.5
#: categories and containers of page furniture: a heading inside them belongs to a menu, a
#: breadcrumb trail or the site's frame, not to the page
_FURNITURE = frozenset({"nav", "footer", "share", "ad", "newsletter", "cookie"})
_FURNITURE_CONTAINERS = frozenset({"nav", "footer", "role:navigation", "role:contentinfo"})
#: class/id tokens that name the element holding a page's headline (for headlines set in a
#: ``<div>`` or ``<span>`` rather than a heading)
HEADLINE_TOKENS = frozenset(
    {"headline", "entrytitle", "articletitle", "posttitle", "storytitle", "pagetitle", "articleheadline",
     "storyheadline", "contenttitle", "headlinetitle"}
)
#: at most this many words before a headline make a kicker (an overline) set apart from it
KICKER_MAX_WORDS = 10
#: at most this many words in a heading that goes on with the headline before it
MAX_CONTINUATION_WORDS = 20
#: punctuation that ends the first part of a headline that runs on (``"Awards: The best …"``):
#: the words before it belong to the headline, they are no kicker set apart
_RUN_ON = frozenset(":–—-|,;")
#: the last part of a title with at most this many words does not match a heading by itself
TAIL_MAX_WORDS = 2
#: a title is cut into at most this many parts at its separators
MAX_PARTS = 8


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


def _host(url: str | None) -> str:
    """The URL's host name, lower-cased, with only its letters and digits (``""`` for none)."""
    if not url:
        return ""
    try:
        return _NON_WORD.sub("", (urlsplit(url).hostname or "").lower())
    except ValueError:  # a malformed address (say, an unclosed IPv6 bracket)
        return ""


_SLUG_SPLIT = re.compile(r"[-_+.,~]+|%20")


def url_slug(url: str | None) -> str | None:
    """The words of a URL's slug, the last segment of its path that has two words or more
    (``/2024/05/new-bridge-opens-downtown-123.html`` gives ``"new bridge opens downtown"``):
    publishers name a page there after its headline. Numbers alone (ids, dates) and a file
    extension are left out; ``None`` when no segment has two words."""
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for segment in reversed(path.split("/")[-4:]):
        words = [w for w in _SLUG_SPLIT.split(segment) if w and not w.isdigit()]
        if words and words[-1].lower() in _EXTENSIONS:
            words.pop()
        if len(words) >= 2:
            return " ".join(words)
    return None


_EXTENSIONS = frozenset({"html", "htm", "shtml", "php", "asp", "aspx", "jsp", "cms"})


def _site_like(part: str, site_name: str | None, host: str) -> bool:
    """Whether a part of a title names the site: it matches ``og:site_name`` or is spelled out
    in the page's host name (``"Example.com"`` or ``"EXAMPLE"`` on ``www.example.com``)."""
    if site_name and title_similarity(part, site_name) >= MATCH:
        return True
    squeezed = _NON_WORD.sub("", part.lower())
    return len(squeezed) >= 3 and squeezed in host


def _pieces(title: str) -> list[str]:
    return [p for p in _TITLE_SEPARATORS.split(title) if p.strip()][:MAX_PARTS]


def _front_page(url: str | None) -> bool:
    """Whether ``url`` is a site's front page (no path)."""
    if not url:
        return False
    try:
        return urlsplit(url).path in ("", "/")
    except ValueError:
        return False


def _only_site(title: str, site_name: str | None, host: str) -> bool:
    """Whether every part of a title names the site (an ``og:title`` that is the site's name)."""
    return all(_site_like(p, site_name, host) for p in _pieces(title) or [title])


def clean_title(title: str | None, site_name: str | None, url: str | None = None) -> str | None:
    """The headline part of a ``<title>`` or ``og:title``: cut at its separators (`` | ``,
    `` - `` …), leave out the parts that name the site (``site_name``, the host of ``url``)
    and keep the longest part left."""
    if not title:
        return None
    title = " ".join(title.split())
    pieces = _pieces(title)
    if len(pieces) <= 1:
        return title
    host = _host(url)
    keep = [p for p in pieces if not _site_like(p, site_name, host)] or pieces
    return max(keep, key=len)


def is_jsonld(script_type: str | None) -> bool:
    """Whether a ``<script type=…>`` holds JSON-LD."""
    return script_type is not None and script_type.strip().lower() == "application/ld+json"


#: JSON-LD types whose ``headline`` is the page's headline (another type's is used only when
#: none of these has one)
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
    return jsonld_article(scripts)[0]


def jsonld_article(scripts: Sequence[str]) -> tuple[str | None, str | None]:
    """The ``headline`` (see :func:`jsonld_headline`) and the ``articleBody`` of the page's
    JSON-LD article: the body only from an article-like object of valid JSON, whitespace kept
    (its line breaks part its paragraphs)."""
    fallback: str | None = None
    body: str | None = None
    for script in scripts:
        text = script[:JSONLD_MAX_CHARS]
        try:
            data = json.loads(text, strict=False)
        except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
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
            type_text = " ".join(map(str, types)) if isinstance(types, list) else str(types or "")
            if body is None and _ARTICLE_TYPE.search(type_text):
                declared = item.get("articleBody")
                if isinstance(declared, str) and declared.strip():
                    body = html.unescape(declared).strip()
            if isinstance(headline, str) and headline.strip():
                if _ARTICLE_TYPE.search(type_text):
                    return _clean_text(headline), body
                fallback = fallback or headline
            for value in item.values():
                if isinstance(value, dict | list):
                    queue.append(value)
    return (_clean_text(fallback) if fallback else None), body


def _clean_text(text: str) -> str | None:
    return " ".join(html.unescape(text).split()) or None


def _runs(text: str, site_name: str | None, host: str) -> list[str]:
    """What of a title a heading may repeat: the whole, each run of its parts from the start or
    to the end (``"A headline | Section | Site"`` gives ``A headline``, ``A headline | Section``,
    ``Section | Site``, ``Site`` …), and the parts that do not name the site, joined; but no run
    made only of the site's name, or only of a last part of one or two words, so that a logo
    heading does not pass for the headline."""
    pieces = _pieces(text)
    if len(pieces) <= 1:
        return [text]
    site = [_site_like(p, site_name, host) for p in pieces]
    n = len(pieces)
    # a last part of a word or two ("… | Pixnet", "… - Docs") names the site or its section
    # even when no metadata says so: it is no run by itself
    last = n - 1 if len(_words(pieces[-1])) <= TAIL_MAX_WORDS else n
    spans = [(0, j) for j in range(1, n + 1)] + [(i, n) for i in range(1, last)]
    out = [" ".join(pieces[i:j]) for i, j in spans if not all(site[i:j])]
    keep = [p for p, s in zip(pieces, site, strict=True) if not s]
    if keep and len(keep) < n:
        out.append(" ".join(keep))
    return out


class _Ref:
    """One title reference: its words and the bags of words of its runs, counted once."""

    __slots__ = ("bags", "tokens")

    def __init__(self, text: str, site_name: str | None, host: str) -> None:
        self.tokens = _words(text)
        self.bags = [(Counter(t), len(t)) for t in (_words(r) for r in _runs(text, site_name, host)) if t]

    def similarity(self, bag: dict[str, int], n: int) -> float:
        """The best word-bag F1 of a text (its bag of words and their number) against any run
        of this reference."""
        best = 0.0
        for rbag, rn in self.bags:
            common = 0
            for w, c in bag.items():
                rc = rbag.get(w)
                if rc:
                    common += c if c < rc else rc
            if common and 2 * common / (n + rn) > best:
                best = 2 * common / (n + rn)
        return best


def _furniture(b: Features) -> bool:
    """A heading among page furniture: in a menu, breadcrumb trail, footer or teaser card, or
    all one link (the site's logo, a teaser); a link to an anchor on the page itself (the
    section links of a documentation page) does not count."""
    if b.categories & _FURNITURE or b.containers & _FURNITURE_CONTAINERS or b.in_card:
        return True
    return b.all_link and not (b.first_href or "").startswith("#")


def _is_candidate(b: Features) -> bool:
    if not b.text or len(b.text) > MAX_TITLE_CHARS:
        return False
    if 1 <= b.heading_level <= 3:
        return True
    return b.heading_level == 0 and (
        "itemprop:headline" in b.containers or not HEADLINE_TOKENS.isdisjoint(b.class_tokens)
    )


def _variants(
    b: Features, prev: Features | None, nxt: Features | None, refs: Sequence[_Ref], own_match: bool
) -> list[str]:
    """The texts a candidate may stand for: its own; without a kicker set apart before it (its
    first inline part, or the words before a reference it ends with, when no punctuation joins
    them); with the kicker line just before it, or with the heading right after it that goes
    on with the headline (``"Harbour Notes:"`` over ``"A year at the pier"``: the first ends
    in a colon or dash, the second begins in lower case or is a heading of the same level);
    the last two
    only when its own text matches a reference already: a photo credit above an unrelated
    heading must not make that heading match."""
    out = [b.text]
    if len(b.parts) > 1:
        out.append(" ".join(t for t, _ in b.parts[1:]))
    spans = list(_WORD.finditer(b.text))
    low = [m.group().lower() for m in spans]
    for ref in refs:
        k = len(ref.tokens)
        if 0 < k < len(low) <= k + KICKER_MAX_WORDS and low[-k:] == ref.tokens:
            start = spans[len(low) - k].start()
            joint = b.text[spans[len(low) - k - 1].end() : start]
            if not set(joint) & _RUN_ON:
                out.append(b.text[start:])
    if (
        own_match
        and prev is not None
        and prev.index == b.index - 1
        and not prev.heading_level
        and not prev.all_link
        and 0 < prev.words <= KICKER_MAX_WORDS
        and not prev.ends_sentence
        and not set(_words(prev.text)) <= set(low)
    ):
        out.append(f"{prev.text.rstrip(':')}: {b.text}")
    if (
        own_match
        and nxt is not None
        and nxt.index == b.index + 1
        and nxt.heading_level
        and not nxt.all_link
        and 0 < nxt.words <= MAX_CONTINUATION_WORDS
        and (b.text[-1] in _RUN_ON or nxt.text[0].islower() or nxt.heading_level == b.heading_level)
    ):
        out.append(f"{b.text} {nxt.text}")
    return out


#: characters a reader does not see (soft hyphen, zero-width spaces and joiners, BOM)
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
#: a permalink sign after a heading (``"Usage¶"``, an icon font's private-use glyph, 🔗),
#: shown only on hover
_PERMALINK = re.compile("\\s*[\u00b6\U0001f517\ue000-\uf8ff]+\\s*$")


def tidy_title(text: str | None) -> str | None:
    """A title as a reader sees it: without invisible characters (a soft hyphen splits a word
    in two) and without a permalink sign at its end."""
    if not text:
        return text
    text = _PERMALINK.sub("", _INVISIBLE.sub("", text))
    return text or None


def choose_title(
    blocks: Sequence[Features], meta: Meta, region_start: int, url: str | None = None
) -> tuple[int | None, str | None]:
    """The headline block and the title text of a page.

    The headline is the heading (``<h1>``-``<h3>``, or an element whose class or ``itemprop``
    names a headline) that best matches the title metadata (``og:title``, the JSON-LD
    ``headline``, ``<title>``; a part of one that only names the site, by ``og:site_name`` or the
    host of ``url``, matches nothing by itself). A match with several references counts more
    than with one, an ``<h1>`` more than other headings, and a heading among page furniture
    (breadcrumbs, menus, teaser cards, the site's logo link) much less. A kicker glued to a
    heading is dropped, and a kicker line just before it kept, when that makes it match better.

    The title text is og:title as a heading shows it, when one does (publishers keep the
    headline they mean there, and an SEO variant in ``<h1>`` and ``<title>``); else the chosen
    heading's text. When no heading matches the metadata, the headline block is the last
    ``<h1>`` before the body region (``region_start``: the index of its first block) that is not
    furniture, and the title text the metadata's (the page's own headings do not confirm any
    of them: an h1 such as "About this site" is no title), unless the URL's slug names that
    h1 and not the metadata's title (a shop's "Rain boots" under an SEO ``<title>``).
    Metadata that only names the site (og:title "Valley Outfitters") is left out when other
    metadata names the page, except on the site's front page.

    ``blocks`` are all the page's blocks in order (``blocks[i].index == i``). Returns the
    headline block's index (``None`` when no block is the headline) and the title text
    (see :func:`tidy_title`).
    """
    index, text = _choose_title(blocks, meta, region_start, url)
    return index, tidy_title(text)


def _choose_title(
    blocks: Sequence[Features], meta: Meta, region_start: int, url: str | None
) -> tuple[int | None, str | None]:
    host = _host(url)
    og_title, headline, title = (t if t and _words(t) else None for t in (meta.og_title, meta.headline, meta.title))
    # metadata that only names the site ("Example News" as og:title) says nothing of the page
    # when other metadata does, except on the site's front page, which the site's name titles
    named = [t is not None and not _only_site(t, meta.site_name, host) for t in (og_title, headline, title)]
    if any(named) and not _front_page(url):
        og_title, headline, title = (t if keep else None for t, keep in zip((og_title, headline, title), named, strict=True))
    refs = [_Ref(t, meta.site_name, host) for t in (og_title, headline, title) if t]
    has_og = og_title is not None
    vocabulary = {w for r in refs for w in r.tokens}
    scored = 0
    best: tuple[float, Features, str] | None = None
    shown: tuple[float, str] | None = None
    fallback: Features | None = None
    fallback_furniture = True
    for b in blocks:
        if not _is_candidate(b):
            continue
        # other headings than h1 are the headline only near the top of the body region; further
        # away they head its sections or other boxes
        if b.heading_level != 1 and abs(b.index - region_start) > WINDOW:
            continue
        furniture = _furniture(b)
        if b.heading_level == 1 and (
            fallback is None or (fallback_furniture and not furniture) or (b.index <= region_start and not furniture)
        ):
            fallback, fallback_furniture = b, furniture
        if not refs:
            continue
        if scored >= MAX_SCORED:
            continue
        own = _words(_INVISIBLE.sub("", b.text))
        if vocabulary.isdisjoint(own):
            continue  # shares no word with any reference (most headings of a long page): no match
        scored += 1
        own_match = max(r.similarity(Counter(own), len(own)) for r in refs) >= MATCH
        prev = blocks[b.index - 1] if 0 < b.index <= len(blocks) else None
        nxt = blocks[b.index + 1] if b.index + 1 < len(blocks) else None
        for text in _variants(b, prev, nxt, refs, own_match):
            words = _words(_INVISIBLE.sub("", text))
            if not words:
                continue
            bag, n = Counter(words), len(words)
            sims = sorted((r.similarity(bag, n) for r in refs), reverse=True)
            if sims[0] < MATCH:
                continue
            score = sims[0] + CONSENSUS * sum(s for s in sims[1:] if s >= MATCH)
            if b.heading_level == 1:
                score += H1_BONUS
            if furniture:
                score *= FURNITURE_FACTOR
            score -= 0.0001 * b.index  # the earlier of equals
            if best is None or score > best[0] + 1e-9:
                best = (score, b, text)
            og_sim = refs[0].similarity(bag, n) if has_og else 0.0
            if og_sim >= SHOWN:
                # the closest rendering of og:title; one among furniture only when no other shows it
                key = og_sim - (0.05 if furniture else 0.0) - 0.0001 * b.index
                if shown is None or key > shown[0] + 1e-9:
                    shown = (key, text)
    slug = url_slug(url)
    if best is not None:
        if (
            fallback is not None
            and not fallback_furniture
            and best[1].heading_level != 1
            and fallback.index < best[1].index
            and _slug_prefers(slug, fallback.text, best[2])
        ):
            # a section heading further down repeats the metadata, but the URL names the page
            # after the h1 above it
            return fallback.index, fallback.text
        return best[1].index, shown[1] if shown is not None else best[2]
    declared = clean_title(og_title or headline or title, meta.site_name, url)
    if fallback is not None:
        if declared and not fallback_furniture and _slug_prefers(slug, fallback.text, declared):
            return fallback.index, fallback.text
        return fallback.index, declared or fallback.text
    return None, declared


def _slug_prefers(slug: str | None, heading: str, other: str) -> bool:
    """Whether the URL's slug, the publisher's third name for the page, names ``heading``
    (an h1 the metadata does not confirm) rather than ``other`` (the metadata's title, or a
    heading that repeats it)."""
    if not slug:
        return False
    sim = title_similarity(slug, heading)
    return sim >= MATCH and sim > title_similarity(slug, other)
