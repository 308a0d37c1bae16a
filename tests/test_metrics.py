"""Exact tests of the reference metrics (segmenter.metrics) on hand-made strings."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from segmenter.metrics import (
    Caption,
    Card,
    CorpusScore,
    Gold,
    Prediction,
    ShingleCounts,
    SnippetCounts,
    age_seconds,
    collapse_ws,
    greedy_match,
    same_age,
    score_captions,
    score_page,
    score_related,
    score_snippets,
    shingle_counts,
    shingles,
    title_hit,
    tokens,
    word_bag_f1,
)

# --- tokens and shingles ---------------------------------------------------------------------


def test_tokens_are_unicode_words_case_preserved() -> None:
    assert tokens("Hello, wörld_1 -- naïve!") == ["Hello", "wörld_1", "naïve"]
    # the regex module keeps combining vowel signs inside the word (re would split "नमस्ते")
    assert tokens("नमस्ते दुनिया") == ["नमस्ते", "दुनिया"]
    assert tokens(None) == []


def test_collapse_ws() -> None:
    assert collapse_ws("  a\n\n b\t c ") == "a b c"
    assert collapse_ws(None) == ""


def test_shingles_multiset_and_short_texts() -> None:
    assert shingles("a b c d e") == Counter({("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1})
    assert shingles("x y z w x y z w") == Counter(
        {("x", "y", "z", "w"): 2, ("y", "z", "w", "x"): 1, ("z", "w", "x", "y"): 1, ("w", "x", "y", "z"): 1}
    )
    assert shingles("only two") == Counter({("only", "two"): 1})
    assert shingles(" ... ") == Counter()


def test_shingle_counts_case_sensitive() -> None:
    c = shingle_counts("The cat sat on the mat", "the cat sat on the mat")
    assert c == ShingleCounts(tp=2, fp=1, fn=1)
    assert c.precision == pytest.approx(2 / 3)
    assert c.recall == pytest.approx(2 / 3)
    assert c.f1 == pytest.approx(2 / 3)


def test_shingle_counts_repeated_prediction_costs_precision() -> None:
    c = shingle_counts("a b c d", "a b c d a b c d")
    assert c == ShingleCounts(tp=1, fp=4, fn=0)
    assert c.precision == pytest.approx(0.2)
    assert c.recall == 1.0


def test_shingle_counts_empty_sides() -> None:
    empty_pred = shingle_counts("a b c d e", "")
    assert (empty_pred.precision, empty_pred.recall, empty_pred.f1) == (None, 0.0, 0.0)
    empty_gold = shingle_counts("", "a b c d e")
    assert (empty_gold.precision, empty_gold.recall, empty_gold.f1) == (0.0, None, 0.0)
    both = shingle_counts("", "  ")
    assert (both.precision, both.recall, both.f1) == (None, None, 1.0)


@given(st.text(), st.text())
def test_shingle_counts_bounds(gold: str, pred: str) -> None:
    c = shingle_counts(gold, pred)
    assert 0.0 <= c.f1 <= 1.0
    assert c.tp + c.fn == sum(shingles(gold).values())
    assert c.tp + c.fp == sum(shingles(pred).values())
    assert shingle_counts(gold, gold).f1 == 1.0


# --- word bag and titles ---------------------------------------------------------------------


def test_word_bag_f1() -> None:
    assert word_bag_f1("The cat sat", "the CAT") == pytest.approx(0.8)
    assert word_bag_f1("a a b", "a b b") == pytest.approx(2 / 3)
    assert word_bag_f1("", None) == 1.0
    assert word_bag_f1("words", "") == 0.0


def test_title_hit_threshold() -> None:
    assert title_hit("The cat sat", "the cat")  # exactly 0.8
    assert not title_hit("The cat sat down", "the cat")  # 0.667
    assert not title_hit("A title", None)


# --- snippets --------------------------------------------------------------------------------


def test_snippets_whitespace_collapsed_case_sensitive() -> None:
    text = "Hello   world.\n\nShare on Facebook"
    c = score_snippets(
        text, ["Hello world.", "missing bit", "hello world."], ["Share on  Facebook", "Subscribe"]
    )
    assert c == SnippetCounts(tp=1, fn=2, fp=1, tn=1)
    assert c.precision == pytest.approx(0.5)
    assert c.recall == pytest.approx(1 / 3)
    assert c.f1 == pytest.approx(2 / (2 + 1 + 2))
    assert c.junk_leakage == pytest.approx(0.5)


def test_snippets_sum_and_undefined() -> None:
    total = SnippetCounts(1, 0, 0, 2) + SnippetCounts(0, 1, 1, 0)
    assert total == SnippetCounts(tp=1, fn=1, fp=1, tn=2)
    assert SnippetCounts().f1 is None
    assert score_snippets("x", [" "], []) == SnippetCounts()  # blank snippets are ignored


# --- matching, captions, related -------------------------------------------------------------


def test_greedy_match_best_first_one_to_one() -> None:
    # pred 0 scores 10/11 against gold 0, pred 1 scores 1.0: the better one wins
    assert greedy_match(["a b c d e"], ["a b c d e f", "a b c d e"]) == [(0, 1)]
    assert greedy_match(["x y z", "x y z"], ["x y z"]) == [(0, 0)]
    assert greedy_match(["one two three"], ["four five six"]) == []


def test_score_captions() -> None:
    gold = [Caption("A dog runs on the beach", "Photo: AP"), Caption("Second caption here now", None)]
    pred = [Caption("A dog runs on the beach.", "AP photo"), Caption("Unrelated", None)]
    c = score_captions(gold, pred, "Body text.\n\nSecond   caption here now\n\nMore.")
    assert (c.tp, c.fp, c.fn, c.credit_hits, c.leaked, c.leak_total) == (1, 1, 1, 1, 1, 2)
    assert (c.precision, c.recall, c.f1) == (0.5, 0.5, 0.5)
    assert c.credit_accuracy == 1.0
    assert c.leakage == 0.5


def test_caption_credit_null_rules() -> None:
    both_null = score_captions([Caption("same text", None)], [Caption("same text", "")], "")
    assert both_null.credit_hits == 1
    one_null = score_captions([Caption("same text", "Reuters")], [Caption("same text", None)], "")
    assert (one_null.tp, one_null.credit_hits, one_null.credit_accuracy) == (1, 0, 0.0)


def test_caption_credit_label_either_convention() -> None:
    # one gold keeps the label as shown, another drops it: a prediction with the label apart
    # agrees with both, and a wrong credit with either
    pred = [Caption("Gulls over the harbour wall", "Mira Tolands", "Picture by")]
    for gold_credit in ("Picture by Mira Tolands", "Mira Tolands"):
        c = score_captions([Caption("Gulls over the harbour wall", gold_credit)], pred, "")
        assert c.credit_hits == 1
    wrong = score_captions([Caption("Gulls over the harbour wall", "Picture by Ode Brant")], pred, "")
    assert wrong.credit_hits == 0


def test_caption_gold_text_with_its_credit_line() -> None:
    # the gold caption holds its credit line; the prediction has it split off: still a match
    gold = [Caption("Two kites over the dunes at noon. Photo by Handout/Kite Club of Westby", "Handout/Kite Club")]
    pred = [Caption("Two kites over the dunes at noon.", "Handout/Kite Club of Westby", "Photo by")]
    c = score_captions(gold, pred, "")
    assert (c.tp, c.fp, c.fn) == (1, 0, 0)
    # without a credit there is nothing to add, and the short text alone is no match
    c2 = score_captions(gold, [Caption("Two kites over the dunes at noon.")], "")
    assert c2.tp == 0


def test_caption_leak_the_gold_body_holds_too() -> None:
    gold = [Caption("A quiet street after the storm"), Caption("Boats in the bay, at dawn")]
    c = score_captions(gold, [], "A quiet street after the storm. Boats in the bay, at dawn", "Boats in the bay at dawn")
    assert (c.leaked, c.leaked_in_gold_text) == (2, 1)
    assert (c.leakage, c.own_leakage) == (1.0, 0.5)


def test_age_parsing() -> None:
    assert age_seconds("3 hours ago") == 10800
    assert age_seconds("14 MINS AGO") == 840
    assert age_seconds("an hour ago") == 3600
    assert age_seconds("5m ago") == 300
    assert age_seconds("2 months ago") == 60 * 86400
    assert age_seconds("vor 28 Minuten") is None
    assert age_seconds("Oct 6") is None
    assert age_seconds(None) is None


def test_same_age() -> None:
    assert same_age("3 hrs ago", "3 hours ago")
    assert same_age("Oct  6", " Oct 6")
    assert same_age(None, "")
    assert not same_age("3 hours ago", "2 hours ago")
    assert not same_age("Oct 6", None)


def test_score_related() -> None:
    gold = [
        Card("Storm hits the coast", "Reuters", "3 hours ago"),
        Card("Markets rally again today", None, "14 MINS AGO"),
        Card("Never predicted card title", None, None),
    ]
    pred = [
        Card("Markets rally again today", "Herald", "14 mins ago"),
        Card("storm hits the coast", "reuters", "3 hrs ago"),
    ]
    r = score_related(gold, pred)
    assert (r.tp, r.fp, r.fn, r.source_hits, r.age_hits) == (2, 0, 1, 1, 2)
    assert r.precision == 1.0
    assert r.recall == pytest.approx(2 / 3)
    assert r.f1 == pytest.approx(0.8)
    assert r.source_accuracy == 0.5
    assert r.age_accuracy == 1.0


# --- pages and corpus ------------------------------------------------------------------------


def test_gold_from_json() -> None:
    g = Gold.from_json(
        {
            "id": "x",
            "url": None,
            "article": {"title": None, "text": "Body"},
            "captions": [{"text": "Cap", "credit": None}],
            "related": None,
            "must_exclude": ["Menu"],
        }
    )
    assert g.has_article and g.title is None and g.text == "Body"
    assert g.captions == (Caption("Cap", None),)
    assert g.related is None and g.must_include is None and g.must_exclude == ("Menu",)
    null = Gold.from_json({"article": None, "captions": None, "related": []}, default_id="list")
    assert (null.id, null.has_article, null.text, null.related) == ("list", False, "", ())


def test_score_page_null_gold_article() -> None:
    gold = Gold.from_json({"id": "list", "article": None})
    empty = score_page(gold, Prediction())
    assert (empty.shingles.precision, empty.shingles.recall, empty.word_bag_f1) == (None, None, 1.0)
    assert empty.title_hit is None
    extra = score_page(gold, Prediction(title="Home", text="Latest news from everywhere today"))
    assert (extra.shingles.precision, extra.shingles.recall, extra.word_bag_f1) == (0.0, None, 0.0)
    assert extra.title_hit is None


def test_score_page_failure_is_empty_prediction() -> None:
    gold = Gold(id="p", title="T", text="some body text here", captions=(Caption("c"),), related=())
    s = score_page(gold, None)
    assert s.failed
    assert (s.shingles.precision, s.shingles.recall, s.word_bag_f1, s.title_hit) == (None, 0.0, 0.0, False)
    assert s.captions is not None and (s.captions.tp, s.captions.fn) == (0, 1)
    assert s.related is not None and s.related.tp == 0
    assert s.snippets is None


def test_corpus_score_aggregation() -> None:
    pages = [
        # P 1, R 0.5, word bag 8/9, title hit, snippets labeled
        score_page(
            Gold(id="a", title="Title A", text="a b c d e", must_include=("a b",), must_exclude=("zz",)),
            Prediction(title="title a", text="a b c d"),
        ),
        # null gold, something predicted: P 0, no recall, word bag 0
        score_page(Gold(id="b", has_article=False), Prediction(text="x y z w")),
        # failure: no precision, R 0, word bag 0, title miss
        score_page(Gold(id="c", title="Title C", text="p q r s"), None),
    ]
    c = CorpusScore.from_pages(pages)
    assert (c.pages, c.failures) == (3, 1)
    assert c.shingle_precision == pytest.approx(0.5)
    assert c.shingle_recall == pytest.approx(0.25)
    assert c.shingle_f1 == pytest.approx(1 / 3)
    assert c.word_bag_f1 == pytest.approx(8 / 27)
    assert (c.title_pages, c.title_accuracy) == (2, 0.5)
    assert c.snippets == SnippetCounts(tp=1, fn=0, fp=0, tn=1)
    assert c.captions is None and c.related is None
    summary = c.summary()
    assert summary["shingle_f1"] == pytest.approx(1 / 3)
    assert summary["snippet_f1"] == 1.0 and summary["junk_leakage"] == 0.0
    assert "caption_f1" not in summary


def test_corpus_score_empty() -> None:
    c = CorpusScore.from_pages([])
    assert (c.pages, c.shingle_precision, c.shingle_f1, c.word_bag_f1, c.title_accuracy) == (
        0,
        None,
        None,
        None,
        None,
    )
