#!/usr/bin/env python3
"""Calibrate the evidence weights of the default rules (``WEIGHTS``) on gold corpora.

    PYTHONPATH=src python tools/calibrate.py --time-limit 20
    PYTHONPATH=src python tools/calibrate.py --corpora readability,aggregator --limit 40 --rounds 1

What it does (docs/calibration.md has the long version):

1. Loads each corpus with :func:`segmenter.bench.load_corpus` (default: readability, fundus-dev,
   aggregator and wcxb-dev under ``../shared/corpora`` beside the checkout) and orders its pages by
   ``sha256(seed, corpus name, page id)``: a stable order that does not depend on the machine, the
   Python process or the order of the files. ``--limit N`` keeps the first N pages of that order
   (a sample from across the corpus, not its first ids). Pages at even positions form the
   *tuning* half, the others the *held-out* half.
2. Parses every page and builds its blocks and features once (that part of the pipeline does not
   read the weights) and keeps them in memory, split over ``--workers`` processes (at most 2; the
   main process is one of them).
3. Coordinate search from the current ``WEIGHTS``: in each round, every weight in turn (in an
   order shuffled by ``--seed``) is tried at a few multiples of its current value (``--multiples``,
   default x0.5, x0.75, x1.25, x1.5, x2); the best of them is kept if it raises the objective on
   the tuning half by more than ``--epsilon``. It stops after ``--rounds`` rounds, after a round
   that changed nothing, or when ``--time-limit`` minutes of search have passed (checked before
   each trial; building the pages before and the final scoring after come on top).
   For each trial only the rules, the resolver and assembly run again, and only where the
   changed weight can matter: blocks whose rules read it under the current setting are judged
   again, a page is assembled and scored again only if a label changed (see ``_Labeller``);
   ``--no-incremental`` runs the whole labelling on every page for every trial instead.
4. Scores default and tuned weights on both halves with the benchmark's metrics
   (:func:`segmenter.metrics.score_page`, :class:`segmenter.metrics.CorpusScore`) and prints, per
   corpus, article shingle F1, caption F1, related-card F1 and the objective; then the tuned
   weights as a Python dict literal. The held-out columns show whether the tuning over-fits.

Objective: the mean over corpora of, per corpus, the weighted mean of article shingle F1
(weight 1), caption F1 (``--caption-weight``, default 0.25) and related-card F1
(``--related-weight``, default 0.25); a part counts only where the corpus half labels it (and
its F1 is defined), and the weights of the parts present are renormalised to sum to 1.

It never changes ``WEIGHTS``: paste the printed table by hand after review.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import gc
import hashlib
import json
import multiprocessing
import random
import sys
import time
import traceback
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

ROOT = Path(__file__).resolve().parents[1]
try:
    import segmenter  # noqa: F401
except ImportError:  # run from a checkout without PYTHONPATH=src
    sys.path.insert(0, str(ROOT / "src"))

from segmenter.bench import BenchError, Page, load_corpus, prediction_from_segmentation  # noqa: E402
from segmenter.metrics import CorpusScore, PageScore, score_page  # noqa: E402
from segmenter.model import Evidence  # noqa: E402
from segmenter.resolve import Resolution, resolve  # noqa: E402
from segmenter.rules import WEIGHTS, RuleSet  # noqa: E402
from segmenter.rules.base import BLOCK, CONTEXT  # noqa: E402
from segmenter.rules.builtin import WeightedRule  # noqa: E402
from segmenter.segmenter import Segmenter, _Built  # noqa: E402

#: the corpora tuned on by default (folder names under ``--root``)
DEFAULT_CORPORA = ("readability", "fundus-dev", "aggregator", "wcxb-dev")
#: where the shared corpora sit beside a checkout
DEFAULT_ROOT = ROOT.parent / "shared" / "corpora"
#: multiples of a weight's current value tried in each coordinate step
MULTIPLES = (0.5, 0.75, 1.25, 1.5, 2.0)
#: a trial must beat the current objective by more than this to be kept: about one page of a
#: small corpus half moving a little, so that noise-level gains do not pile up
EPSILON = 0.0005
CAPTION_WEIGHT = 0.25
RELATED_WEIGHT = 0.25
#: the machine is shared: never more processes than this
MAX_WORKERS = 2
#: decimals of a tried weight (keeps the printed table readable)
DIGITS = 4


# ---------------------------------------------------------------------------------------------
# Halves


def page_order_key(corpus: str, page_id: str, seed: int) -> str:
    """The stable sort key of a page: ``sha256`` of the seed, the corpus name and the page id."""
    return hashlib.sha256(f"{seed}\0{corpus}\0{page_id}".encode()).hexdigest()


def split_halves(
    corpus: str, pages: Sequence[Page], seed: int = 0, limit: int | None = None
) -> tuple[list[Page], list[Page]]:
    """``(tuning, held_out)``: the pages in hash order (the first ``limit`` of it), alternately."""
    order = sorted(pages, key=lambda p: (page_order_key(corpus, p.id, seed), p.id))
    if limit is not None:
        order = order[:limit]
    return order[0::2], order[1::2]


# ---------------------------------------------------------------------------------------------
# Labelling built pages under a weight setting


class _ReadLog(Mapping[str, float]):
    """A rule's weights table that notes which names are read (into a set shared by all rules).

    A rule's evidence for a block is a deterministic function of the block, the page (for
    context rules, with its provisional labels) and the weights it reads. So if a changed weight
    was not read while judging a block under the current setting, the rules take exactly the same
    path under the new one and the block's evidence cannot change. Iterating over the table
    counts as reading every name.
    """

    def __init__(self, values: Mapping[str, float], read: set[str]) -> None:
        self._values = dict(values)
        self._read = read

    def __getitem__(self, key: str) -> float:
        self._read.add(key)
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        self._read.update(self._values)
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


class _Setting:
    """The default rules under one weight setting, with their weight reads logged in ``read``."""

    def __init__(self, weights: Mapping[str, float]) -> None:
        # Evidence is only needed for explanations; the result is the same without it.
        self.segmenter = Segmenter(rules=RuleSet.default(weights=weights), keep_evidence=False)
        self.read: set[str] = set()
        for rule in self.segmenter.rules:
            if isinstance(rule, WeightedRule):
                rule.weights = _ReadLog(rule.weights, self.read)


@dataclass(frozen=True)
class _State:
    """One page judged under one weight setting: per block the block-stage evidence, the names
    it read and its resolution; the context stage's evidence and reads; the final resolutions
    and the page's score. ``read`` is everything read on the page (None: retry in full)."""

    score: PageScore
    read: frozenset[str] | None
    block_ev: tuple[tuple[Evidence, ...], ...] = ()
    block_read: tuple[frozenset[str], ...] = ()
    first: tuple[Resolution, ...] = ()
    ctx_ev: tuple[tuple[Evidence, ...], ...] = ()
    ctx_read: frozenset[str] = frozenset()
    final: tuple[Resolution, ...] = ()
    signature: tuple[Any, ...] = ()


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    # As in segment(): labelling makes many small objects without cycles, and the cached
    # judgements are many more; the cyclic collector would scan them all again and again.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _key(weights: Mapping[str, float]) -> tuple[tuple[str, float], ...]:
    return tuple(sorted((k, float(v)) for k, v in weights.items()))


class _Labeller:
    """The built pages of one process, labelled on request under any weight setting.

    It keeps each page's :class:`_State` under the *committed* setting. A trial setting is
    worked out from it: only blocks whose block rules read a changed weight are judged again;
    the context stage runs again only if a provisional label changed or it read a changed weight;
    the page is assembled and scored again only if a block's label or kind changed. This is the
    pipeline of ``Segmenter._label`` taken apart; ``fresh`` runs the real one, and
    :func:`calibrate` checks that both agree.
    """

    def __init__(self, items: Sequence[tuple[int, Page]]) -> None:
        builder = Segmenter()
        self._pages: dict[int, tuple[Page, _Built | None]] = {}
        for index, page in items:
            built: _Built | None
            try:
                # As the benchmark does: HTML sniffed as usual, a text dump read as UTF-8 text.
                data: str | bytes = page.data.decode("utf-8") if page.is_text else page.data
                built = builder._build(data, url=page.url, mode="text" if page.is_text else "auto")
            except Exception:
                built = None  # scored as a failed page (empty prediction), as in the benchmark
            self._pages[index] = (page, built)
        self._committed: dict[str, float] | None = None
        self._states: dict[int, _State] = {}
        #: trial states not yet committed: setting -> (pages covered, states that changed)
        self._trials: dict[tuple[tuple[str, float], ...], tuple[frozenset[int], dict[int, _State]]] = {}

    def fresh(self, weights: Mapping[str, float], indices: Sequence[int]) -> dict[int, PageScore]:
        """Scores through the real pipeline (``Segmenter._label_built``), nothing reused."""
        seg = Segmenter(rules=RuleSet.default(weights=weights), keep_evidence=False)
        out: dict[int, PageScore] = {}
        with _gc_paused():
            for index in indices:
                out[index] = self._fresh_one(seg, index)
        return out

    def _fresh_one(self, seg: Segmenter, index: int) -> PageScore:
        page, built = self._pages[index]
        pred = None
        if built is not None:
            try:
                pred = prediction_from_segmentation(seg._label_built(built))
            except Exception:
                pred = None
        return score_page(page.gold, pred)

    def label(self, weights: Mapping[str, float], indices: Sequence[int]) -> dict[int, PageScore]:
        """Scores under ``weights``, worked out from the committed states (see the class doc)."""
        setting = _Setting(weights)
        committed = self._committed
        changed = (
            None if committed is None else frozenset(k for k, v in weights.items() if committed.get(k) != v)
        )
        out: dict[int, PageScore] = {}
        new: dict[int, _State] = {}
        with _gc_paused():
            for index in indices:
                old = self._states.get(index) if changed is not None else None
                state = self._step(index, setting, old, changed)
                out[index] = state.score
                if state is not old:
                    new[index] = state
        self._trials[_key(weights)] = (frozenset(indices), new)
        return out

    def commit(self, weights: Mapping[str, float]) -> None:
        """Make ``weights`` (the committed setting, or one :meth:`label` has tried since) the
        committed one, and forget the other trials."""
        if self._committed is not None and _key(weights) == _key(self._committed):
            self._trials.clear()
            return
        trial = self._trials.get(_key(weights))
        if trial is None:
            raise ValueError("commit() of a setting that was not tried since the last commit")
        covered, new = trial
        # Pages the trial did not cover would be stale: drop them (judged in full next time).
        self._states = {i: s for i, s in self._states.items() if i in covered}
        self._states.update(new)
        self._committed = dict(weights)
        self._trials.clear()

    def _step(self, index: int, setting: _Setting, old: _State | None, changed: frozenset[str] | None) -> _State:
        page, built = self._pages[index]
        if built is None:
            return old or _State(score_page(page.gold, None), frozenset())
        if old is not None and old.read is not None and changed is not None and not (old.read & changed):
            return old
        try:
            return self._judge(page, built, setting, old if old is not None and old.read is not None else None,
                               changed or frozenset())
        except Exception:
            return _State(score_page(page.gold, None), None)

    @staticmethod
    def _judge(page: Page, built: _Built, setting: _Setting, old: _State | None, changed: frozenset[str]) -> _State:
        # Mirrors Segmenter._label step by step (without its time budget, which is off here).
        seg, read = setting.segmenter, setting.read
        fp = built.page
        rules = seg._rules_for(built)
        block_rules = [r for r in rules if r.stage == BLOCK]
        context_rules = [r for r in rules if r.stage == CONTEXT]
        n = len(fp.blocks)
        if old is None:
            block_ev: list[tuple[Evidence, ...]] = [()] * n
            block_read: list[frozenset[str]] = [frozenset()] * n
            first: list[Resolution | None] = [None] * n
            todo = list(range(n))
        else:
            block_ev, block_read, first = list(old.block_ev), list(old.block_read), list(old.first)
            todo = [i for i in range(n) if block_read[i] & changed]
        for i in todo:
            f = fp.blocks[i]
            read.clear()
            ev = tuple(e for rule in block_rules for e in rule.evaluate(f, fp))
            block_ev[i], block_read[i], first[i] = ev, frozenset(read), resolve(ev)
        firsts = tuple(r for r in first if r is not None)
        provisional = tuple(r.label for r in firsts)
        ctx_ev: tuple[tuple[Evidence, ...], ...] = ()
        ctx_read: frozenset[str] = frozenset()
        if context_rules:
            if old is not None and old.ctx_ev and not (old.ctx_read & changed) and provisional == tuple(
                r.label for r in old.first
            ):
                ctx_ev, ctx_read = old.ctx_ev, old.ctx_read
            else:
                ctx_page = dataclasses.replace(fp, provisional=provisional)
                read.clear()
                ctx_ev = tuple(tuple(e for rule in context_rules for e in rule.evaluate(f, ctx_page)) for f in fp.blocks)
                ctx_read = frozenset(read)
        if any(ctx_ev):
            redo = set(todo)
            reuse = old is not None and any(old.ctx_ev) and len(old.final) == n
            final = tuple(
                old.final[i]  # type: ignore[union-attr]
                if reuse and i not in redo and ctx_ev[i] == old.ctx_ev[i]  # type: ignore[union-attr]
                else resolve(block_ev[i] + ctx_ev[i])
                for i in range(n)
            )
        else:
            final = firsts
        signature = tuple((r.label, r.kind, c.label) for r, c in zip(final, firsts, strict=True))
        if old is not None and signature == old.signature:
            score = old.score
        else:
            result = seg._finish(fp, (), firsts, final, list(built.warnings))
            score = score_page(page.gold, prediction_from_segmentation(result))
        everything = ctx_read.union(*block_read)
        return _State(score, everything, tuple(block_ev), tuple(block_read), firsts, ctx_ev, ctx_read, final, signature)


def _serve(conn: Any, items: Sequence[tuple[int, Page]]) -> None:
    """A worker process: build its pages, then answer requests until told to stop."""
    try:
        labeller = _Labeller(items)
        conn.send(("ok", None))
        while True:
            msg = conn.recv()
            if msg is None:
                break
            method, weights, indices = msg
            if method == "commit":
                labeller.commit(weights)
                conn.send(("ok", None))
            else:
                conn.send(("ok", getattr(labeller, method)(weights, indices)))
    except Exception:
        conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()


class _Pool:
    """Pages spread over at most :data:`MAX_WORKERS` processes, the calling one included.

    Each process builds its share once and keeps it; a request sends only the weights and the
    page numbers, and gets back small score records.
    """

    def __init__(self, pages: Sequence[Page], workers: int) -> None:
        workers = max(1, min(workers, MAX_WORKERS, len(pages) or 1))
        # Balance by page size (a fair proxy of the labelling time), largest first.
        shards: list[list[tuple[int, Page]]] = [[] for _ in range(workers)]
        loads = [0] * workers
        for index in sorted(range(len(pages)), key=lambda i: (-len(pages[i].data), i)):
            k = loads.index(min(loads))
            shards[k].append((index, pages[index]))
            loads[k] += len(pages[index].data)
        self._owner = {index: k for k, shard in enumerate(shards) for index, _ in shard}
        self._conns: list[Any] = []
        self._procs: list[Any] = []
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
        try:
            for shard in shards[1:]:
                parent, child = ctx.Pipe()
                proc = ctx.Process(target=_serve, args=(child, shard), daemon=True)
                proc.start()
                child.close()
                self._conns.append(parent)
                self._procs.append(proc)
            self._local = _Labeller(shards[0])  # built while the workers build theirs
            for conn in self._conns:
                self._receive(conn)
        except BaseException:
            self.close()
            raise

    @staticmethod
    def _receive(conn: Any) -> Any:
        status, payload = conn.recv()
        if status == "error":
            raise RuntimeError(f"calibration worker failed:\n{payload}")
        return payload

    def _call(self, method: str, weights: Mapping[str, float], indices: Sequence[int]) -> dict[int, PageScore]:
        parts: list[list[int]] = [[] for _ in range(len(self._conns) + 1)]
        for index in indices:
            parts[self._owner[index]].append(index)
        for conn, part in zip(self._conns, parts[1:], strict=True):
            conn.send((method, dict(weights), part))
        out: dict[int, PageScore] = getattr(self._local, method)(weights, parts[0])
        for conn in self._conns:
            out.update(self._receive(conn))
        return out

    def label(self, weights: Mapping[str, float], indices: Sequence[int]) -> dict[int, PageScore]:
        """Scores of ``indices`` under ``weights``, worked out from the committed setting."""
        return self._call("label", weights, indices)

    def fresh(self, weights: Mapping[str, float], indices: Sequence[int]) -> dict[int, PageScore]:
        """Scores of ``indices`` under ``weights`` through the real pipeline."""
        return self._call("fresh", weights, indices)

    def commit(self, weights: Mapping[str, float]) -> None:
        """Make a setting just tried with :meth:`label` the committed one, in every process."""
        for conn in self._conns:
            conn.send(("commit", dict(weights), ()))
        self._local.commit(weights)
        for conn in self._conns:
            self._receive(conn)

    def close(self) -> None:
        """Stop the worker processes (they are daemons, so an interrupted run leaves none)."""
        for conn in self._conns:
            try:
                conn.send(None)
                conn.close()
            except OSError:
                pass
        for proc in self._procs:
            proc.join(timeout=10)
            if proc.is_alive():
                proc.terminate()
        self._conns, self._procs = [], []

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ---------------------------------------------------------------------------------------------
# Objective


@dataclass(frozen=True)
class Objective:
    """How corpus scores become the one number the search maximises (see the module docstring)."""

    caption_weight: float = CAPTION_WEIGHT
    related_weight: float = RELATED_WEIGHT

    def corpus_value(self, score: CorpusScore) -> float:
        """Weighted mean of article, caption and related-card F1 over the parts the corpus labels."""
        parts = [(1.0, score.shingle_f1 or 0.0)]
        caption_f1 = score.captions.f1 if score.captions is not None else None
        related_f1 = score.related.f1 if score.related is not None else None
        if self.caption_weight > 0 and caption_f1 is not None:
            parts.append((self.caption_weight, caption_f1))
        if self.related_weight > 0 and related_f1 is not None:
            parts.append((self.related_weight, related_f1))
        return sum(w * v for w, v in parts) / sum(w for w, _ in parts)

    def value(self, scores: Mapping[str, CorpusScore]) -> float:
        """Mean of :meth:`corpus_value` over the corpora (each corpus counts the same)."""
        values = [self.corpus_value(s) for s in scores.values() if s.pages]
        return sum(values) / len(values) if values else 0.0


# ---------------------------------------------------------------------------------------------
# Search


@dataclass(frozen=True)
class CorpusReport:
    """Default and tuned scores of one corpus on both halves."""

    name: str
    default_tune: CorpusScore
    tuned_tune: CorpusScore
    default_held: CorpusScore
    tuned_held: CorpusScore


@dataclass(frozen=True)
class Trial:
    """One weight value tried in the search."""

    round: int
    name: str
    value: float
    objective: float
    kept: bool


@dataclass(frozen=True)
class Calibration:
    """The outcome of :func:`calibrate`."""

    default_weights: Mapping[str, float]
    tuned_weights: Mapping[str, float]
    reports: tuple[CorpusReport, ...]
    objective: Objective
    trials: tuple[Trial, ...]
    rounds: int
    stopped: str
    seconds: float
    #: where the search started (``WEIGHTS`` unless ``start`` was given)
    start_weights: Mapping[str, float]
    #: the tuning-half objective of the start as the search saw it (incrementally) and as the
    #: full pipeline gives it; :attr:`consistent` compares them, and the tuned ones
    search_start_objective: float
    fresh_start_objective: float
    #: the tuning-half objective of the tuned weights as the search saw it
    search_objective: float

    @property
    def changed(self) -> dict[str, float]:
        """Only the weights that differ from the defaults (for ``RuleSet.default(weights=...)``)."""
        return {k: v for k, v in self.tuned_weights.items() if v != self.default_weights[k]}

    @property
    def consistent(self) -> bool:
        """Whether the objectives the search saw are those of the full pipeline."""
        o = self.objectives()
        return (
            abs(self.search_start_objective - self.fresh_start_objective) < 1e-9
            and abs(self.search_objective - o["tuned_tune"]) < 1e-9
        )

    def objectives(self) -> dict[str, float]:
        """The objective of default and tuned weights on each half."""
        obj = self.objective
        return {
            "default_tune": obj.value({r.name: r.default_tune for r in self.reports}),
            "tuned_tune": obj.value({r.name: r.tuned_tune for r in self.reports}),
            "default_held": obj.value({r.name: r.default_held for r in self.reports}),
            "tuned_held": obj.value({r.name: r.tuned_held for r in self.reports}),
        }


def _scores(groups: Mapping[str, Sequence[int]], results: Mapping[int, PageScore]) -> dict[str, CorpusScore]:
    return {name: CorpusScore.from_pages([results[i] for i in idx]) for name, idx in groups.items()}


def calibrate(
    corpora: Mapping[str, Sequence[Page]],
    *,
    seed: int = 0,
    limit: int | None = None,
    names: Sequence[str] | None = None,
    multiples: Sequence[float] = MULTIPLES,
    rounds: int = 3,
    epsilon: float = EPSILON,
    time_limit: float | None = None,
    objective: Objective | None = None,
    workers: int = MAX_WORKERS,
    incremental: bool = True,
    start: Mapping[str, float] | None = None,
    log: TextIO | None = None,
) -> Calibration:
    """Coordinate search over the default rules' weights on the tuning halves of ``corpora``.

    :param corpora: corpus name -> its pages (as :func:`segmenter.bench.load_corpus` gives them).
    :param names: the weights to search (default: all of ``WEIGHTS``, in table order).
    :param time_limit: seconds for the search (building the pages before it and the final
        scoring after it come on top).
    :param incremental: work each trial out from the current setting's cached judgements (see
        :class:`_Labeller`); False runs the whole pipeline on every page for every trial.
    :param start: weights to start the search from, over ``WEIGHTS`` (the "default" columns of
        the report stay those of ``WEIGHTS``).
    """
    start_time = time.perf_counter()
    objective = objective or Objective()
    default = {k: float(v) for k, v in WEIGHTS.items()}
    names = list(names) if names is not None else list(default)
    unknown = [n for n in [*names, *(start or {})] if n not in default]
    if unknown:
        raise ValueError(f"unknown weight name(s): {', '.join(unknown)}")
    rng = random.Random(seed)

    pages: list[Page] = []
    tune: dict[str, list[int]] = {}
    held: dict[str, list[int]] = {}
    for name, corpus_pages in corpora.items():
        t, h = split_halves(name, corpus_pages, seed, limit)
        tune[name] = list(range(len(pages), len(pages) + len(t)))
        pages.extend(t)
        held[name] = list(range(len(pages), len(pages) + len(h)))
        pages.extend(h)
    tune_idx = [i for idx in tune.values() for i in idx]
    held_idx = [i for idx in held.values() for i in idx]

    def say(text: str) -> None:
        if log is not None:
            print(f"[{time.perf_counter() - start_time:7.1f}s] {text}", file=log, flush=True)

    say(f"building {len(pages)} pages ({len(tune_idx)} tuning, {len(held_idx)} held out)")
    with _Pool(pages, workers) as pool:
        say("built")

        def trial(weights: Mapping[str, float]) -> dict[int, PageScore]:
            return pool.label(weights, tune_idx) if incremental else pool.fresh(weights, tune_idx)

        current = dict(default, **{k: float(v) for k, v in (start or {}).items()})
        first_setting = dict(current)
        state = trial(current)
        if incremental:
            pool.commit(current)
        current_obj = default_obj = objective.value(_scores(tune, state))
        say(f"{'default' if current == default else 'start'} weights: tuning objective {current_obj:.5f}")
        # The limit is on the search alone: building and scoring take what they take on a
        # shared machine, and the search should get the same time whatever they took.
        deadline = time.perf_counter() + time_limit if time_limit is not None else None
        trials: list[Trial] = []
        stopped = f"{rounds} round(s) done"
        done_rounds = 0
        for rnd in range(1, rounds + 1):
            order = list(names)
            rng.shuffle(order)
            kept_any = False
            out_of_time = False
            for pos, name in enumerate(order, 1):
                base = current[name]
                best: tuple[float, float, dict[int, PageScore]] | None = None
                tried: list[str] = []
                for m in multiples:
                    value = round(base * m, DIGITS)
                    if value == base:
                        continue
                    if deadline is not None and time.perf_counter() > deadline:
                        out_of_time = True
                        break
                    results = trial(dict(current, **{name: value}))
                    obj = objective.value(_scores(tune, results))
                    trials.append(Trial(rnd, name, value, obj, False))
                    tried.append(f"{value:g}:{obj:.5f}")
                    if best is None or obj > best[0]:
                        best = (obj, value, results)
                if best is not None and best[0] > current_obj + epsilon:
                    obj, value, results = best
                    say(f"round {rnd} [{pos}/{len(order)}] {name}: {base:g} -> {value:g}, objective "
                        f"{current_obj:.5f} -> {obj:.5f}  (tried {' '.join(tried)})")
                    current[name] = value
                    state, current_obj, kept_any = results, obj, True
                    if incremental:
                        pool.commit(current)
                    trials = [
                        dataclasses.replace(t, kept=True) if (t.round, t.name, t.value) == (rnd, name, value) else t
                        for t in trials
                    ]
                else:
                    if incremental and best is not None:
                        pool.commit(current)  # back to the current setting (cached; nothing recomputed)
                    say(f"round {rnd} [{pos}/{len(order)}] {name}: keep {base:g} "
                        f"(objective {current_obj:.5f}; tried {' '.join(tried) or '-'})")
                if out_of_time:
                    break
            done_rounds = rnd
            if out_of_time:
                stopped = f"time limit, in round {rnd}"
                break
            if not kept_any:
                stopped = f"converged: round {rnd} changed nothing"
                break

        say("scoring default and tuned weights on both halves (full pipeline)")
        default_fresh = pool.fresh(default, tune_idx)
        default_tune = _scores(tune, default_fresh)
        start_obj = objective.value(
            _scores(tune, default_fresh if first_setting == default else pool.fresh(first_setting, tune_idx))
        )
        tuned_tune = _scores(tune, pool.fresh(current, tune_idx))
        default_held = _scores(held, pool.fresh(default, held_idx))
        tuned_held = _scores(held, pool.fresh(current, held_idx))
    reports = tuple(
        CorpusReport(name, default_tune[name], tuned_tune[name], default_held[name], tuned_held[name])
        for name in corpora
    )
    return Calibration(
        default_weights=default,
        tuned_weights=current,
        reports=reports,
        objective=objective,
        trials=tuple(trials),
        rounds=done_rounds,
        stopped=stopped,
        seconds=time.perf_counter() - start_time,
        start_weights=first_setting,
        search_start_objective=default_obj,
        fresh_start_objective=start_obj,
        search_objective=current_obj,
    )


# ---------------------------------------------------------------------------------------------
# Report


def _num(x: float | None) -> str:
    return "-" if x is None else f"{x:.4f}"


def _delta(a: float | None, b: float | None) -> str:
    return "-" if a is None or b is None else f"{b - a:+.4f}"


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return "\n".join(
        "  ".join([r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:], widths[1:], strict=True)])
        for r in [header, *rows]
    )


def format_tables(cal: Calibration) -> str:
    """Per corpus and metric: default vs tuned on the tuning half and on the held-out half."""
    metrics: list[tuple[str, Any]] = [
        ("article shingle F1", lambda s: s.shingle_f1),
        ("caption F1", lambda s: s.captions.f1 if s.captions is not None else None),
        ("related-card F1", lambda s: s.related.f1 if s.related is not None else None),
        ("objective", lambda s: cal.objective.corpus_value(s) if s.pages else None),
    ]
    header = ["corpus", "pages", "tune default", "tune tuned", "delta", "held default", "held tuned", "delta"]
    blocks: list[str] = []
    for title, get in metrics:
        rows = []
        for r in cal.reports:
            vals = [get(r.default_tune), get(r.tuned_tune), get(r.default_held), get(r.tuned_held)]
            if all(v is None for v in vals):
                continue
            rows.append([
                r.name, f"{r.default_tune.pages}/{r.default_held.pages}",
                _num(vals[0]), _num(vals[1]), _delta(vals[0], vals[1]),
                _num(vals[2]), _num(vals[3]), _delta(vals[2], vals[3]),
            ])
        if title == "objective":
            o = cal.objectives()
            rows.append([
                "mean", "", _num(o["default_tune"]), _num(o["tuned_tune"]),
                _delta(o["default_tune"], o["tuned_tune"]), _num(o["default_held"]), _num(o["tuned_held"]),
                _delta(o["default_held"], o["tuned_held"]),
            ])
        if rows:
            blocks.append(f"== {title} (pages: tuning/held-out)\n" + _table(header, rows))
    return "\n\n".join(blocks)


def format_weights(cal: Calibration) -> str:
    """The tuned table as a dict literal to paste over ``WEIGHTS`` (changed entries marked)."""
    lines = ["{"]
    for k, v in cal.tuned_weights.items():
        old = cal.default_weights[k]
        note = f"  # was {old!r}" if v != old else ""
        lines.append(f"    {json.dumps(k)}: {v!r},{note}")
    lines.append("}")
    return "\n".join(lines)


def format_report(cal: Calibration) -> str:
    """Everything :func:`main` prints."""
    o = cal.objectives()
    parts = [
        f"calibration: {len(cal.trials)} trials, {cal.rounds} round(s), stopped: {cal.stopped}, "
        f"{cal.seconds / 60:.1f} min",
        format_tables(cal),
    ]
    if not cal.consistent:
        parts.append(
            f"WARNING: the search saw tuning objectives {cal.search_start_objective:.6f} (start) and "
            f"{cal.search_objective:.6f} (tuned), the full pipeline gives {cal.fresh_start_objective:.6f} and "
            f"{o['tuned_tune']:.6f}: the incremental labelling is out of step with Segmenter._label, or a "
            "rule reads its weights outside evaluate(); rerun with --no-incremental"
        )
    parts.append("# tuned weights (paste over WEIGHTS in src/segmenter/rules/builtin.py):\n" + format_weights(cal))
    parts.append("# only the changes, for RuleSet.default(weights=...):\n" + json.dumps(cal.changed))
    return "\n\n".join(parts)


def calibration_json(cal: Calibration) -> dict[str, Any]:
    """All numbers of a calibration, JSON-ready."""
    return {
        "objectives": cal.objectives(),
        "objective": {"caption_weight": cal.objective.caption_weight, "related_weight": cal.objective.related_weight},
        "default_weights": dict(cal.default_weights),
        "start_weights": dict(cal.start_weights),
        "tuned_weights": dict(cal.tuned_weights),
        "changed": cal.changed,
        "rounds": cal.rounds,
        "stopped": cal.stopped,
        "seconds": cal.seconds,
        "consistent": cal.consistent,
        "corpora": {
            r.name: {
                "default_tune": r.default_tune.summary(),
                "tuned_tune": r.tuned_tune.summary(),
                "default_held": r.default_held.summary(),
                "tuned_held": r.tuned_held.summary(),
            }
            for r in cal.reports
        },
        "trials": [
            {"round": t.round, "name": t.name, "value": t.value, "objective": t.objective, "kept": t.kept}
            for t in cal.trials
        ],
    }


# ---------------------------------------------------------------------------------------------
# Command line


def _floats(text: str) -> list[float]:
    return [float(x) for x in text.split(",") if x.strip()]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="tools/calibrate.py",
        description="Coordinate search over the default rules' weights, with held-out halves.",
    )
    p.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="folder of the corpora (default: %(default)s)")
    p.add_argument(
        "--corpora", default=",".join(DEFAULT_CORPORA),
        help="comma-separated corpus names under --root, or corpus folders (default: %(default)s)",
    )
    p.add_argument("--limit", type=int, metavar="N", help="N pages of each corpus (a stable hash sample)")
    p.add_argument(
        "--time-limit", type=float, metavar="MIN", help="minutes for the search (building and scoring come on top)"
    )
    p.add_argument("--rounds", type=int, default=3, help="at most this many rounds (default: %(default)s)")
    p.add_argument("--seed", type=int, default=0, help="salts the halves and shuffles the order of weights")
    p.add_argument("--workers", type=int, default=MAX_WORKERS, help=f"processes, at most {MAX_WORKERS}")
    p.add_argument(
        "--multiples", type=_floats, default=list(MULTIPLES), metavar="A,B,...",
        help="multiples of the current value tried per weight (default: 0.5,0.75,1.25,1.5,2)",
    )
    p.add_argument("--epsilon", type=float, default=EPSILON, help="least objective gain kept (default: %(default)s)")
    p.add_argument("--caption-weight", type=float, default=CAPTION_WEIGHT, help="caption F1 in the objective")
    p.add_argument("--related-weight", type=float, default=RELATED_WEIGHT, help="related-card F1 in the objective")
    p.add_argument("--only", metavar="NAMES", help="search only these comma-separated weight names")
    p.add_argument(
        "--start", metavar="JSON", help='start from these weights over WEIGHTS: a JSON object or a file holding one'
    )
    p.add_argument(
        "--no-incremental", action="store_true", help="label every page in full for every trial (slow; for checking)"
    )
    p.add_argument("--json", type=Path, metavar="PATH", help="write all numbers and trials here")
    p.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    return p


def _corpus_path(root: Path, name: str) -> Path:
    path = Path(name)
    return path if path.is_dir() or "/" in name else root / name


def main(argv: list[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Command line entry point; exit status 0 ok, 1 no corpus could be read, 2 usage."""
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    args = _parser().parse_args(argv)
    if (args.limit is not None and args.limit < 1) or args.rounds < 1 or args.workers < 1:
        print("error: --limit, --rounds and --workers must be >= 1", file=err)
        return 2
    if not args.multiples or any(m <= 0 for m in args.multiples):
        print("error: --multiples must be positive numbers", file=err)
        return 2
    names = [n.strip() for n in args.only.split(",") if n.strip()] if args.only else None
    if names is not None and (bad := [n for n in names if n not in WEIGHTS]):
        print(f"error: unknown weight name(s): {', '.join(bad)}", file=err)
        return 2
    start = None
    if args.start:
        try:
            text = Path(args.start).read_text(encoding="utf-8") if Path(args.start).is_file() else args.start
            start = {str(k): float(v) for k, v in json.loads(text).items()}
        except (OSError, ValueError, AttributeError, TypeError) as exc:
            print(f"error: --start: {exc}", file=err)
            return 2
        if bad := [n for n in start if n not in WEIGHTS]:
            print(f"error: unknown weight name(s) in --start: {', '.join(bad)}", file=err)
            return 2
    corpora: dict[str, list[Page]] = {}
    for name in [c.strip() for c in args.corpora.split(",") if c.strip()]:
        path = _corpus_path(args.root, name)
        if not path.exists():
            print(f"skipping {name}: {path} not found", file=err)
            continue
        try:
            pages = load_corpus(path)
        except (BenchError, OSError) as exc:
            print(f"error: {exc}", file=err)
            return 1
        corpora[path.resolve().name] = pages
    if not corpora:
        print("error: no corpus to calibrate on", file=err)
        return 1
    cal = calibrate(
        corpora,
        seed=args.seed,
        limit=args.limit,
        names=names,
        multiples=args.multiples,
        rounds=args.rounds,
        epsilon=args.epsilon,
        time_limit=args.time_limit * 60 if args.time_limit is not None else None,
        objective=Objective(args.caption_weight, args.related_weight),
        workers=args.workers,
        incremental=not args.no_incremental,
        start=start,
        log=None if args.quiet else err,
    )
    print(format_report(cal), file=out)
    if args.json is not None:
        args.json.write_text(json.dumps(calibration_json(cal), indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
