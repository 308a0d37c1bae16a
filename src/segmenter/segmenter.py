"""The pipeline: parse → blocks and features → rules → resolve → assemble."""

from __future__ import annotations

import dataclasses
import gc
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from .assemble import AssembleOptions, assemble, declared_body, drop_repeats, listing_labels, page_title
from .features import Page, RegionWeights, build_page
from .model import Block, Evidence, Segmentation, _unchecked
from .parse import decode, to_tree
from .resolve import Resolution, resolve
from .rules.base import BLOCK, CONTEXT, Rule, RuleSet
from .selectors import select
from .text import build_text_page, looks_like_text

__all__ = ["Options", "Segmenter", "segment", "segment_html", "segment_text"]


@dataclass(frozen=True)
class Options:
    """Settings of a :class:`Segmenter` (all keyword arguments of its constructor).

    :param min_article_chars: with less body text than this and no paragraph of at least
        ``min_article_prose_words`` words, the page has no article (``article=None``).
    :param min_article_prose_words: see ``min_article_chars``.
    :param region_weights: how text counts toward the densest-region search.
    :param max_bytes: read at most this many bytes (or characters) of a page; a longer page is
        cut and the result says so in ``warnings``.
    :param max_nodes: walk at most this many elements; the rest of the page is left out, and
        ``warnings`` says so.
    :param time_budget: seconds for one page; when they run out the walk stops (or the remaining
        blocks go unjudged, as junk) and ``warnings`` says so. A result cut short by a limit is
        partial, never silently wrong.
    :param noscript_fallback_chars: a page with less visible text than this is read again with
        its ``<noscript>`` content shown, and then, if still as bare, with its hidden elements
        shown (content that scripts reveal).
    :param keep_evidence: keep every rule's evidence for :meth:`Segmentation.explain`; turn off to
        save memory in batch jobs.
    :param declared_body: when a page shows only the start of its article (a paywall) and
        declares the whole text as its JSON-LD ``articleBody``, the article's text is that body
        (see :func:`segmenter.assemble.declared_body`; ``warnings`` says so). The blocks keep
        their labels either way.
    """

    min_article_chars: int = 250
    min_article_prose_words: int = 20
    region_weights: RegionWeights = dataclasses.field(default_factory=RegionWeights)
    keep_evidence: bool = True
    noscript_fallback_chars: int = 200
    max_bytes: int | None = None
    max_nodes: int | None = None
    time_budget: float | None = None
    declared_body: bool = True


@dataclass(frozen=True)
class _Built:
    """A page parsed and turned into blocks and features, not yet labelled: the part of a
    segmentation that does not depend on the rules' weights."""

    page: Page
    host: str | None
    warnings: tuple[str, ...]
    deadline: float | None


class Segmenter:
    """A reusable segmenter: a fixed rule set plus options.

    Thread-safe and picklable: it holds only an immutable snapshot of its rules and its frozen
    options, and keeps no state between pages.

    >>> seg = Segmenter(min_article_chars=100)
    >>> result = seg.segment("<html><body><p>…</p></body></html>")   # doctest: +SKIP
    """

    def __init__(self, rules: RuleSet | Iterable[Rule] | None = None, **options: Any) -> None:
        try:
            self.options = Options(**options)
        except TypeError as exc:
            known = ", ".join(f.name for f in dataclasses.fields(Options))
            raise TypeError(f"{exc}; known options: {known}") from None
        if rules is None:
            ruleset = RuleSet.default()
        elif isinstance(rules, RuleSet):
            ruleset = rules
        else:
            ruleset = RuleSet(rules)
        self.rules: tuple[Rule, ...] = ruleset.ordered()

    def __repr__(self) -> str:
        return f"Segmenter(rules={len(self.rules)}, options={self.options!r})"

    def segment(self, page: object, *, url: str | None = None, now: datetime | None = None) -> Segmentation:
        """Segment one page: ``str``/``bytes`` HTML, an lxml element/tree or a BeautifulSoup object.

        A ``str`` (or ``bytes``, once decoded) with no HTML tag in its first 4,096 characters is a
        plain-text page: see :meth:`segment_text`.

        :param url: the page's address; resolves relative links and scopes site rules.
        :param now: an aware datetime that anchors relative ages ("3 hours ago").
        :raises TypeError: for any other type of ``page``, or a naive ``now``.
        """
        return self._segment(page, url=url, now=now, mode="auto")

    def segment_html(self, page: object, *, url: str | None = None, now: datetime | None = None) -> Segmentation:
        """Like :meth:`segment`, but always treats ``page`` as HTML."""
        return self._segment(page, url=url, now=now, mode="html")

    def segment_text(self, page: str | bytes, *, url: str | None = None, now: datetime | None = None) -> Segmentation:
        """Like :meth:`segment`, but always treats ``page`` as a plain-text page (one block per
        line). Bytes are decoded as UTF-8 (a BOM is honoured; undecodable bytes become U+FFFD)."""
        return self._segment(page, url=url, now=now, mode="text")

    def _segment(self, page: object, *, url: str | None, now: datetime | None, mode: str) -> Segmentation:
        # The walk and the rules make hundreds of thousands of small objects that hold no cycles;
        # the cyclic collector would scan the whole heap again and again while they are made
        # (about a tenth of the time). It is paused for the call and restored after, unless the
        # caller had turned it off (or another thread paused it: that one restores it).
        was_enabled = gc.isenabled()
        if was_enabled:
            gc.disable()
        try:
            return self._segment_unpaused(page, url=url, now=now, mode=mode)
        finally:
            if was_enabled:
                gc.enable()

    def _segment_unpaused(
        self, page: object, *, url: str | None, now: datetime | None, mode: str
    ) -> Segmentation:
        if now is not None and (not isinstance(now, datetime) or now.tzinfo is None):
            raise TypeError("now must be an aware datetime (with tzinfo)")
        return self._label_built(self._build(page, url=url, mode=mode), now)

    def _build(self, page: object, *, url: str | None, mode: str) -> _Built:
        # Everything up to the rules. It does not read the rules' weights, so a calibration
        # (tools/calibrate.py) builds each page once and labels it under many weight settings.
        if url is not None and not isinstance(url, str):
            raise TypeError(f"url must be a str, not {type(url).__name__}")
        opts = self.options
        deadline = time.perf_counter() + opts.time_budget if opts.time_budget is not None else None
        cut: list[str] = []
        if opts.max_bytes is not None and isinstance(page, str | bytes | bytearray) and len(page) > opts.max_bytes:
            page = page[: opts.max_bytes]
            cut.append(f"the page was cut to max_bytes={opts.max_bytes}: the result covers only its start")
        decoded: list[str] = []  # what decoding the bytes recovered from
        if mode != "html" and isinstance(page, str | bytes | bytearray | memoryview):
            text, decoded = (page, []) if isinstance(page, str) else decode(bytes(page))
            if mode == "text" or looks_like_text(text):
                return self._build_text(text, url, cut + decoded, deadline)
            page = text
        elif mode == "text":
            raise TypeError(f"segment_text() takes str or bytes, not {type(page).__name__}")
        parsed = to_tree(page)
        warnings = cut + decoded + list(parsed.warnings)
        host = _host(url, warnings)
        rules = [r for r in self.rules if r.applies_to(host)]
        marks = select(parsed.root, [r for r in rules if r.selector])
        feats_page = build_page(
            parsed.root, url=url, marks=marks, region_weights=opts.region_weights,
            max_nodes=opts.max_nodes, deadline=deadline,
        )
        if feats_page.total_chars < self.options.noscript_fallback_chars and _has_noscript(parsed.root):
            # A page rendered by scripts keeps its server-side text in <noscript> (Discourse,
            # some single-page apps): without it a reader with scripts off sees nothing.
            feats_page = build_page(
                parsed.root, url=url, marks=marks, region_weights=opts.region_weights,
                show_noscript=True, max_nodes=opts.max_nodes, deadline=deadline,
            )
            warnings.append("the page shows almost no text without scripts; read its <noscript> content")
        if feats_page.total_chars < self.options.noscript_fallback_chars:
            # Streamed server rendering (React's hidden "S:0" segments, a body kept invisible
            # until scripts run) leaves the whole text in hidden elements that scripts reveal.
            shown = build_page(
                parsed.root, url=url, marks=marks, region_weights=opts.region_weights,
                show_hidden=True, max_nodes=opts.max_nodes, deadline=deadline,
            )
            if shown.total_chars >= self.options.noscript_fallback_chars:
                feats_page = shown
                warnings.append("the page shows almost no text until scripts run; read its hidden content")
        warnings.extend(feats_page.warnings)
        return _Built(feats_page, host, tuple(warnings), deadline)

    def _build_text(self, text: str, url: str | None, warnings: list[str], deadline: float | None = None) -> _Built:
        if "\x00" in text:
            text = text.replace("\x00", "\ufffd")
            warnings.append("NUL characters replaced with U+FFFD")
        page = build_text_page(text.lstrip("\ufeff"), url=url)
        host = _host(url, warnings)
        return _Built(page, host, tuple(warnings), deadline)

    def _label_built(self, built: _Built, now: datetime | None = None) -> Segmentation:
        """Run this segmenter's rules, the resolver and assembly on a page built by :meth:`_build`
        (of a segmenter with the same selector rules: the page holds their marks)."""
        return self._label(built.page, self._rules_for(built), list(built.warnings), now, built.deadline)

    def _rules_for(self, built: _Built) -> list[Rule]:
        text = built.page.kind == "text"
        # A text page has no elements for selectors to match, so selector rules sit it out.
        return [r for r in self.rules if r.applies_to(built.host) and not (text and r.selector)]

    def _label(
        self,
        page: Page,
        rules: list[Rule],
        warnings: list[str],
        now: datetime | None = None,
        deadline: float | None = None,
    ) -> Segmentation:
        block_rules = [r for r in rules if r.stage == BLOCK]
        block_evaluators = [r.evaluate for r in block_rules]
        context_rules = [r for r in rules if r.stage == CONTEXT]
        n = len(page.blocks)
        evidence: list[list[Evidence]] = [[] for _ in range(n)]
        for f in page.blocks:
            if deadline is not None and not f.index & 63 and time.perf_counter() > deadline:
                warnings.append(
                    f"the time_budget ran out after {f.index} of {n} blocks: the rest were not judged (junk)"
                )
                context_rules = []
                break
            ev = evidence[f.index]
            for evaluate in block_evaluators:
                ev.extend(evaluate(f, page))
        first = [resolve(ev) for ev in evidence]
        final = first
        if context_rules:
            ctx_page = dataclasses.replace(page, provisional=tuple(r.label for r in first))
            context_evaluators = [r.evaluate for r in context_rules]
            changed: list[int] = []
            for f in page.blocks:
                ev = evidence[f.index]
                before = len(ev)
                for evaluate in context_evaluators:
                    ev.extend(evaluate(f, ctx_page))
                if len(ev) != before:
                    changed.append(f.index)
            if changed:
                # context rules vote on few blocks: the others keep their first resolution
                final = list(first)
                for i in changed:
                    final[i] = resolve(evidence[i])
        return self._finish(page, evidence, first, final, warnings, now)

    def _finish(
        self,
        page: Page,
        evidence: Sequence[Sequence[Evidence]],
        first: Sequence[Resolution],
        final: Sequence[Resolution],
        warnings: list[str],
        now: datetime | None = None,
    ) -> Segmentation:
        # Split from _label so that a calibration, which works out the labels itself, assembles
        # the result exactly as segment() does.
        xpaths = page.xpaths
        labels = [r.label for r in final]
        listing = listing_labels(page, labels) if page.kind == "html" else None
        if listing is not None:
            labels = listing
        drop_repeats(page, labels)
        blocks = tuple(
            _unchecked(Block, {
                "index": f.index,
                "text": f.text,
                "label": labels[f.index],
                "xpath": xpaths[f.index] if f.index < len(xpaths) else "",
                "features": f,
                "context_free_label": first[f.index].label,
                "kind": final[f.index].kind,
            })
            for f in page.blocks
        )
        article, captions, related, junk = assemble(
            page,
            blocks,
            AssembleOptions(self.options.min_article_chars, self.options.min_article_prose_words),
            now,
        )
        if article is not None and self.options.declared_body:
            declared = declared_body(article, page.meta.article_body)
            if declared is not None:
                article = declared
                warnings.append(
                    "the page shows only the start of its article: the article's text is the"
                    " articleBody its JSON-LD declares"
                )
        keep = self.options.keep_evidence
        # (a list or category page has no article but still a title a reader sees)
        title = article.title if article is not None else page_title(page, blocks)
        return Segmentation(
            article=article,
            captions=captions,
            related=related,
            junk=junk,
            blocks=blocks,
            url=page.url,
            lang=page.lang,
            language=page.language,
            title=title,
            warnings=tuple(warnings),
            _evidence=tuple(tuple(e) for e in evidence) if keep else (),
            _scores=tuple(r.scores for r in final) if keep else (),
        )


def _host(url: str | None, warnings: list[str]) -> str | None:
    if not url:
        return None
    try:
        return urlsplit(url).hostname
    except ValueError:
        warnings.append(f"could not read the host of url {url[:200]!r}; site rules are off")
        return None


def _has_noscript(root: Any) -> bool:
    return next(root.iter("noscript"), None) is not None


_DEFAULT: Segmenter | None = None


def _default() -> Segmenter:
    # Built lazily and never mutated afterwards: a cache, not shared mutable state.
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Segmenter()
    return _DEFAULT


def segment(page: object, *, url: str | None = None, now: datetime | None = None) -> Segmentation:
    """Segment one page with the default rules and options (see :meth:`Segmenter.segment`)."""
    return _default().segment(page, url=url, now=now)


def segment_html(page: object, *, url: str | None = None, now: datetime | None = None) -> Segmentation:
    """Like :func:`segment`, but always treats ``page`` as HTML (no plain-text sniffing)."""
    return _default().segment_html(page, url=url, now=now)


def segment_text(page: str | bytes, *, url: str | None = None, now: datetime | None = None) -> Segmentation:
    """Like :func:`segment`, but always treats ``page`` as a plain-text page (one block per line)."""
    return _default().segment_text(page, url=url, now=now)

