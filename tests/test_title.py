"""Title choice (segmenter.title) on synthetic blocks and tiny inline pages; all text invented."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

import segmenter
from segmenter.features import Meta, build_page
from segmenter.model import Features
from segmenter.parse import to_tree
from segmenter.testing import make_features
from segmenter.title import choose_title, clean_title, jsonld_headline, tidy_title, title_similarity, url_slug

BODY = "The council voted on Tuesday to reopen the old ferry pier after two years of repairs. " * 6


def _blocks(*specs: tuple[str, dict[str, Any]]) -> list[Features]:
    return [make_features(text, index=i, **kw) for i, (text, kw) in enumerate(specs)]


def _choose(blocks: Sequence[Features], region_start: int = 0, url: str | None = None, **meta: str) -> tuple[int | None, str | None]:
    return choose_title(blocks, Meta(**meta), region_start, url)


# --- helpers ---------------------------------------------------------------------------------


def test_title_similarity_is_word_bag_f1():
    assert title_similarity("Otters return to the river", "otters RETURN to the river!") == 1.0
    assert title_similarity("a b c d", "a b") == pytest.approx(2 / 3)
    assert title_similarity("", "a") == 0.0


@pytest.mark.parametrize(
    ("raw", "site", "url", "clean"),
    [
        ("Otters return to the river | The Valley Post", "The Valley Post", None, "Otters return to the river"),
        ("Valley Post - Otters return", None, "https://www.valleypost.example/a", "Otters return"),
        ("Otters return to the river", None, None, "Otters return to the river"),
        (None, None, None, None),
    ],
)
def test_clean_title_drops_site_parts(raw: str | None, site: str | None, url: str | None, clean: str | None):
    assert clean_title(raw, site, url) == clean


# --- JSON-LD ---------------------------------------------------------------------------------


def test_jsonld_headline_of_an_article_in_a_graph():
    script = (
        '{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebSite", "name": "Valley Post"},'
        '{"@type": "BreadcrumbList", "headline": "Section list"},'
        '{"@type": ["NewsArticle"], "headline": "Otters &amp; herons return"}]}'
    )
    assert jsonld_headline([script]) == "Otters & herons return"


def test_jsonld_headline_from_a_broken_script():
    # a stray comma makes it invalid JSON: the headline field is still found
    assert jsonld_headline(['{"@type": "Article", "headline": "Ferry pier \\"reopens\\"",}']) == 'Ferry pier "reopens"'


def test_jsonld_headline_of_another_type_only_without_an_article():
    assert jsonld_headline(['{"@type": "Event", "headline": "Harbour fair"}']) == "Harbour fair"
    assert jsonld_headline(["[]", "not json at all"]) is None


# --- choose_title ----------------------------------------------------------------------------


def test_the_heading_matching_the_metadata_wins_over_a_logo_h1():
    blocks = _blocks(
        ("Valley Post", {"tag": "h1", "heading_level": 1, "link_chars": 11}),  # the logo, a link home
        ("Otters return to the river after forty years", {"tag": "h1", "heading_level": 1}),
        (BODY, {}),
    )
    idx, text = _choose(blocks, 2, og_title="Otters return to the river after forty years")
    assert (idx, text) == (1, "Otters return to the river after forty years")


def test_a_breadcrumb_h1_loses_to_the_heading_that_shows_og_title():
    # an SEO headline in the breadcrumb bar agrees with <title> and JSON-LD; the visible headline
    # (kicker glued to it) shows og:title, which is the title
    blocks = _blocks(
        ("Harbour: council reopens the ferry pier", {"tag": "h1", "heading_level": 1, "categories": {"nav"}}),
        ("After two years The ferry pier is open again", {"tag": "h2", "heading_level": 2}),
        (BODY, {}),
    )
    idx, text = _choose(
        blocks, 2,
        og_title="The ferry pier is open again",
        headline="Harbour: council reopens the ferry pier",
        title="Harbour: council reopens the ferry pier | Valley Post",
    )
    assert (idx, text) == (1, "The ferry pier is open again")


def test_og_title_shown_by_another_heading_is_the_title_text():
    # the visible headline (a kicker glued to the JSON-LD headline) is the headline block, but a
    # breadcrumb heading shows og:title word for word: that is the title
    blocks = _blocks(
        ("Otters return to the river", {"tag": "h1", "heading_level": 1, "categories": {"nav"}}),
        ("Wildlife Otters are back in the valley river", {"tag": "h2", "heading_level": 2}),
        (BODY, {}),
    )
    idx, text = _choose(
        blocks, 2,
        og_title="Otters return to the river",
        headline="Otters are back in the valley river",
        title="Otters return to the river - Valley Post",
    )
    assert (idx, text) == (1, "Otters return to the river")


def test_a_run_on_headline_keeps_its_first_words():
    # "Awards 2031: …" is part of the headline (punctuation joins it), not a kicker set apart
    blocks = _blocks(("Garden Awards 2031: The best hedges of the year", {"tag": "h1", "heading_level": 1}), (BODY, {}))
    idx, text = _choose(blocks, 1, og_title="The best hedges of the year")
    assert (idx, text) == (0, "Garden Awards 2031: The best hedges of the year")


def test_a_kicker_line_joins_the_headline_when_the_metadata_has_it():
    blocks = _blocks(
        ("Harbour works", {"tag": "div", "class_tokens": {"kicker"}}),
        ("The pier is open again", {"tag": "h1", "heading_level": 1}),
        (BODY, {}),
    )
    assert _choose(blocks, 2, og_title="Harbour works: The pier is open again") == (1, "Harbour works: The pier is open again")
    # without it in the metadata, the headline stands alone
    assert _choose(blocks, 2, og_title="The pier is open again") == (1, "The pier is open again")


def test_a_line_before_an_unrelated_heading_does_not_make_it_match():
    # a photo credit naming the site above a heading must not pair with it to match the site name
    blocks = _blocks(
        ("Photo: Valley Post Español", {"tag": "div"}),
        ("Valley walks", {"tag": "h2", "heading_level": 2}),
        (BODY, {}),
    )
    idx, text = _choose(blocks, 2, og_title="Valley Post Español")
    assert idx is None and text == "Valley Post Español"


@pytest.mark.parametrize(
    ("site", "url"), [({"site_name": "Valley Post"}, None), ({}, "https://valleypost.example/otters")]
)
def test_a_site_name_part_alone_matches_no_heading(site: dict[str, str], url: str | None):
    # the site's name in an h1 of the page header (no link, no menu) is not the headline
    blocks = _blocks(
        ("Valley Post", {"tag": "h1", "heading_level": 1}),
        ("Otters return to the river", {"tag": "h2", "heading_level": 2}),
        (BODY, {}),
    )
    idx, text = _choose(blocks, 2, url, title="Otters return to the river | Valley Post", **site)
    assert (idx, text) == (1, "Otters return to the river")


def test_a_subheading_far_into_the_body_is_no_headline():
    # an h2 deep in the body (or in a box after it) that happens to repeat og:title heads a
    # section, not the page
    blocks = _blocks(*[(BODY, {})] * 30, ("Otters return to the river", {"tag": "h2", "heading_level": 2}))
    assert _choose(blocks, 0, og_title="Otters return to the river") == (None, "Otters return to the river")


def test_a_page_of_many_h1s_still_finds_the_matching_one():
    blocks = [
        make_features(f"Otters return to pool {i}", index=i, tag="h1", heading_level=1) for i in range(3000)
    ]
    idx, _ = _choose(blocks, 0, og_title="Otters return to the river")
    assert idx == 0


def test_a_headline_class_marks_a_candidate_outside_heading_tags():
    blocks = _blocks(
        ("Menu", {"tag": "div"}),
        ("Otters return to the river", {"tag": "div", "class_tokens": {"article", "headline"}}),
        (BODY, {}),
    )
    assert _choose(blocks, 2, og_title="Otters return to the river") == (1, "Otters return to the river")


def test_an_anchor_link_heading_is_no_furniture():
    # documentation pages link their headings to themselves; the site's book title is in a menu
    blocks = _blocks(
        ("The Harbour Handbook", {"tag": "h1", "heading_level": 1, "categories": {"nav"}}),
        ("Mooring a boat", {"tag": "h1", "heading_level": 1, "link_chars": 14, "first_href": "#mooring"}),
        (BODY, {}),
    )
    assert _choose(blocks, 2, title="Mooring a boat - The Harbour Handbook") == (1, "Mooring a boat")


def test_without_a_matching_heading_the_metadata_is_the_title():
    blocks = _blocks(("About this site", {"tag": "h1", "heading_level": 1}), (BODY, {}))
    assert _choose(blocks, 1, title="Harbour Notes: Colophon") == (0, "Harbour Notes: Colophon")
    # and without metadata, the last h1 before the body region
    two = _blocks(
        ("Valley Post", {"tag": "h1", "heading_level": 1}),
        ("Otters return", {"tag": "h1", "heading_level": 1}),
        (BODY, {}),
    )
    assert _choose(two, 2) == (1, "Otters return")
    assert _choose(_blocks((BODY, {})), 0) == (None, None)


# --- the Meta the walk reads -----------------------------------------------------------------


def _page(html: str) -> Any:
    return build_page(to_tree(html).root)


def test_meta_tags_after_a_head_closed_early_are_read():
    # a <div> in the head makes the parser close it: the meta tags after it land in the body
    html = (
        "<html><head><div>promo</div><title>Otters return - Valley Post</title>"
        '<meta property="og:title" content="Otters return to the river"></head>'
        f"<body><h1>Otters return to the river</h1><p>{BODY}</p></body></html>"
    )
    page = _page(html)
    assert page.meta.og_title == "Otters return to the river"
    assert page.meta.title == "Otters return - Valley Post"


def test_jsonld_in_the_body_is_read():
    html = (
        "<html><head><title>x</title></head><body>"
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Otters return"}</script>'
        f"<h1>Otters return</h1><p>{BODY}</p></body></html>"
    )
    assert _page(html).meta.headline == "Otters return"


def test_article_title_is_og_title_as_the_page_shows_it():
    html = (
        "<html><head><title>Council reopens ferry pier | Valley Post</title>"
        '<meta property="og:title" content="The ferry pier is open again"></head><body>'
        '<nav class="breadcrumb"><h1>Council reopens ferry pier</h1></nav>'
        '<article><h2><span class="kicker">After two years</span> <span class="head">The ferry pier is open again</span></h2>'
        f"<p>{BODY}</p></article></body></html>"
    )
    result = segmenter.segment(html)
    assert result.article is not None
    assert result.article.title == "The ferry pier is open again"


# --- the URL's slug and metadata that only names the site ------------------------------------


@pytest.mark.parametrize(
    ("url", "slug"),
    [
        ("https://news.example/2024/05/otters-return-to-the-river-1234.html", "otters return to the river"),
        ("https://shop.example/c/rain_boots/?page=2", "rain boots"),
        ("https://news.example/story/88123/", None),
        ("https://news.example/", None),
        (None, None),
    ],
)
def test_url_slug_reads_the_words_of_the_last_named_segment(url: str | None, slug: str | None):
    assert url_slug(url) == slug


def test_the_slug_settles_an_h1_that_no_metadata_confirms():
    blocks = _blocks(("Rain boots", {"tag": "h1", "heading_level": 1}), (BODY, {}))
    # <title> is an SEO line the h1 does not repeat; the URL names the page after the h1
    got = _choose(blocks, 1, url="https://shop.example/c/rain-boots", title="Waterproof footwear for every season | Shop")
    assert got == (0, "Rain boots")
    # a slug that names the metadata's title, or no slug, leaves the metadata's title
    seo = "https://shop.example/c/waterproof-footwear-season"
    assert _choose(blocks, 1, url=seo, title="Waterproof footwear for every season | Shop")[1] == (
        "Waterproof footwear for every season"
    )
    assert _choose(blocks, 1, title="Waterproof footwear for every season")[1] == "Waterproof footwear for every season"


def test_og_title_that_only_names_the_site_is_no_title():
    blocks = _blocks(("Summer offers", {"tag": "h2", "heading_level": 2, "link_chars": 13}), (BODY, {}))
    meta = {"og_title": "Valley Outfitters", "site_name": "Valley Outfitters", "title": "Rain boots for children"}
    assert _choose(blocks, 1, url="https://valley.example/kids/boots", **meta)[1] == "Rain boots for children"
    # on the front page, the site's name is the page's title
    assert _choose(blocks, 1, url="https://valley.example/", **meta)[1] == "Valley Outfitters"
    # and with nothing else said, the site's name stays
    assert _choose(blocks, 1, og_title="Valley Outfitters", site_name="Valley Outfitters")[1] == "Valley Outfitters"


def test_a_headline_set_over_two_headings_is_joined():
    blocks = _blocks(
        ("Harbour notes from the ferry pier:", {"tag": "h2", "heading_level": 2}),
        ("A good year", {"tag": "h4", "heading_level": 4}),
        (BODY, {}),
    )
    idx, text = _choose(blocks, 0, og_title="Harbour notes from the ferry pier: a good year")
    assert (idx, text) == (0, "Harbour notes from the ferry pier: A good year")
    # a dek in a smaller heading after a headline that does not run on is not joined
    dek = _blocks(
        ("A guide to the ferry pier", {"tag": "h1", "heading_level": 1}),
        ("Timetables and fares for the pier ferries", {"tag": "h4", "heading_level": 4}),
        (BODY, {}),
    )
    assert _choose(dek, 0, og_title="A guide to the ferry pier (timetables and fares)")[1] == "A guide to the ferry pier"
    # a section heading after a headline that matches on its own is not joined
    alone = _blocks(
        ("A year at the ferry pier", {"tag": "h1", "heading_level": 1}),
        ("What changed", {"tag": "h2", "heading_level": 2}),
        (BODY, {}),
    )
    assert _choose(alone, 0, og_title="A year at the ferry pier")[1] == "A year at the ferry pier"


def test_dublin_core_title_is_read_as_the_declared_title():
    html = (
        '<html><head><title>report-harbour-07 - Harbour Notes</title><meta name="DC.Title" content="Harbour Notes"></head>'
        f"<body><p>{BODY}</p></body></html>"
    )
    assert _page(html).meta.og_title == "Harbour Notes"
    result = segmenter.segment(html)
    assert result.article is not None
    assert result.article.title == "Harbour Notes"


def test_the_slug_prefers_the_h1_to_a_section_heading_that_repeats_the_metadata():
    blocks = _blocks(
        ("A field guide to river otters", {"tag": "h1", "heading_level": 1}),
        (BODY, {}),
        ("Where river otters live", {"tag": "h2", "heading_level": 2}),
        (BODY, {}),
    )
    meta = {"title": "Where river otters live | Valley Wildlife"}
    assert _choose(blocks, 1, url="https://wild.example/guides/field-guide-river-otters", **meta) == (
        0, "A field guide to river otters"
    )
    # without a slug naming the h1, the heading that repeats the metadata stays
    assert _choose(blocks, 1, url="https://wild.example/guides/river-otters-live", **meta)[0] == 2


@pytest.mark.parametrize(
    ("raw", "tidy"),
    [
        ("Home Repair Assis\u00adtance Program", "Home Repair Assistance Program"),
        ("Middleware\u00b6", "Middleware"),
        ("Playbooks \uf0c1", "Playbooks"),
        ("Learn C#", "Learn C#"),
        ("\u00b6", None),
    ],
)
def test_tidy_title_drops_invisible_characters_and_permalink_signs(raw: str, tidy: str | None):
    assert tidy_title(raw) == tidy


def test_a_soft_hyphen_in_a_heading_does_not_split_its_words():
    blocks = _blocks(("Home Repair Assis\u00adtance Program", {"tag": "h1", "heading_level": 1}), (BODY, {}))
    assert _choose(blocks, 1, og_title="Home Repair Assistance Program") == (0, "Home Repair Assistance Program")


def test_a_short_last_title_part_alone_matches_no_heading():
    # no og:site_name, no URL: the brand in the header h1 is still no headline
    blocks = _blocks(
        ("Harbourly", {"tag": "h1", "heading_level": 1, "categories": {"nav"}}),
        ("Otters return to the river", {"tag": "h2", "heading_level": 2, "link_chars": 26}),
        (BODY, {}),
    )
    idx, text = _choose(blocks, 2, og_title="Otters return to the river :: Harbourly")
    assert (idx, text) == (1, "Otters return to the river")


def test_headline_set_as_a_block_inside_its_heading_keeps_the_heading_level():
    # <h2><span>kicker</span><div>headline</div></h2>: the div is its own block, still the h2's text
    paras = "".join(
        f"<p>The harbour board met on day {i} to weigh the cost of dredging the old channel again.</p>"
        for i in range(5)
    )
    page = f"""<html><head><title>Harbour board backs dredging plan - Example Post</title></head><body>
    <article><h2><span>Coast</span><div>Harbour board backs dredging plan</div></h2>{paras}</article>
    </body></html>"""
    result = segmenter.segment(page)
    block = next(b for b in result.blocks if b.text == "Harbour board backs dredging plan")
    assert block.features.heading_level == 2
    assert result.article is not None and result.article.title == "Harbour board backs dredging plan"


# --- the page's title, with or without an article ---------------------------------------------


def test_a_list_page_without_an_article_still_has_its_title():
    items = "".join(
        f'<li><h3><a href="/story/{i}">Story number {i} about the harbour works</a></h3></li>' for i in range(12)
    )
    html = (
        "<html><head><title>Harbour news | Valley Post</title></head><body>"
        f'<nav><a href="/">Home</a></nav><main><h1>Harbour news</h1><ul>{items}</ul></main></body></html>'
    )
    result = segmenter.segment(html)
    assert result.article is None
    assert result.title == "Harbour news"
    assert result.to_dict()["title"] == "Harbour news"


def test_the_page_title_is_the_article_title_when_there_is_an_article():
    html = (
        '<html><head><meta property="og:title" content="The ferry pier is open again"></head><body>'
        f"<article><h1>The ferry pier is open again</h1><p>{BODY}</p></article></body></html>"
    )
    result = segmenter.segment(html)
    assert result.article is not None
    assert result.title == result.article.title == "The ferry pier is open again"


def test_a_page_without_any_title_has_none():
    result = segmenter.segment('<html><body><nav><a href="/">Home</a></nav></body></html>')
    assert result.article is None and result.title is None
