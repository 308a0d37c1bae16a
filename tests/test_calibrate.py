"""tools/calibrate.py: the halves, the search on a few fixture pages, and the incremental
labelling against the full pipeline (all on this project's own fixture pages)."""

from __future__ import annotations

import ast
import importlib.util
import io
import sys
from pathlib import Path
from types import ModuleType

import pytest

from segmenter import RuleSet, Segmenter
from segmenter.bench import Page, load_corpus, prediction_from_segmentation
from segmenter.metrics import Gold

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
#: one plain article, one with captions, one with related cards, one plain-text dump
IDS = ["news-plain", "cap-figure-credit-span", "rel-grid-source-age", "txt-short-news"]


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("calibrate", ROOT / "tools" / "calibrate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["calibrate"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


cal = _load_tool()


@pytest.fixture(scope="module")
def pages() -> list[Page]:
    return load_corpus(FIXTURES, ids=IDS)


def _fake(page_id: str) -> Page:
    return Page(page_id, b"<p>x</p>", False, Gold(id=page_id, url=None, title=None, text=""))


def test_halves_are_stable_disjoint_and_balanced() -> None:
    fakes = [_fake(f"p{i}") for i in range(11)]
    tune, held = cal.split_halves("c", fakes, seed=0)
    assert (len(tune), len(held)) == (6, 5)
    assert {p.id for p in tune}.isdisjoint(p.id for p in held)
    assert {p.id for p in tune} | {p.id for p in held} == {p.id for p in fakes}
    again = cal.split_halves("c", list(reversed(fakes)), seed=0)  # file order does not matter
    assert [p.id for p in again[0]] == [p.id for p in tune]
    assert [p.id for p in cal.split_halves("c", fakes, seed=1)[0]] != [p.id for p in tune]
    small_tune, small_held = cal.split_halves("c", fakes, seed=0, limit=4)
    assert len(small_tune) + len(small_held) == 4
    assert {p.id for p in small_tune} <= {p.id for p in tune}  # the limit takes a prefix of the order


def test_label_built_is_segment(pages: list[Page]) -> None:
    weights = {"link.density": 1.0, "region.outside": 4.0}
    builder = Segmenter()
    tuned = Segmenter(rules=RuleSet.default(weights=weights))
    for page in pages:
        data = page.data.decode() if page.is_text else page.data
        mode = "text" if page.is_text else "auto"
        built = builder._build(data, url=page.url, mode=mode)
        for seg in (builder, tuned):
            whole = seg.segment_text(data, url=page.url) if page.is_text else seg.segment(data, url=page.url)
            split = seg._label_built(built)
            assert prediction_from_segmentation(split) == prediction_from_segmentation(whole)
            assert [b.label for b in split.blocks] == [b.label for b in whole.blocks]


def test_search_on_fixture_pages_reports_both_halves(pages: list[Page]) -> None:
    log = io.StringIO()
    result = cal.calibrate(
        {"fixtures": pages},
        names=["link.density", "region.outside", "caption.figcaption"],
        multiples=(0.5, 2.0),
        rounds=1,
        workers=1,
        log=log,
    )
    assert [(r.default_tune.pages, r.default_held.pages) for r in result.reports] == [(2, 2)]
    assert len(result.trials) == 6 and result.rounds == 1
    assert result.consistent
    o = result.objectives()
    assert o["tuned_tune"] >= o["default_tune"]  # the search never keeps a worse setting
    assert set(result.tuned_weights) == set(result.default_weights)
    report = cal.format_report(result)
    assert "held default" in report and "article shingle F1" in report
    literal = report.split("paste over WEIGHTS in src/segmenter/rules/builtin.py):\n", 1)[1].split("\n}\n", 1)[0]
    assert ast.literal_eval(literal + "\n}") == result.tuned_weights
    assert "default weights: tuning objective" in log.getvalue()


def test_incremental_trials_equal_full_labelling() -> None:
    # Start from a poor setting so that the search keeps changes and later trials are worked out
    # from a committed one; two processes for the incremental run exercise the workers too.
    kwargs = dict(
        names=["link.density", "region.inside", "prose.long", "context.body"],
        multiples=(0.25, 0.5, 4.0),
        rounds=2,
        epsilon=0.0,
        start={"region.inside": 8.0, "link.density": 0.5},
    )
    # One page per corpus puts every page in a tuning half; these have context-rule votes that
    # move with the provisional labels.
    corpora = {p.id: [p] for p in load_corpus(FIXTURES, ids=["short-article", "inline-readmore", "txt-short-news"])}
    fast = cal.calibrate(corpora, workers=2, incremental=True, **kwargs)
    slow = cal.calibrate(corpora, workers=1, incremental=False, **kwargs)
    seen = [(t.round, t.name, t.value, t.objective, t.kept) for t in fast.trials]
    assert seen == [(t.round, t.name, t.value, t.objective, t.kept) for t in slow.trials]
    assert any(t.kept for t in fast.trials) and len({t.objective for t in fast.trials}) > 1
    assert fast.tuned_weights == slow.tuned_weights
    assert fast.search_objective > fast.search_start_objective
    assert fast.consistent and slow.consistent


def test_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--corpora", str(FIXTURES), "--limit", "3", "--rounds", "1", "--only", "link.density"]
    assert cal.main([*argv, "--multiples", "2", "--workers", "1", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "only the changes, for RuleSet.default(weights=...)" in out and "fixtures" in out
    assert cal.main(["--corpora", str(FIXTURES), "--only", "link.densty"]) == 2
    assert cal.main(["--corpora", str(FIXTURES / "nowhere")]) == 1
