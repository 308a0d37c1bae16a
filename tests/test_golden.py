"""Golden tests: every hand-written fixture page against its gold JSON.

These pages were written for the tests (fixtures/README.md); they check behaviour on known
layouts, they do not measure quality (the benchmark on real corpora does that).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import segmenter
from segmenter.metrics import collapse_ws, shingle_counts, title_hit

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
GOLD = sorted((FIXTURES / "gold").glob("*.json"))
HTML_GOLD = [g for g in GOLD if (FIXTURES / "pages" / f"{g.stem}.html").exists()]


def _load(gold_path: Path) -> tuple[dict, segmenter.Segmentation]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    page = (FIXTURES / "pages" / f"{gold_path.stem}.html").read_bytes()
    return gold, segmenter.segment(page, url=gold.get("url"))


def test_there_are_fixtures():
    assert len(HTML_GOLD) >= 12


@pytest.mark.parametrize("gold_path", HTML_GOLD, ids=lambda p: p.stem)
def test_article(gold_path: Path) -> None:
    gold, result = _load(gold_path)
    if gold["article"] is None:
        assert result.article is None, "a page without an article must give article=None"
        return
    assert result.article is not None
    counts = shingle_counts(gold["article"]["text"], result.article.text)
    assert counts.f1 >= 0.9, f"shingle F1 {counts.f1:.3f}"
    if gold["article"].get("title"):
        assert title_hit(gold["article"]["title"], result.article.title), result.article.title


@pytest.mark.parametrize("gold_path", HTML_GOLD, ids=lambda p: p.stem)
def test_snippets(gold_path: Path) -> None:
    gold, result = _load(gold_path)
    text = collapse_ws(result.article.text if result.article else "")
    for snippet in gold.get("must_include") or []:
        assert collapse_ws(snippet) in text, f"missing {snippet!r}"
    leaked = [s for s in gold.get("must_exclude") or [] if collapse_ws(s) in text]
    # junk leakage is the benchmark's job to measure; here at most one snippet may slip through
    assert len(leaked) <= 1, f"junk in article text: {leaked}"


@pytest.mark.parametrize("gold_path", HTML_GOLD, ids=lambda p: p.stem)
def test_captions_never_leak_into_the_body(gold_path: Path) -> None:
    gold, result = _load(gold_path)
    text = collapse_ws(result.article.text if result.article else "")
    for cap in gold.get("captions") or []:
        if len(cap["text"]) > 20:
            assert collapse_ws(cap["text"]) not in text


@pytest.mark.parametrize("gold_path", HTML_GOLD, ids=lambda p: p.stem)
def test_every_block_is_labelled_once(gold_path: Path) -> None:
    _, result = _load(gold_path)
    assert [b.index for b in result.blocks] == list(range(len(result.blocks)))
    assert all(isinstance(b.label, segmenter.Label) for b in result.blocks)
