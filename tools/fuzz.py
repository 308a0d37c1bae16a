#!/usr/bin/env python3
"""Long fuzz run of ``segmenter.segment`` on hostile HTML (see docs/fuzzing.md).

Draws pages from the Hypothesis strategies in tests/hostile_strategies.py (str pages, bytes pages,
arbitrary text and bytes) under the ``fuzz-long`` profile, in seeded batches, until the time is
up; checks each with the same error-policy checks as tests/test_hostile.py; prints how many inputs
were tried and how many failed, and writes the smallest failing input of each kind of failure to
``--out``.

    PYTHONPATH=src python tools/fuzz.py --minutes 30 --seed 1
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import random
import re
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
try:
    import segmenter  # noqa: F401
except ImportError:  # run from a checkout without PYTHONPATH=src
    sys.path.insert(0, str(ROOT / "src"))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import hostile_strategies as H  # noqa: E402

#: examples per Hypothesis run; the clock is checked between examples and between runs
BATCH = 100


def inputs() -> st.SearchStrategy[H.Hostile]:
    """Everything the fuzzer draws from: mixed hostile pages as str and bytes, each category on
    its own, and arbitrary text and bytes (no visible words to check there)."""
    categories = [
        H.deep_nesting(3000), H.misnested(), H.huge_attributes(), H.many_siblings(), H.control_chars(),
        H.comment_soup(), H.entity_soup(), H.table_soup(), H.br_runs(), H.closed_rawtext(), H.xmp_block(),
    ]
    return st.one_of(
        H.hostile_pages(),
        H.as_bytes(),
        st.sampled_from(categories).flatmap(lambda frag: H.hostile_pages(parts=frag)),
        st.text(alphabet=st.characters(exclude_categories=()), max_size=2000).map(lambda t: H.Hostile(t, (), "text")),
        st.binary(max_size=2000).map(lambda b: H.Hostile(b, (), "bytes")),
    )


@dataclass
class Failure:
    """The smallest input seen for one kind of failure, and how often the kind occurred."""

    signature: str
    case: H.Hostile
    detail: str
    count: int = 1


@dataclass
class Stats:
    tried: int = 0
    failed: int = 0
    known_bug: int = 0
    failures: dict[str, Failure] = field(default_factory=dict)


_MASK = re.compile(r"\[[^\]]*\]|qz[a-z]+|\d+")


def signature(exc: BaseException) -> str:
    """What kind of failure this is: the exception type and its first line, with words and
    numbers masked so that one bug gives one signature."""
    first = (str(exc).splitlines() or [""])[0]
    return f"{type(exc).__name__}: {_MASK.sub('…', first)[:100]}"


def record(stats: Stats, case: H.Hostile, exc: BaseException) -> None:
    stats.failed += 1
    sig = signature(exc)
    detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    old = stats.failures.get(sig)
    if old is None:
        stats.failures[sig] = Failure(sig, case, detail)
        print(f"  new failure: {sig}  [{case.category[:80]}]", flush=True)
    else:
        old.count += 1
        if len(case.page) < len(old.case.page):
            old.case, old.detail = case, detail


def run(minutes: float, base_seed: int, time_limit: float) -> Stats:
    """Fuzz until ``minutes`` have passed."""
    H.register_profiles()
    # bs4 logs every undecodable page at WARNING; Python would print each one to stderr
    logging.getLogger("bs4").setLevel(logging.ERROR)
    stats = Stats()
    deadline = time.monotonic() + minutes * 60
    strategy = inputs()
    batch = 0
    while time.monotonic() < deadline:

        @settings(
            settings.get_profile(H.LONG_PROFILE),
            max_examples=BATCH,
            database=None,
            phases=[Phase.generate],
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
        @seed(base_seed * 1_000_003 + batch)
        @given(case=strategy)
        def one(case: H.Hostile) -> None:
            if time.monotonic() >= deadline:
                return
            stats.tried += 1
            if H.known_bug(case):
                stats.known_bug += 1
            try:
                H.check_hostile(case, limit=time_limit)
            except Exception as exc:  # every failure is recorded; none stops the run
                record(stats, case, exc)

        one()
        batch += 1
    return stats


def write_failures(stats: Stats, out: Path) -> None:
    """One input file (``.html``: str pages UTF-8 with surrogates passed through; ``.bin``: bytes
    pages) and one ``.txt`` with the traceback per kind of failure."""
    out.mkdir(parents=True, exist_ok=True)
    for f in stats.failures.values():
        page = f.case.page
        data = page if isinstance(page, bytes) else page.encode("utf-8", "surrogatepass")
        name = hashlib.sha1(f.signature.encode()).hexdigest()[:12]
        (out / (name + (".bin" if isinstance(page, bytes) else ".html"))).write_bytes(data)
        (out / (name + ".txt")).write_text(
            f"{f.signature}\noccurrences: {f.count}\ncategory: {f.case.category}\n"
            f"visible words: {' '.join(f.case.visible)}\n\n{f.detail}",
            encoding="utf-8",
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to fuzz (default 10)")
    parser.add_argument("--seed", type=int, default=None, help="base seed (default: random, printed)")
    parser.add_argument("--out", type=Path, default=Path("fuzz-failures"),
                        help="where failing inputs are written (default ./fuzz-failures)")
    parser.add_argument("--time-limit", type=float, default=H.TIME_LIMIT_S,
                        help=f"seconds one segment() call may take (default {H.TIME_LIMIT_S:.0f})")
    args = parser.parse_args(argv)
    base_seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    print(f"fuzzing segmenter.segment for {args.minutes:g} min, seed {base_seed}", flush=True)
    start = time.monotonic()
    stats = run(args.minutes, base_seed, args.time_limit)
    elapsed = time.monotonic() - start
    print(
        f"tried {stats.tried} inputs in {elapsed / 60:.1f} min (seed {base_seed}): "
        f"{stats.failed} failures, {len(stats.failures)} distinct; "
        f"{stats.known_bug} inputs ran into known bugs (text check excused)"
    )
    if stats.failures:
        write_failures(stats, args.out)
        for f in sorted(stats.failures.values(), key=lambda f: -f.count):
            print(f"  {f.count:6d} x {f.signature}")
        print(f"smallest failing input of each kind written to {args.out}/")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
