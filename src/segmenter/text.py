"""Plain-text pages: what a scraper saved of a page, one block per line.

A text page becomes the same :class:`~segmenter.features.Page` an HTML page does, so the same
rules label it. What markup tells an HTML page, the text itself tells here:

* the article region is the densest run of prose lines (a maximum-sum run over line weights),
  and section headings such as "Related Articles" or "Comments" end it;
* a short line between two prose lines of the region is a sub-heading;
* the title is the longest headline-like line just before the region, and the short lines
  between it and the region are its dateline and byline;
* a line followed by a credit line ("Photo: …", "Jane Doe/AFP") is a caption;
* after a related-articles heading, lines form cards (split at blank lines and at each new
  headline); after a comments heading, lines are comments;
* a long line with junk glued to its end ("… Follow us on: Facebook …", "… read more …") is split
  into two blocks, so its prose and its tail get labels of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .captions import is_credit
from .features import Meta, Page, _text_stats
from .lang import detect, sample_text
from .model import Features
from .timeparse import find_age
from .vocab import BOILERPLATE, RELATED_HEADING

__all__ = ["build_text_page", "looks_like_text", "render_text"]

# an HTML tag: "<p>", "<a href=…>", "</div>", "<!doctype"; "a < b" is not one
_MARKUP = regex.compile(r"<(?:!doctype|/?[a-z][a-z0-9-]{0,20}(?:\s[^<>]{0,500})?/?>)", regex.I)
_TAIL = regex.compile(
    r"\s(?:follow us on\s*:|share this\s*:|short link\s*:|share on\s*:|read more\b|weiterlesen\b|lire la suite\b|"
    r"leer más\b|ler mais\b|leggi tutto\b|lees meer\b)",
    regex.IGNORECASE,
)
_COMMENTS_HEADING = regex.compile(
    r"^(?:\d+\s+)?(?:comments?|kommentare?|commentaires?|comentarios?|commenti|comentários|reacties|"
    r"reactions|discussion|leserkommentare)\b(?:\s*\(\d+\))?\s*:?$|"
    r"^(?:\d+|one|two|no)\s+(?:responses?|replies|comments?|thoughts)\s+(?:to|on)\b|"
    r"^there (?:are|is) (?:\d+|no|one) (?:comments?|responses?|replies)\b|^(?:show|view|load) (?:all )?\d* ?comments?$",
    regex.IGNORECASE,
)
# the controls under each comment: a line that is one of them breaks the article region
_REPLY = regex.compile(
    r"^(?:reply|report|like|share|antworten|melden|répondre|signaler|responder|rispondi|antwoorden|reageer)$",
    regex.IGNORECASE,
)
_OTHER_SECTION = regex.compile(
    r"^(?:sponsored(?: content| links| stories)?|promoted(?: content| links| stories)?|paid content|"
    r"site index|sitemap)\s*:?$",
    regex.IGNORECASE,
)
_BYLINE = regex.compile(r"^(?:by|von|par|por|di|door)\s+\p{Lu}", regex.IGNORECASE)



#: what crossing a blank line costs the article region, in characters of prose
GAP_COST = 200.0


def looks_like_text(page: str) -> bool:
    """Whether a string is a plain-text page rather than HTML: no HTML tag (``<p>``,
    ``<a href=…>``, ``</div>``, ``<!doctype …>``) in its first 4,096 characters."""
    # look past leading blank lines and comments (a licence header can be long)
    start = 0
    while True:
        while start < len(page) and page[start].isspace():
            start += 1
        if not page.startswith("<!--", start):
            break
        end = page.find("-->", start + 4)
        if end < 0:
            return False  # an unclosed comment: markup
        start = end + 3
    if start > 0 and start >= len(page.rstrip()):
        return False  # nothing but comments: markup with no text
    return _MARKUP.search(page, start, start + 4096) is None


@dataclass
class _Line:
    text: str
    line: int  # line number in the page (0-based)
    gap_before: bool  # a blank line precedes it
    part: int = 0  # 0 the line itself or its prose part, 1 a glued tail


def _split_lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    gap = True
    for n, raw in enumerate(text.splitlines()):
        line = " ".join(raw.split())
        if not line:
            gap = True
            continue
        m = _TAIL.search(line) if len(line) > 200 else None
        if m is not None and m.start() > 60:
            out.append(_Line(line[: m.start()].rstrip(), n, gap))
            out.append(_Line(line[m.start() :].strip(), n, False, 1))
        else:
            out.append(_Line(line, n, gap))
        gap = False
    return out


_END = frozenset(".!?。！？…\"”’'»)")


def _best_run(
    lines: list[_Line], prose: list[bool], heading: list[bool], section: list[str | None]
) -> tuple[int, int]:
    """The article region: the maximum-sum run of lines (prose counts for itself, any other line
    against), never across a section heading nor into a section. Returns ``(start, end)``."""
    # A blank line costs something to cross, unless the page separates all its paragraphs with
    # blank lines anyway: then a blank line says nothing.
    prose_lines = [ln for ln, p in zip(lines, prose, strict=True) if p]
    spaced = sum(ln.gap_before for ln in prose_lines) > 0.5 * len(prose_lines) if prose_lines else False
    gap_cost = 0.0 if spaced else GAP_COST
    best, best_start, best_end = 0.0, 0, 0
    run, run_start = 0.0, 0
    for i, ln in enumerate(lines):
        if heading[i] or section[i] is not None or ln.part == 1:
            run, run_start = 0.0, i + 1
            continue
        if prose[i]:
            weight = float(len(ln.text))
        elif _TICKER.match(ln.text):
            weight = -float(len(ln.text))  # a live ticker's "14:44 Headline" lines are not the article
        elif _BULLET.match(ln.text):
            weight = 0.5 * len(ln.text)  # list items: lists belong to articles more than menus do
        else:
            weight = -(0.3 * len(ln.text) + 20.0)
        if ln.gap_before:
            weight -= gap_cost
        if run <= 0:
            run, run_start = weight, i
        else:
            run += weight
        if run > best:
            best, best_start, best_end = run, run_start, i + 1
    return best_start, best_end


_TICKER = regex.compile(r"^\d{1,2}[:.h]\d{2}\s+\S+(?:\s+\S+){2,}")
_BULLET = regex.compile(r"^(?:[-+•*▪–]\s+|\d{1,2}[.)]\s+)\S")
_PROMO = next(p for kind, p in BOILERPLATE if kind == "promo")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")


def _is_prose(words: int, stop: float, text: str) -> bool:
    # a headline can be long and full of function words too, but it does not end like a sentence
    ends = text[-1:] in _END
    if stop == 0.0 and len(_CJK.findall(text[:60])) > 0.3 * min(len(text), 60):
        # Chinese, Japanese, Korean: no stop words to count; length and punctuation tell
        return len(text) >= 25 and (ends or len(text) >= 30)
    return words >= 12 and (ends or words >= 30) and (stop >= 0.12 or words >= 40 or (stop == 0.0 and ends))


def _headline_like(text: str, words: int) -> bool:
    return 3 <= words <= 30 and text[-1:] not in ".:;," and find_age(text) is None


def build_text_page(text: str, *, url: str | None = None) -> Page:
    """Lines (and glued tails) of a plain-text page as a :class:`Page` of blocks with features."""
    lines = _split_lines(text)
    n = len(lines)
    language = detect(None, sample_text([ln.text for ln in lines]))
    stats = [_text_stats(ln.text, language) for ln in lines]
    # a subscription pitch or a sign-up call reads like prose, but it is furniture
    prose = [
        ln.part == 0 and _is_prose(w, s, ln.text) and not (w <= 40 and _PROMO.search(ln.text))
        for ln, (w, s) in zip(lines, stats, strict=True)
    ]
    # where running text first appears (two prose lines in a row): a heading such as
    # "Comments" among the navigation above it opens no section
    first_start = next((i for i in range(n - 1) if prose[i] and prose[i + 1]), 0)

    # sections: a heading starts one; lines up to the next heading belong to it
    section: list[str | None] = [None] * n
    heading: list[bool] = [False] * n
    current: str | None = None
    other_lines = 0
    for i, ln in enumerate(lines):
        words = stats[i][0]
        if current == "other" and (ln.gap_before or other_lines >= 8):
            current = None  # a sponsored box or a footer block ends at a blank line
        if current == "related" and prose[i] and i > 0 and prose[i - 1] and section[i - 1] == "related":
            # two prose lines in a row: article text again (cards carry one snippet each)
            current = None
            section[i - 1] = None
        other_lines = other_lines + 1 if current == "other" else 0
        kind = None
        if (words <= 8 or _COMMENTS_HEADING.match(ln.text)) and i >= first_start and words <= 20:
            if RELATED_HEADING.match(ln.text):
                kind = "related"
            elif _COMMENTS_HEADING.match(ln.text):
                kind = "comments"
            elif _OTHER_SECTION.match(ln.text):
                kind = "other"
        if kind is not None:
            current = kind
            heading[i] = True
            continue
        if words <= 2 and _REPLY.match(ln.text):
            heading[i] = True
        section[i] = current

    # the article region: the maximum-sum run of lines, prose counting for, everything else
    # against, never across a section heading or into a section
    best_start, best_end = _best_run(lines, prose, heading, section)
    in_region = [best_start <= i < best_end for i in range(n)]
    # the two lines right after the region, unless a blank line parts them from it
    near_region = {i for i in range(best_end, min(n, best_end + 2)) if not any(
        lines[j].gap_before for j in range(best_end, i + 1))}

    # title: the longest headline-like line among the few lines before the region
    title_block: int | None = None
    for i in range(best_start - 1, max(-1, best_start - 7), -1):
        ln = lines[i]
        w = stats[i][0]
        if heading[i] or _BYLINE.match(ln.text) or not _headline_like(ln.text, w) or w < 4:
            continue
        if title_block is None or w > stats[title_block][0]:
            title_block = i
    header_zone = set(range(title_block + 1, best_start)) if title_block is not None else set()

    # captions: a line followed by a credit line
    figure = [-1] * n
    for i in range(n - 1):
        if in_region[i] and stats[i][0] >= 5 and is_credit(lines[i + 1].text) and not is_credit(lines[i].text):
            figure[i] = figure[i + 1] = i

    # cards: in a related section, a blank line or a second headline starts a new card; a
    # ticker line ("14:44 Headline") anywhere outside the article is a card of its own
    card = [-1] * n
    for i, ln in enumerate(lines):
        if section[i] is None and not in_region[i] and ln.part == 0 and _TICKER.match(ln.text):
            card[i] = i
    card_title: dict[int, bool] = {}
    cid = -1
    for i, ln in enumerate(lines):
        if section[i] != "related":
            continue
        w = stats[i][0]
        is_title = _headline_like(ln.text, w) and w >= 4 and not prose[i]
        if cid < 0 or ln.gap_before or heading[i - 1] or (is_title and card_title.get(cid)):
            cid = i
        card[i] = cid
        if is_title:
            card_title[cid] = True

    feats: list[Features] = []
    for i, ln in enumerate(lines):
        words, stop = stats[i]
        t = ln.text
        chars = len(t)
        cats: set[str] = set()
        containers: set[str] = set()
        if ln.part == 1:
            cats.add("share")  # a glued tail: share prompts and other headlines
        elif section[i] == "comments":
            cats.add("comments")
        elif section[i] == "related" and card[i] < 0:
            cats.add("related")
        if figure[i] >= 0:
            containers.add("figure")
        is_heading = (
            in_region[i] and not prose[i] and words <= 12 and t[-1:] not in ".!?:;," and figure[i] < 0
            and 0 < i < n - 1 and (prose[i - 1] or prose[i + 1])
        )
        feats.append(
            Features(
                text=t,
                tag="line",
                chars=chars,
                words=words,
                link_chars=0,
                link_density=0.0,
                stopword_density=stop,
                sentence_marks=sum(t.count(c) for c in ".!?。！？"),
                commas=t.count(","),
                ends_sentence=t[-1:] in ".!?。！？…\"”’'»)",
                heading_level=2 if is_heading else 0,
                depth=1,
                tag_path="text/line",
                containers=frozenset(containers),
                categories=frozenset(cats),
                class_tokens=frozenset(),
                in_list=False,
                in_table=False,
                all_link=False,
                first_href=None,
                has_image=figure[i] >= 0,
                after_image=False,
                before_image=False,
                index=i,
                position=i / n if n else 0.0,
                repetition=0,
                in_main_region=in_region[i],
                region_distance=0 if in_region[i] else (1 if i in near_region else 9),
                figure=figure[i],
                card=card[i] if ln.part == 0 else -1,
                in_card=card[i] >= 0 and ln.part == 0,
            )
        )
    title_text = lines[title_block].text if title_block is not None else None
    return Page(
        blocks=tuple(feats),
        meta=Meta(title=title_text),
        url=url,
        lang=None,
        title_block=title_block,
        title_text=title_text,
        images=(),
        total_chars=sum(len(ln.text) for ln in lines),
        region_chars=sum(len(ln.text) for ln, r in zip(lines, in_region, strict=True) if r),
        xpaths=tuple(f"line:{ln.line + 1}" + (":tail" if ln.part else "") for ln in lines),
        header_zone=frozenset(header_zone),
        kind="text",
        language=language,
    )


def render_text(page: object) -> str:
    """The project's own text rendering of an HTML page, as a scraper that keeps only text
    would save it: every block on its own line, in reading order."""
    from .features import build_page
    from .parse import to_tree

    built = build_page(to_tree(page).root)
    return "".join(f.text + "\n" for f in built.blocks)
