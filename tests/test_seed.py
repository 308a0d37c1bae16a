"""The reference example in ../shared/seed (read at run time, never copied into the repo): a
plain-text dump of an aggregator page must come out exactly as its gold. Skipped where
../shared is absent (a user's fresh clone)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import segmenter
from segmenter import Label

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed"
pytestmark = pytest.mark.skipif(not (SEED / "seed-daily8.txt").exists(), reason="../shared/seed is not here")


@pytest.fixture(scope="module")
def seed() -> tuple[dict, segmenter.Segmentation]:
    gold = json.loads((SEED / "seed-daily8.json").read_text(encoding="utf-8"))
    return gold, segmenter.segment((SEED / "seed-daily8.txt").read_text(encoding="utf-8"))


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_title_and_body(seed):
    gold, r = seed
    assert r.article is not None
    assert r.article.title == gold["article"]["title"]
    assert _norm(r.article.text) == _norm(gold["article"]["text"])
    assert [p.text for p in r.article.paragraphs] == gold["article"]["text"].split("\n\n")


def test_caption_with_credit(seed):
    gold, r = seed
    got = [(c.text, " ".join(x for x in (c.credit_label, c.credit) if x)) for c in r.captions]
    assert got == [(c["text"], c["credit"]) for c in gold["captions"]]


def test_related_cards(seed):
    gold, r = seed
    got = [(c.title, c.source, c.age_text, c.url) for c in r.related]
    assert got == [(c["title"], c["source"], c["age"], c["url"]) for c in gold["related"]]


def test_promo_and_comment_lines_are_junk(seed):
    gold, r = seed
    junk = {b.text for b in r.blocks if b.label is Label.JUNK}
    article_end = max(b.index for b in r.blocks if b.label is Label.BODY)
    first_card = min(b.index for b in r.blocks if b.label is Label.RELATED)
    between = [b for b in r.blocks if article_end < b.index < first_card]
    assert between and all(b.label is Label.JUNK for b in between)
    for snippet in gold["must_exclude"]:
        assert snippet not in r.article.text
    assert junk
