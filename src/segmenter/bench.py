"""Benchmark segmenter (and peers) on gold-labeled corpora: ``python -m segmenter.bench CORPUS...``.

A corpus is a folder with ``gold/<id>.json`` (the format of ``GOLD-FORMAT.md``) and, for each id,
``pages/<id>.html.gz``, ``pages/<id>.html`` or ``pages/<id>.txt`` (a plain-text dump). For each
corpus a table is printed with a row per tool: ``segmenter``; ``trafilatura`` when it is installed
(the ``[bench]`` extra) and ``--no-peers`` is not given; and ``lxml parse``, which only gives the
time of parsing the same bytes with lxml, as the yardstick for the "x lxml" column. Below it come
caption and related-card tables where the corpus labels them. Metrics: :mod:`segmenter.metrics`
(which also says how credits are compared across the corpora's different credit conventions, and
what the caption table's "leak*" column leaves out).

Timing: every tool gets the same (already decompressed) bytes in the same process, page by page
in turn, measured in CPU time (:func:`time.process_time`: the tools are single-threaded, and CPU
time does not count the waits of a busy machine, which would inflate long calls more than short
ones); the table shows the median ms/page and its ratio to the median of the lxml parse.

A page on which a tool raises counts as a failure and as an empty prediction; one line naming the
tool, page and exception goes to stderr. Exit status: 0; 1 when a corpus could not be read or the
tool under test (segmenter) failed on a page; 2 for usage errors. Corpus paths that do not exist
are skipped with a note, so fresh clones without the shared corpora still pass.

Tests and experiments can benchmark any function ``(page bytes, url) -> Prediction`` through
``main(argv, extractor=...)`` or :func:`run`.

Scaling mode (``--scaling``): one page (``--scaling-page PATH``, or the first page of the first
corpus) has its ``<body>`` content replicated 1x, 2x, 4x … 64x (or up to ``--scaling-max-mb``);
each size is segmented (best of ``--scaling-repeat`` runs, default 3) and once more under
:mod:`tracemalloc` for the peak of Python-heap memory (lxml's C tree is not traced). The table gives
size, ms, peak MB and ms per MB, then the least-squares slopes of log(ms) and log(peak) against
log(size): 1.0 is linear, 2.0 quadratic.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import math
import re
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from segmenter.metrics import (
    SHINGLE_SIZE,
    Caption,
    Card,
    CorpusScore,
    Gold,
    PageScore,
    Prediction,
    SnippetCounts,
    collapse_ws,
    score_page,
    tokens,
)

__all__ = [
    "BenchError",
    "CorpusRun",
    "Extractor",
    "Page",
    "ScalingRow",
    "Tool",
    "ToolRun",
    "lxml_tool",
    "load_corpus",
    "fit_exponent",
    "main",
    "measure_scaling",
    "prediction_from_segmentation",
    "replicate_body",
    "run",
    "run_corpus",
    "run_scaling",
    "segmenter_tool",
    "trafilatura_tool",
]

#: an extractor under test: page bytes and URL (or None) in, prediction out
Extractor = Callable[[bytes, str | None], Prediction]

#: page file suffixes, in order of preference, and whether they hold plain text
_PAGE_SUFFIXES: tuple[tuple[str, bool], ...] = (
    (".html.gz", False),
    (".html", False),
    (".htm", False),
    (".txt.gz", True),
    (".txt", True),
)
_SNIP = 100


class BenchError(Exception):
    """A problem that stops the benchmark of a corpus or of a tool (not a page failure)."""


@dataclass(frozen=True)
class Page:
    """One corpus page: decompressed bytes, whether it is a plain-text dump, and its gold labels."""

    id: str
    data: bytes
    is_text: bool
    gold: Gold

    @property
    def url(self) -> str | None:
        """The page URL from the gold file, if any."""
        return self.gold.url


@dataclass(frozen=True)
class Tool:
    """A benchmarked tool.

    ``extract`` handles HTML pages, ``extract_text`` plain-text dumps (None: such pages fail).
    A tool that is not ``scored`` is only timed (the lxml parse).
    """

    name: str
    extract: Extractor
    extract_text: Extractor | None = None
    scored: bool = True


@dataclass
class ToolRun:
    """One tool's results on one corpus: per-page scores, predictions and times."""

    tool: Tool
    scores: list[PageScore] = field(default_factory=list)
    predictions: list[Prediction] = field(default_factory=list)
    ms: list[float] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def score(self) -> CorpusScore:
        """The corpus-level aggregate."""
        return CorpusScore.from_pages(self.scores)

    @property
    def median_ms(self) -> float | None:
        """Median milliseconds per page."""
        return statistics.median(self.ms) if self.ms else None


@dataclass
class CorpusRun:
    """All tools' results on one corpus."""

    name: str
    path: Path
    pages: list[Page]
    runs: list[ToolRun]

    @property
    def baseline_ms(self) -> float | None:
        """Median ms/page of the first timing-only tool (the lxml parse), if there is one."""
        for r in self.runs:
            if not r.tool.scored:
                return r.median_ms
        return None

    def ratio(self, run: ToolRun) -> float | None:
        """The tool's median ms/page divided by the baseline's."""
        base, ms = self.baseline_ms, run.median_ms
        return ms / base if base and ms is not None else None


# ---------------------------------------------------------------------------------------------
# Tools


def prediction_from_segmentation(seg: Any) -> Prediction:
    """Adapt a ``segmenter.Segmentation`` (or anything with the same attributes) to a :class:`Prediction`."""
    article = seg.article
    return Prediction(
        # the page's title counts even when there is no article (a list page has one too)
        title=getattr(seg, "title", None) if article is None else article.title,
        text="" if article is None else (article.text or ""),
        # The gold format does not count a credit shown without caption text as a caption
        # (GOLD-FORMAT.md); the library still reports it, with empty text, so leave those out.
        captions=tuple(
            Caption(c.text, c.credit, getattr(c, "credit_label", None)) for c in seg.captions or () if c.text
        ),
        related=tuple(
            Card(r.title or "", source=r.source, age=r.age_text, url=r.url) for r in seg.related or ()
        ),
    )


def segmenter_tool(as_text: bool = False) -> Tool:
    """The library under test. ``as_text``: segment a text rendering of each page instead of its HTML.

    Raises :class:`BenchError` when the installed segmenter lacks what is needed.
    """
    try:
        seg_mod = importlib.import_module("segmenter")
    except ImportError as exc:  # pragma: no cover - the package imports itself
        raise BenchError(f"cannot import segmenter: {exc}") from exc

    def from_text(data: bytes, url: str | None) -> Prediction:
        if not hasattr(seg_mod, "segment_text"):
            raise BenchError("this version of segmenter has no segment_text() for plain-text pages")
        return prediction_from_segmentation(seg_mod.segment_text(data.decode("utf-8"), url=url))

    if as_text:
        missing = [name for name in ("render_text", "segment_text") if not hasattr(seg_mod, name)]
        if missing:
            raise BenchError(
                "--as-text needs "
                + " and ".join(f"segmenter.{name}()" for name in missing)
                + ", which this version of segmenter does not have"
            )

        def from_html(data: bytes, url: str | None) -> Prediction:
            text = seg_mod.render_text(data)
            return prediction_from_segmentation(seg_mod.segment_text(text, url=url))

    else:
        if not hasattr(seg_mod, "segment"):
            raise BenchError("segmenter.segment() is missing (is the library installed and complete?)")

        def from_html(data: bytes, url: str | None) -> Prediction:
            return prediction_from_segmentation(seg_mod.segment(data, url=url))

    return Tool("segmenter", from_html, from_text)


def trafilatura_tool() -> Tool | None:
    """trafilatura with its default extraction settings (text and title), or None if not installed."""
    try:
        trafilatura = importlib.import_module("trafilatura")
    except ImportError:
        return None

    def extract(data: bytes, url: str | None) -> Prediction:
        doc = trafilatura.bare_extraction(data, url=url, with_metadata=True)
        if doc is None:
            return Prediction()
        if isinstance(doc, dict):  # trafilatura < 2
            return Prediction(title=doc.get("title"), text=doc.get("text") or "")
        return Prediction(title=getattr(doc, "title", None), text=getattr(doc, "text", None) or "")

    return Tool("trafilatura", extract)


def lxml_tool() -> Tool:
    """Timing yardstick: parse the page bytes with lxml's recovering HTML parser, nothing else."""
    from lxml import etree

    def parse(data: bytes, url: str | None) -> Prediction:
        etree.fromstring(data, etree.HTMLParser(recover=True, huge_tree=True))
        return Prediction()

    return Tool("lxml parse", parse, parse, scored=False)


# ---------------------------------------------------------------------------------------------
# Running


def _find_page(pages_dir: Path, page_id: str) -> tuple[Path, bool] | None:
    """The page file of ``page_id`` and whether it is plain text, or None."""
    for suffix, is_text in _PAGE_SUFFIXES:
        page_path = pages_dir / (page_id + suffix)
        if page_path.is_file():
            return page_path, is_text
    return None


def load_corpus(path: Path, *, limit: int | None = None, ids: Sequence[str] | None = None) -> list[Page]:
    """The pages of a corpus folder in sorted id order, optionally only ``ids`` and the first ``limit``.

    Gold files without a page file are skipped with a note on stderr.
    """
    gold_dir, pages_dir = path / "gold", path / "pages"
    if not gold_dir.is_dir() or not pages_dir.is_dir():
        raise BenchError(f"{path}: not a corpus (needs gold/ and pages/ folders)")
    wanted = set(ids) if ids is not None else None
    pages: list[Page] = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        page_id = gold_path.name[: -len(".json")]
        if wanted is not None and page_id not in wanted:
            continue
        if limit is not None and len(pages) >= limit:
            break
        found = _find_page(pages_dir, page_id)
        if found is None:
            print(f"{path}: no page file for gold {page_id}, skipped", file=sys.stderr)
            continue
        page_path, is_text = found
        try:
            gold = Gold.from_json(json.loads(gold_path.read_text(encoding="utf-8")), default_id=page_id)
        except (ValueError, AttributeError, TypeError) as exc:
            raise BenchError(f"{gold_path}: bad gold file: {exc}") from exc
        data = page_path.read_bytes()
        if page_path.name.endswith(".gz"):
            data = gzip.decompress(data)
        pages.append(Page(page_id, data, is_text, gold))
    return pages


def _one_line(text: str, width: int = _SNIP) -> str:
    text = collapse_ws(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _extract(tool: Tool, page: Page, err: TextIO) -> tuple[Prediction | None, float, str | None]:
    """Run one tool on one page: prediction (None on failure), milliseconds, error text."""
    fn = tool.extract_text if page.is_text else tool.extract
    start = time.process_time()
    try:
        if fn is None:
            raise BenchError("plain-text pages not supported")
        pred = fn(page.data, page.url)
    except Exception as exc:
        ms = (time.process_time() - start) * 1000
        error = f"{type(exc).__name__}: {exc}"
        print(f"{tool.name}: page {page.id} failed: {_one_line(error, 200)}", file=err)
        return None, ms, error
    return pred, (time.process_time() - start) * 1000, None


def run_corpus(name: str, path: Path, pages: list[Page], tools: Sequence[Tool], err: TextIO) -> CorpusRun:
    """Run every tool on every page (page by page, tools in turn) and score the scored tools."""
    runs = [ToolRun(tool) for tool in tools]
    for page in pages:
        for r in runs:
            pred, ms, error = _extract(r.tool, page, err)
            r.ms.append(ms)
            if error is not None:
                r.errors[page.id] = error
            if r.tool.scored:
                r.scores.append(score_page(page.gold, pred))
                r.predictions.append(pred if pred is not None else Prediction())
    return CorpusRun(name, path, pages, runs)


# ---------------------------------------------------------------------------------------------
# Reporting


def _num(x: float | None, digits: int = 3) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def _ms(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x:.2f}" if x < 10 else f"{x:.1f}"


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def format_union(runs: Sequence[CorpusRun]) -> str:
    """The article table over the union of the corpora's pages (when two or more ran): the same
    macro means as one corpus, over every page, and the median time over every page."""
    if len(runs) < 2:
        return ""
    header = ["tool", "pages", "fail", "P", "R", "F1", "bag F1", "title", "ms/page", "x lxml"]
    tools = [r.tool for r in runs[0].runs]
    base: float | None = None
    rows: list[list[str]] = []
    medians: list[float | None] = []
    for i, tool in enumerate(tools):
        tool_runs = [cr.runs[i] for cr in runs if i < len(cr.runs) and cr.runs[i].tool is tool]
        ms = [m for r in tool_runs for m in r.ms]
        median = statistics.median(ms) if ms else None
        if not tool.scored:
            base = base if base is not None else median
            continue
        s = CorpusScore.from_pages([p for r in tool_runs for p in r.scores])
        rows.append([
            tool.name, str(s.pages), str(s.failures), _num(s.shingle_precision), _num(s.shingle_recall),
            _num(s.shingle_f1), _num(s.word_bag_f1), _num(s.title_accuracy), _ms(median),
        ])
        medians.append(median)
    for row, median in zip(rows, medians, strict=True):
        row.append(_num(median / base, 2) if base and median is not None else "")
    names = ", ".join(cr.name for cr in runs)
    return f"== union of {names}\n" + _table(header, rows) + "\n"


def format_corpus(run: CorpusRun) -> str:
    """The plain-text report of one corpus: main table, then captions and related tables if labeled."""
    scored = [r for r in run.runs if r.tool.scored]
    first = scored[0].score if scored else CorpusScore()
    # snippet P/R/F1 only mean something where must_include is labeled, junk leakage where must_exclude is
    has_include = any(p.gold.must_include for p in run.pages)
    has_exclude = any(p.gold.must_exclude for p in run.pages)
    header = ["tool", "pages", "fail", "P", "R", "F1", "bag F1", "title"]
    header += ["snip P", "snip R", "snip F1"] if has_include else []
    header += ["junk"] if has_exclude else []
    header += ["ms/page", "x lxml"]
    rows = []
    for r in run.runs:
        ratio = _num(run.ratio(r), 2)
        if not r.tool.scored:
            blanks = len(header) - 5
            rows.append(
                [r.tool.name, str(len(r.ms)), str(len(r.errors))] + [""] * blanks + [_ms(r.median_ms), ratio]
            )
            continue
        s = r.score
        row = [r.tool.name, str(s.pages), str(s.failures), _num(s.shingle_precision), _num(s.shingle_recall)]
        row += [_num(s.shingle_f1), _num(s.word_bag_f1), _num(s.title_accuracy)]
        sn = s.snippets or SnippetCounts()
        row += [_num(sn.precision), _num(sn.recall), _num(sn.f1)] if has_include else []
        row += [_num(sn.junk_leakage)] if has_exclude else []
        rows.append(row + [_ms(r.median_ms), ratio])
    titled = f", {first.title_pages} with title" if first.title_pages else ""
    parts = [
        f"== {run.name} ({len(run.pages)} pages{titled}; P/R/F1 = 4-token shingles)",
        _table(header, rows),
    ]
    if first.captions is not None:
        cap_rows = []
        for r in scored:
            c = r.score.captions
            assert c is not None
            cap_rows.append(
                [r.tool.name, _num(c.precision), _num(c.recall), _num(c.f1)]
                + [_num(c.credit_accuracy), _num(c.leakage), _num(c.own_leakage)]
            )
        parts.append(
            f"-- captions ({first.caption_pages} pages labeled; leak*: leak without the captions"
            " the gold body holds too)"
        )
        parts.append(_table(["tool", "P", "R", "F1", "credit", "leak", "leak*"], cap_rows))
    if first.related is not None:
        rel_rows = []
        for r in scored:
            c2 = r.score.related
            assert c2 is not None
            rel_rows.append(
                [r.tool.name, _num(c2.precision), _num(c2.recall), _num(c2.f1)]
                + [_num(c2.source_accuracy), _num(c2.age_accuracy)]
            )
        parts.append(f"-- related cards ({first.related_pages} pages labeled)")
        parts.append(_table(["tool", "P", "R", "F1", "source", "age"], rel_rows))
    return "\n".join(parts)


def _paragraphs(text: str) -> list[str]:
    return [p for p in (collapse_ws(line) for line in text.splitlines()) if p]


def _uncovered(paragraphs: list[str], other: str, limit: int = 3) -> list[str]:
    """Up to ``limit`` distinct paragraphs less than half of whose shingles occur in ``other``.

    Paragraphs of fewer than 4 tokens are compared with the n-grams of their own length.
    """
    other_tokens = tokens(other)
    pools: dict[int, set[tuple[str, ...]]] = {}
    out: list[str] = []
    for par in paragraphs:
        own = tokens(par)
        n = min(SHINGLE_SIZE, len(own))
        if n == 0:
            continue
        if n not in pools:
            pools[n] = {tuple(other_tokens[i : i + n]) for i in range(len(other_tokens) - n + 1)}
        grams = [tuple(own[i : i + n]) for i in range(len(own) - n + 1)]
        line = _one_line(par)
        if sum(g in pools[n] for g in grams) < len(grams) / 2 and line not in out:
            out.append(line)
            if len(out) >= limit:
                break
    return out


def format_worst(run: CorpusRun, n: int) -> str:
    """The ``n`` pages with the lowest shingle F1 of the first scored tool, with a short diff each."""
    scored = [r for r in run.runs if r.tool.scored]
    if not scored or n <= 0:
        return ""
    r = scored[0]
    order = sorted(range(len(r.scores)), key=lambda i: (r.scores[i].shingles.f1, r.scores[i].id))[:n]
    lines = [f"-- worst {len(order)} pages by {r.tool.name} shingle F1"]
    for i in order:
        s, page, pred = r.scores[i], run.pages[i], r.predictions[i]
        sh = s.shingles
        note = "  FAILED: " + _one_line(r.errors.get(page.id, ""), 80) if s.failed else ""
        lines.append(f"{s.id}  P {_num(sh.precision)}  R {_num(sh.recall)}  F1 {_num(sh.f1)}{note}")
        gold_text = page.gold.text if page.gold.has_article else ""
        for par in _uncovered(_paragraphs(gold_text), pred.text):
            lines.append(f"    - {par}")
        for par in _uncovered(_paragraphs(pred.text), gold_text):
            lines.append(f"    + {par}")
    return "\n".join(lines)


def corpus_json(run: CorpusRun) -> dict[str, Any]:
    """All numbers of one corpus run, per tool: summary and per page."""
    tools: dict[str, Any] = {}
    for r in run.runs:
        entry: dict[str, Any] = {
            "median_ms": r.median_ms,
            "ratio_to_lxml": run.ratio(r),
            "failures": len(r.errors),
            "errors": r.errors,
        }
        if r.tool.scored:
            entry["summary"] = r.score.summary()
            entry["pages"] = [
                dict(s.to_dict(), id=p.id, ms=t) for p, s, t in zip(run.pages, r.scores, r.ms, strict=True)
            ]
        else:
            entry["pages"] = [{"id": p.id, "ms": t} for p, t in zip(run.pages, r.ms, strict=True)]
        tools[r.tool.name] = entry
    return {"path": str(run.path), "pages": len(run.pages), "tools": tools}


def run(
    corpora: Sequence[str | Path],
    tools: Sequence[Tool],
    *,
    limit: int | None = None,
    ids: Sequence[str] | None = None,
    worst: int = 0,
    json_path: str | Path | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Benchmark ``tools`` on each corpus folder, print the reports, optionally write JSON; exit status.

    The first scored tool is the one under test: its page failures make the status 1.
    """
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    status = 0
    results: dict[str, Any] = {}
    done: list[CorpusRun] = []
    for corpus in corpora:
        path = Path(corpus)
        if not path.exists():
            print(f"skipping {corpus}: not found", file=err)
            continue
        try:
            pages = load_corpus(path, limit=limit, ids=ids)
        except (BenchError, OSError) as exc:
            print(f"error: {exc}", file=err)
            status = 1
            continue
        name = path.resolve().name
        cr = run_corpus(name, path, pages, tools, err)
        done.append(cr)
        print(format_corpus(cr), file=out)
        if worst:
            print(format_worst(cr, worst), file=out)
        print(file=out)
        scored = [r for r in cr.runs if r.tool.scored]
        if scored and scored[0].errors:
            status = 1
        results[name if name not in results else str(path)] = corpus_json(cr)
    union = format_union(done)
    if union:
        print(union, file=out)
    if json_path is not None:
        doc = {"tools": [t.name for t in tools], "limit": limit, "ids": ids, "corpora": results}
        Path(json_path).write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return status


# ---------------------------------------------------------------------------------------------
# Scaling

_BODY_START = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
_BODY_END = re.compile(rb"</body\s*>|</html\s*>", re.IGNORECASE)
#: default replication factors: 1x, 2x, 4x … 64x
SCALING_MAX_FACTOR = 64


@dataclass(frozen=True)
class ScalingRow:
    """One size of the scaling run."""

    copies: int
    size_bytes: int
    ms: float
    peak_bytes: int

    @property
    def mb(self) -> float:
        """Page size in MB (10^6 bytes)."""
        return self.size_bytes / 1e6

    @property
    def peak_mb(self) -> float:
        """Peak traced memory in MB (10^6 bytes)."""
        return self.peak_bytes / 1e6

    @property
    def ms_per_mb(self) -> float:
        """Milliseconds per MB of page."""
        return self.ms / self.mb if self.size_bytes else 0.0


def split_body(data: bytes) -> tuple[bytes, bytes, bytes]:
    """``(before, content, after)`` of the page's ``<body>``: the content is what lies between the
    first ``<body …>`` and the last ``</body>`` (or ``</html>``, or the end). A page without a
    ``<body>`` tag is all content."""
    start = _BODY_START.search(data)
    if start is None:
        return b"", data, b""
    ends = list(_BODY_END.finditer(data, start.end()))
    end = ends[0].start() if ends else len(data)
    for m in ends:  # the last </body>, else the first </html>
        if m.group(0).lower().startswith(b"</body"):
            end = m.start()
    return data[: start.end()], data[start.end() : end], data[end:]


def replicate_body(data: bytes, copies: int) -> bytes:
    """The page with its ``<body>`` content repeated ``copies`` times."""
    before, content, after = split_body(data)
    return before + content * copies + after


def scaling_factors(page_bytes: int, body_bytes: int, max_mb: float | None) -> list[int]:
    """1, 2, 4 … up to 64, or, with ``max_mb``, while the replicated page stays within
    ``max_mb`` MB (always at least 1)."""
    factors = [1]
    while True:
        nxt = factors[-1] * 2
        if max_mb is None:
            if nxt > SCALING_MAX_FACTOR:
                break
        elif page_bytes + (nxt - 1) * body_bytes > max_mb * 1e6 or body_bytes == 0:
            break
        factors.append(nxt)
    return factors


def measure_scaling(
    extract: Extractor, data: bytes, factors: Sequence[int], *, repeat: int = 3, url: str | None = None
) -> list[ScalingRow]:
    """Segment the page replicated by each factor: the best of ``repeat`` timed runs, then one
    run under tracemalloc for the peak memory."""
    rows: list[ScalingRow] = []
    for copies in factors:
        page = replicate_body(data, copies)
        best = math.inf
        for _ in range(max(1, repeat)):
            start = time.process_time()
            extract(page, url)
            best = min(best, (time.process_time() - start) * 1000)
        was_tracing = tracemalloc.is_tracing()
        if not was_tracing:
            tracemalloc.start()
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        try:
            extract(page, url)
            peak = tracemalloc.get_traced_memory()[1] - base
        finally:
            if not was_tracing:
                tracemalloc.stop()
        rows.append(ScalingRow(copies, len(page), best, max(0, peak)))
    return rows


def fit_exponent(sizes: Sequence[float], values: Sequence[float]) -> float | None:
    """The least-squares slope of log(value) against log(size), or None with fewer than two
    usable points (positive size and value) or a single size."""
    pts = [(math.log(x), math.log(y)) for x, y in zip(sizes, values, strict=True) if x > 0 and y > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    if sxx == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in pts) / sxx


def format_scaling(name: str, rows: Sequence[ScalingRow], body_bytes: int, repeat: int) -> str:
    """The scaling table and the fitted exponents."""
    header = ["copies", "MB", "ms", "peak MB", "ms/MB"]
    table = [
        [f"{r.copies}x", f"{r.mb:.3f}", _ms(r.ms), f"{r.peak_mb:.2f}", f"{r.ms_per_mb:.1f}"] for r in rows
    ]
    sizes = [float(r.size_bytes) for r in rows]
    t_exp = fit_exponent(sizes, [r.ms for r in rows])
    m_exp = fit_exponent(sizes, [float(r.peak_bytes) for r in rows])
    return "\n".join(
        [
            f"== scaling: {name} (body {body_bytes / 1e3:.1f} KB replicated; best of {repeat} runs; "
            "peak = Python heap, tracemalloc)",
            _table(header, table),
            f"time exponent: {_num(t_exp, 2)} (ms ~ size^b, least squares on log-log)",
            f"memory exponent: {_num(m_exp, 2)} (peak MB ~ size^b)",
        ]
    )


def _read_page(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.endswith(".gz") else data


def run_scaling(
    extract: Extractor,
    *,
    page_path: str | Path | None = None,
    corpora: Sequence[str | Path] = (),
    max_mb: float | None = None,
    repeat: int = 3,
    json_path: str | Path | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """The scaling run of ``--scaling``; exit status (0 ok, 1 no page or the extractor failed)."""
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    url: str | None = None
    try:
        if page_path is not None:
            name, data = Path(page_path).name, _read_page(Path(page_path))
        else:
            if not corpora:
                raise BenchError("--scaling needs --scaling-page PATH or a corpus")
            pages = load_corpus(Path(corpora[0]), limit=1)
            if not pages:
                raise BenchError(f"{corpora[0]}: no pages")
            name, data, url = f"{Path(corpora[0]).name}/{pages[0].id}", pages[0].data, pages[0].url
    except (BenchError, OSError) as exc:
        print(f"error: {exc}", file=err)
        return 1
    body = len(split_body(data)[1])
    factors = scaling_factors(len(data), body, max_mb)
    try:
        rows = measure_scaling(extract, data, factors, repeat=repeat, url=url)
    except Exception as exc:
        print(f"error: the segmenter failed on {name}: {type(exc).__name__}: {exc}", file=err)
        return 1
    print(format_scaling(name, rows, body, repeat), file=out)
    if json_path is not None:
        sizes = [float(r.size_bytes) for r in rows]
        doc = {
            "scaling": {
                "page": name,
                "body_bytes": body,
                "repeat": repeat,
                "rows": [
                    {"copies": r.copies, "bytes": r.size_bytes, "ms": r.ms, "peak_bytes": r.peak_bytes}
                    for r in rows
                ],
                "time_exponent": fit_exponent(sizes, [r.ms for r in rows]),
                "memory_exponent": fit_exponent(sizes, [float(r.peak_bytes) for r in rows]),
            }
        }
        Path(json_path).write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m segmenter.bench",
        description="Benchmark segmenter (and trafilatura) on gold-labeled corpora.",
        epilog="Exit status: 0 ok; 1 a corpus could not be read or segmenter failed on a page; 2 usage.",
    )
    p.add_argument("corpora", nargs="*", metavar="CORPUS", help="corpus folders (gold/ + pages/)")
    p.add_argument("--limit", type=int, metavar="N", help="only the first N pages of each corpus (by id)")
    p.add_argument("--ids", metavar="A,B,C", help="only these page ids")
    p.add_argument("--worst", type=int, default=0, metavar="N", help="list the N pages with lowest F1")
    p.add_argument("--json", metavar="PATH", help="write all per-page and per-corpus numbers here")
    p.add_argument("--no-peers", action="store_true", help="skip trafilatura")
    p.add_argument(
        "--as-text",
        action="store_true",
        help="segment a text rendering (segmenter.render_text + segmenter.segment_text)",
    )
    g = p.add_argument_group("scaling", "time and memory against page size, instead of the corpus tables")
    g.add_argument(
        "--scaling",
        action="store_true",
        help="replicate one page's <body> content 1x, 2x, 4x … 64x and print time and memory per size",
    )
    g.add_argument("--scaling-page", metavar="PATH", help="the page (default: first page of the first corpus)")
    g.add_argument(
        "--scaling-max-mb", type=float, metavar="MB", help="replicate up to this size instead of up to 64x"
    )
    g.add_argument("--scaling-repeat", type=int, default=3, metavar="N", help="timed runs per size (best counts)")
    return p


def main(argv: list[str] | None = None, *, extractor: Extractor | None = None) -> int:
    """Command line entry point. ``extractor`` replaces segmenter (tests, experiments)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.corpora and not (args.scaling and args.scaling_page):
        parser.error("give at least one CORPUS (or --scaling with --scaling-page)")
    if args.scaling and (args.scaling_repeat < 1 or (args.scaling_max_mb is not None and args.scaling_max_mb <= 0)):
        print("error: --scaling-repeat must be >= 1 and --scaling-max-mb > 0", file=sys.stderr)
        return 2
    if args.limit is not None and args.limit < 0:
        print("error: --limit must be >= 0", file=sys.stderr)
        return 2
    ids = [i.strip() for i in args.ids.split(",") if i.strip()] if args.ids else None
    if extractor is not None:
        tools = [Tool("segmenter", extractor, extractor)]
    else:
        try:
            tools = [segmenter_tool(as_text=args.as_text)]
        except BenchError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    if args.scaling:
        return run_scaling(
            tools[0].extract,
            page_path=args.scaling_page,
            corpora=args.corpora,
            max_mb=args.scaling_max_mb,
            repeat=args.scaling_repeat,
            json_path=args.json,
        )
    if not args.no_peers:
        peer = trafilatura_tool()
        if peer is None:
            print(
                "note: trafilatura is not installed (pip install 'segmenter[bench]'); no trafilatura row",
                file=sys.stderr,
            )
        else:
            tools.append(peer)
    tools.append(lxml_tool())
    return run(args.corpora, tools, limit=args.limit, ids=ids, worst=args.worst, json_path=args.json)


if __name__ == "__main__":
    raise SystemExit(main())
