"""Related-article cards: field extraction on synthetic card lines, and properties over fixture
pages with injected cards."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import segmenter
from segmenter.cards import CardLine, card_fields, clean_title, strip_section_suffix

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
NOW = datetime(2025, 6, 3, 12, 0, tzinfo=timezone.utc)


def test_headline_source_and_age_from_lines():
    card = card_fields(
        [
            CardLine("Harbour ferry strike ends after pay deal", "/a", 1.0, frozenset(), 0),
            CardLine("Reuters · 3h ago", None, 0.0, frozenset(), 1),
            CardLine("Crews accepted the offer on Monday, ending two weeks of cancelled sailings.", None, 0.0,
                     frozenset(), 2),
        ],
        base="https://news.example.com/x/",
        now=NOW,
    )
    assert card is not None
    assert card.title == "Harbour ferry strike ends after pay deal"
    assert card.url == "https://news.example.com/a"
    assert (card.source, card.age_text) == ("Reuters", "3h ago")
    assert card.age == timedelta(hours=3) and card.published == NOW - timedelta(hours=3)
    assert card.snippet is not None and card.snippet.startswith("Crews accepted")


def test_a_slash_after_a_section_is_no_source():
    card = card_fields([CardLine("Council approves the new bridge budget", "/b", 1.0), CardLine("Politics / 5 h ago")])
    assert card is not None and card.source is None and card.age_text == "5 h ago"


def test_the_marked_headline_beats_a_longer_deck():
    card = card_fields(
        [
            CardLine("Sweet memories", "/c", 1.0, frozenset({"promo", "title"}), 0),
            CardLine("Delhi's oldest candy shop goes out of business after ninety years", "/c", 1.0, frozenset(), 1),
        ]
    )
    assert card is not None and card.title == "Sweet memories"


def test_inline_parts_give_headline_source_and_time():
    parts = (("Abo", "span.premium"), ("Was die Wahl entscheidet", "span.title"), ("Reuters", "span.source"),
             ("vor 3 Stunden", "time."))
    card = card_fields([CardLine("AboWas die Wahl entscheidetReutersvor 3 Stunden", "/d", 1.0, parts=parts)])
    assert card is not None
    assert (card.title, card.source, card.age_text) == ("Was die Wahl entscheidet", "Reuters", "vor 3 Stunden")


def test_a_time_stamp_link_is_no_headline():
    card = card_fields([CardLine("14:10", "/live#1", 1.0), CardLine("A long entry of a live blog, with no headline.")])
    assert card is None


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("Read more: Council approves budget", "Council approves budget"), ("3 Mayor resigns", "Mayor resigns"),
     ("Lesen Sie auch: Neue Brücke", "Neue Brücke")],
)
def test_clean_title(raw: str, clean: str) -> None:
    assert clean_title(raw) == clean


def test_strip_section_suffix():
    assert strip_section_suffix("Stocks fall on new trade threat - Economy") == "Stocks fall on new trade threat"
    assert strip_section_suffix("Ferry deal: union - a win") == "Ferry deal: union - a win"


def test_plain_text_cards():
    card = card_fields(
        [CardLine("The Daily Ledger"), CardLine("4 hours ago"), CardLine("- The Daily Ledger"),
         CardLine("Rail strike called off after late talks - Business"),
         CardLine("Unions and operators reached a deal overnight, the ministry said in a statement on Friday.")],
        plain_text=True,
    )
    assert card is not None
    assert (card.title, card.source, card.age_text) == (
        "Rail strike called off after late talks", "The Daily Ledger", "4 hours ago"
    )


# -- properties over fixture pages -------------------------------------------------------------

ARTICLES = [
    p.stem for p in sorted((FIXTURES / "gold").glob("*.json"))
    if (FIXTURES / "pages" / f"{p.stem}.html").exists() and json.loads(p.read_text(encoding="utf-8"))["article"]
]
WORDS = st.sampled_from(
    "harbour council budget bridge storm ferry school market rail river festival mayor election court "
    "museum hospital airport library stadium energy".split()
)
HEADLINE = st.lists(WORDS, min_size=5, max_size=10, unique=True).map(lambda ws: " ".join(ws).capitalize())
AGE = st.sampled_from(["2 hours ago", "5h", "Yesterday", "vor 3 Stunden", "11 Jun 2025", "3 days ago"])


def _rail(headlines: list[str], ages: list[str]) -> str:
    items = "".join(
        f'<li class="rail-item"><a href="/story/{i}"><h3 class="rail-title">{h}</h3></a>'
        f'<span class="rail-meta">Harbour Herald · {a}</span></li>'
        for i, (h, a) in enumerate(zip(headlines, ages, strict=True))
    )
    return f'<aside class="more-stories"><h2>More stories</h2><ul class="rail">{items}</ul></aside>'


@pytest.mark.parametrize("stem", ARTICLES)
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(headlines=st.lists(HEADLINE, min_size=3, max_size=6, unique=True), data=st.data())
def test_injected_cards_are_found_and_kept_out_of_the_article(stem: str, headlines: list[str], data) -> None:
    ages = data.draw(st.lists(AGE, min_size=len(headlines), max_size=len(headlines)))
    page = (FIXTURES / "pages" / f"{stem}.html").read_text(encoding="utf-8")
    rail = _rail(headlines, ages)
    page = page.replace("</body>", rail + "</body>") if "</body>" in page else page + rail
    r = segmenter.segment(page)
    cards = {c.title: c for c in r.related}
    for h, a in zip(headlines, ages, strict=True):
        assert h in cards, (h, list(cards))
        assert h not in (r.article.text if r.article else "")
        assert cards[h].age_text == a and cards[h].source == "Harbour Herald"
        assert cards[h].url is not None and cards[h].url.startswith("/story/")


def _thread(titles: list[str]) -> str:
    posts = "".join(
        f'<div class="post"><div class="author"><a href="/u/{i}">user{i}</a></div>'
        f'<h3><a href="/t/1#p{i}">{t}</a></h3>'
        f"<div class='body'>It stopped working after the upgrade.</div></div>"
        for i, t in enumerate(titles)
    )
    story = "".join(
        f"<p>The village council met on day {i} of the week to discuss the future of the old mill by "
        f"the river, which has stood empty since the bakery closed its doors a decade ago.</p>"
        for i in range(5)
    )
    return f"<html><body><h1>The old mill</h1><article>{story}</article><div class='topic'>{posts}</div></body></html>"


def test_the_posts_of_a_thread_titled_re_are_no_teaser_cards():
    titles = ["Discuss the new release of the app here"] + ["Re: Discuss the new release of the app here"] * 5
    r = segmenter.segment(_thread(titles))
    assert not any("Discuss the new release" in c.title for c in r.related)


def test_cards_with_different_headlines_stay_cards():
    # the control: the same markup, each card titled after a story of its own
    titles = [f"Harbour ferry strike number {i} ends after a long pay deal" for i in range(6)]
    r = segmenter.segment(_thread(titles))
    assert sum("Harbour ferry strike" in c.title for c in r.related) >= 3
