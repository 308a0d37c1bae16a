"""Plain-text pages: sniffing, golden fixtures, and properties (partition at character level,
stability under injected junk, no crash on any string)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import segmenter
from segmenter import Label
from segmenter.metrics import collapse_ws, shingle_counts, title_hit, word_bag_f1
from segmenter.text import looks_like_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TEXT_GOLD = sorted(g for g in (FIXTURES / "gold").glob("*.json") if (FIXTURES / "pages" / f"{g.stem}.txt").exists())
ARTICLE_TEXTS = [
    g.stem for g in TEXT_GOLD if json.loads(g.read_text(encoding="utf-8"))["article"] is not None
]


def _load(stem: str) -> tuple[dict, str]:
    gold = json.loads((FIXTURES / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    return gold, (FIXTURES / "pages" / f"{stem}.txt").read_text(encoding="utf-8")


def test_there_are_text_fixtures():
    assert len(TEXT_GOLD) >= 6


@pytest.mark.parametrize(
    ("page", "is_text"),
    [
        ("Just a line of text.\nAnother line.", True),
        ("Price < 5 and > 3", True),
        ("<b>bold</b> words", False),
        ("<p>Hello</p>", False),
        ("<!DOCTYPE html><html><body>x</body></html>", False),
        ("Intro\n<div class='x'>y</div>", False),
        ("", True),
    ],
)
def test_sniffing(page: str, is_text: bool) -> None:
    assert looks_like_text(page) is is_text


def test_segment_text_and_html_force_a_reading():
    page = "<b>bold</b> words"
    assert segmenter.segment(page).blocks[0].xpath.startswith("/html")
    assert segmenter.segment_html("plain words").blocks[0].xpath.startswith("/html")
    assert segmenter.segment_text(page).blocks[0].xpath == "line:1"
    assert segmenter.segment_text(page.encode()).blocks[0].text == page
    with pytest.raises(TypeError):
        segmenter.segment_text(42)  # type: ignore[arg-type]


@pytest.mark.parametrize("stem", [g.stem for g in TEXT_GOLD])
def test_text_fixture(stem: str) -> None:
    gold, page = _load(stem)
    result = segmenter.segment(page, url=gold.get("url"))
    if gold["article"] is None:
        assert result.article is None
    else:
        assert result.article is not None
        counts = shingle_counts(gold["article"]["text"], result.article.text)
        assert counts.f1 >= 0.9, f"shingle F1 {counts.f1:.3f}"
        assert title_hit(gold["article"]["title"], result.article.title)
        text = collapse_ws(result.article.text)
        for snippet in gold.get("must_exclude") or []:
            assert collapse_ws(snippet) not in text
    for cap in gold.get("captions") or []:
        assert any(word_bag_f1(cap["text"], c.text) >= 0.8 for c in result.captions), cap["text"]
    found = [c.title for c in result.related]
    hits = sum(any(word_bag_f1(r["title"], t) >= 0.8 for t in found) for r in gold.get("related") or [])
    assert hits >= 0.75 * len(gold.get("related") or []), (found, gold["related"])


def test_the_kinds_of_lines_on_a_text_page():
    page = "\n".join(
        [
            "Home",
            "News",
            "Harbour ferry service to resume after two-week strike ends",
            "Portsmouth",
            "By Jane Example",
            "Ferry crews voted on Monday to accept a new pay offer, ending a strike that had cut the island "
            "off from the mainland for two weeks and stranded hundreds of travellers.",
            "The operator said the first sailing would leave at six in the morning and that tickets bought for "
            "cancelled crossings would be honoured until the end of the month.",
            "What changes for passengers",
            "Season ticket holders will receive a refund for the days lost, the company said in a statement "
            "that also promised extra sailings at the weekend to clear the backlog.",
            "Passengers queue at the terminal as the first ferry in two weeks arrives in the harbour.",
            "Photo: John Sample/Harbour News",
            "Comments",
            "Great news for the island, finally we can get to work again without the long detour.",
            "Related Articles",
            "",
            "Harbour News · 2 hours ago",
            "Island schools reopen after storm damage is repaired - Local",
        ]
    )
    r = segmenter.segment(page)
    assert r.article is not None
    assert r.article.title == "Harbour ferry service to resume after two-week strike ends"
    assert r.article.dateline == "Portsmouth" and r.article.byline == "By Jane Example"
    kinds = [p.kind for p in r.article.paragraphs]
    assert kinds.count(segmenter.ParagraphKind.HEADING) == 1
    assert [(c.text[:20], c.credit_label, c.credit) for c in r.captions] == [
        ("Passengers queue at ", "Photo:", "John Sample/Harbour News")
    ]
    assert [(c.title, c.source, c.age_text) for c in r.related] == [
        ("Island schools reopen after storm damage is repaired", "Harbour News", "2 hours ago")
    ]
    comment = next(b for b in r.blocks if b.text.startswith("Great news"))
    assert comment.label is Label.JUNK


def test_a_glued_tail_is_split_off():
    prose = (
        "The council approved the budget on Tuesday after a long debate about the cost of the new "
        "bridge, which residents have demanded for years, and the mayor said work would start soon. "
    )
    line = prose * 2 + "Follow us on: Facebook Instagram Whatsapp Short link:"
    page = "Council approves the bridge budget\n" + line + "\n" + prose
    r = segmenter.segment_text(page)
    texts = [b.text for b in r.blocks]
    assert "Follow us on: Facebook Instagram Whatsapp Short link:" in texts
    tail = r.blocks[texts.index("Follow us on: Facebook Instagram Whatsapp Short link:")]
    assert tail.label is Label.JUNK and tail.xpath.endswith(":tail")


# -- properties --------------------------------------------------------------------------------

LINE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"),
    max_size=300,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(LINE, st.just(""), st.sampled_from(["Comments", "Related Articles", "3 hours ago"]))))
def test_partition_at_character_level(lines: list[str]) -> None:
    """Every visible character of a text page lands in exactly one block, in order: the blocks of
    each line, joined by a space, are the line with its white space collapsed."""
    page = "\n".join(lines)
    r = segmenter.segment_text(page)
    by_line: dict[str, list[str]] = {}
    for b in r.blocks:
        by_line.setdefault(b.xpath.split(":")[1], []).append(b.text)
        assert isinstance(b.label, Label)
    # NUL characters are shown as U+FFFD (and reported in warnings)
    expected = [" ".join(x.replace("\x00", "\ufffd").split()) for x in page.splitlines() if x.split()]
    got = [" ".join(parts) for parts in by_line.values()]
    assert got == expected


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_any_string_never_raises(page: str) -> None:
    r = segmenter.segment_text(page)
    assert [b.index for b in r.blocks] == list(range(len(r.blocks)))
    segmenter.segment(page)


JUNK_LINES = st.lists(
    st.sampled_from(
        [
            "Home", "World", "Business", "Sign in", "Subscribe now", "Advertisement", "Search",
            "Share this article", "Follow us on Facebook", "Download the app",
            "© 2025 Example Media. All rights reserved.", "Privacy Policy", "Terms of Use",
        ]
    ),
    min_size=1,
    max_size=8,
)


@pytest.mark.parametrize("stem", ARTICLE_TEXTS)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=JUNK_LINES, after=JUNK_LINES, gap=st.booleans())
def test_injected_junk_keeps_the_article(stem: str, before: list[str], after: list[str], gap: bool) -> None:
    """Navigation and promo lines shuffled in before and after a text page leave its article text
    as it was."""
    _, page = _load(stem)
    expected = segmenter.segment_text(page).article
    sep = "\n\n" if gap else "\n"
    noisy = "\n".join(before) + sep + page.rstrip("\n") + sep + "\n".join(after)
    got = segmenter.segment_text(noisy).article
    assert got is not None and expected is not None
    assert got.text == expected.text
