"""Failure classes of article extraction found on the benchmark corpora, each pinned by a small
invented page or synthetic blocks (issue #3). No corpus text: every page here is made up."""

from __future__ import annotations

import pytest

import segmenter
from segmenter import Label
from segmenter.rules.builtin import BoilerplateTextRule, BylineDatelineRule
from segmenter.testing import make_features, make_page
from segmenter.vocab import DATE_ONLY, classify, classify_id

PROSE = (
    "The village council met on Thursday evening to discuss the future of the old mill, which has "
    "stood empty since the bakery that used it closed its doors more than a decade ago."
)


def _para(i: int) -> str:
    return PROSE.replace("Thursday", f"day {i} of the week")


def test_layout_modifier_classes_carry_no_vocabulary():
    # "has-rail-right" says the element sits beside a rail, not that it is one
    assert "sidebar" not in classify("main-wrap has-rail-right")[1]
    assert "comments" not in classify("post no-comments")[1]
    assert "sidebar" in classify("right-rail")[1]


def test_tailwind_arbitrary_variants_name_no_category():
    # "[&_figcaption]:mt-xs" styles the figcaptions inside the element; the element is no caption
    assert "caption" not in classify("[&_figcaption]:mt-xs lg:[&_p]:text-black")[1]
    assert "caption" in classify("figcaption mt-xs")[1]
    assert "nav" in classify("w-[calc(100%-2rem)] nav-bar")[1]


def test_a_heading_slug_id_names_no_component():
    # a section's anchor spells its heading ("…-and-reply-to-…"): no comments box
    assert classify_id("receive-and-reply-to-an-inbound-message-section")[1] == frozenset()
    assert "comments" in classify("receive-and-reply-to-an-inbound-message-section")[1]
    # component ids keep their words: a short one, one that opens with what it is, a generated one
    assert "comments" in classify_id("comments-section")[1]
    assert "nav" in classify_id("nav-mega-menu-why-us")[1]
    assert "related" in classify_id("latest-carousel-item-9f3a2b-tabpanel")[1]


def test_legends_name_captions():
    # a slideshow's captions in a list classed "legends" (one legend per slide)
    assert "caption" in classify("legends")[1]
    assert "caption" in classify("photo-legend")[1]


def test_skip_names_a_skip_link_only():
    # "skip-item" is the anchor a table of contents jumps to, full of prose; "skip-link" is the link
    assert "nav" not in classify("skip-item")[1]
    assert "nav" in classify("skip-link")[1]
    assert "nav" in classify("skip-to-content")[1]


def test_article_inside_a_wrapper_that_has_a_rail_is_found():
    paras = "".join(f"<p>{_para(i)}</p>" for i in range(4))
    comments = "".join(
        f'<div class="comment"><p>{_para(i).replace("council", "reader")} I disagree entirely.</p></div>'
        for i in range(20)
    )
    page = f"""<html><body><div class="layout"><div class="main-wrap has-rail-right">
    <article><h1>The old mill</h1><div class="story">{paras}</div></article></div>
    <div id="comments">{comments}</div></div></body></html>"""
    result = segmenter.segment(page)
    assert result.article is not None
    assert result.article.text.count("village council") == 4
    assert "I disagree" not in result.article.text


def test_streamed_page_with_its_content_in_hidden_segments_is_read():
    # a page kept hidden until its scripts run: the content sits in a hidden element that a
    # script reveals (React's own streamed segments, id="S:n", are shown outright: see below)
    paras = "".join(f"<p>{_para(i)}</p>" for i in range(4))
    page = f"""<html><body><div hidden></div><template id="B:0"></template>
    <div hidden id="app-root"><article><h1>The old mill</h1>{paras}</article></div>
    <script>reveal()</script></body></html>"""
    result = segmenter.segment(page)
    assert result.article is not None
    assert result.article.text.count("village council") == 4
    assert any("hidden content" in w for w in result.warnings)


def test_hidden_text_stays_hidden_on_a_page_with_visible_text():
    paras = "".join(f"<p>{_para(i)}</p>" for i in range(4))
    page = f"""<html><body><article><h1>The old mill</h1>{paras}</article>
    <div hidden><p>{PROSE.replace("village", "secret")}</p></div></body></html>"""
    result = segmenter.segment(page)
    assert result.article is not None
    assert "secret" not in result.article.text


def test_article_whose_paragraphs_each_sit_in_a_builder_widget_is_found():
    # page builders wrap every box, paragraphs included, in a "widget"; a sidebar elsewhere on
    # the page is small
    paras = "".join(
        f'<div class="pb-widget pb-widget-text"><div class="pb-widget-container"><p>{_para(i)}</p></div></div>'
        for i in range(6)
    )
    side = '<div class="pb-widget"><ul><li><a href="/a">Archive</a></li><li><a href="/b">About us</a></li></ul></div>'
    page = f"""<html><body><div class="page"><h1>The old mill</h1><div class="entry">{paras}</div>
    <div class="pb-side">{side}<p>Short note.</p></div></div></body></html>"""
    result = segmenter.segment(page)
    assert result.article is not None
    assert result.article.text.count("village council") == 6
    assert "Archive" not in result.article.text


def _thread(head: str) -> str:
    posts = "".join(
        f'<div class="comment"><div class="comment-author">member{i}</div>'
        f'<div class="comment-body"><p>{_para(i).replace("village council", "forum member")}</p></div></div>'
        for i in range(5)
    )
    return f"""<html><head>{head}</head><body><nav><a href="/">Forum index</a></nav>
    <main><h1>The old mill</h1><div class="comments">{posts}</div></main></body></html>"""


def test_posts_of_a_page_that_declares_a_forum_thread_are_its_content():
    ld = '<script type="application/ld+json">{"@type": "DiscussionForumPosting", "headline": "x"}</script>'
    result = segmenter.segment(_thread(ld))
    assert result.article is not None
    assert result.article.text.count("forum member") == 5


def test_comment_markup_stays_junk_on_a_page_that_declares_no_discussion():
    result = segmenter.segment(_thread(""))
    assert result.article is None or "forum member" not in result.article.text


def test_microdata_itemtype_declares_a_discussion_too():
    page = _thread("").replace("<main>", '<main itemscope itemtype="https://schema.org/DiscussionForumPosting">')
    result = segmenter.segment(page)
    assert result.article is not None
    assert result.article.text.count("forum member") == 5


@pytest.mark.parametrize(
    "text",
    ["Table of Contents", "Contents ▼", "5 min read", "Mar 3, 2021 · 12 min read", "Reading time: 4 minutes",
     "Story continues below advertisement", "Always active", "Functional cookies", "Related posts",
     "Most read in Sport", "About the author", "Recommended from Editorial", "Berita Lainnya", "Реклама:",
     "Fehler gefunden? Jetzt melden.", "Läs också", "Czytaj także:", "Читайте также", "İlgili Haberler"],
)
def test_furniture_lines_read_as_boilerplate(text):
    block = make_features(text)
    votes = list(BoilerplateTextRule().evaluate(block, make_page([block])))
    assert votes and votes[0].label is Label.JUNK


@pytest.mark.parametrize("text", ["Stand: 17.06.2025 18:24 Uhr", "Publiziert 6. November 2025, 12:26"])
def test_more_date_labels(text):
    assert DATE_ONLY.match(text)


@pytest.mark.parametrize("text", ["The contents of the box were sold.", "She read for 5 minutes before bed."])
def test_prose_mentioning_contents_or_reading_is_not_furniture(text):
    block = make_features(text)
    assert not list(BoilerplateTextRule().evaluate(block, make_page([block])))


def test_a_post_wrapped_in_a_newsletter_class_is_not_a_signup_box():
    # a newsletter's own post page: the post sits in "newsletter-post", next to a wall of
    # reader quotes; the signup box is small
    paras = "".join(f"<p>{_para(i)}</p>" for i in range(5))
    quotes = "".join(
        f"<blockquote>{_para(i).replace('village council', 'happy reader')}</blockquote>" for i in range(3)
    )
    page = f"""<html><body><main><h1>The old mill</h1>
    <div class="newsletter-post"><article>{paras}</article></div>
    <div class="newsletter-signup"><p>Sign up for our letters.</p><input type="email"></div>
    <section class="praise">{quotes}</section></main></body></html>"""
    result = segmenter.segment(page)
    assert result.article is not None
    assert result.article.text.count("village council") == 5


def test_story_split_by_a_box_of_links_between_sibling_containers_is_one_region():
    # the story runs in two sibling text boxes with a box of links to other stories between
    first = "".join(f"<p>{_para(i)}</p>" for i in range(3))
    second = "".join(f"<p>{_para(i + 3)}</p>" for i in range(6))
    links = "".join(f'<li><a href="/s/{i}">Another story number {i} about the ferry</a></li>' for i in range(4))
    more = "".join(f'<li><a href="/t/{i}">Yet another story number {i} about the harbour</a></li>' for i in range(12))
    page = f"""<html><body><div class="page"><h1>The old mill</h1><div class="boxes">
    <div class="box-text">{first}</div><div class="box-links"><ul>{links}</ul></div>
    <div class="box-text">{second}</div><div class="box-links"><ul>{more}</ul></div></div></div></body></html>"""
    result = segmenter.segment(page)
    assert result.article is not None
    assert result.article.text.count("village council") == 9
    assert "another story" not in result.article.text.lower()
    # both text boxes are the text region, not one of them and prose beside it
    assert all(b.features.in_main_region for b in result.blocks if "village council" in b.text)


def test_sections_of_a_page_builder_beside_a_deeply_wrapped_region_join_it():
    # each section of the page wraps its text in five single-child boxes; the story's sections
    # are siblings five levels above the text
    def section(paras: str, i: int) -> str:
        # (an empty decoration beside one wrapper leaves the text alone in its box all the same)
        deco = '<span class="deco"></span>'
        return (
            f'<div class="sec sec-{i}">{deco}<div>{deco}<div>{deco}<div>{deco}<div>{deco}'
            f'<div class="txt">{paras}</div></div></div></div></div></div>'
        )

    long = "".join(f"<p>{_para(i)}</p>" for i in range(4))
    other = "".join(f"<p>{_para(i + 4)}</p>" for i in range(2))
    # a box of links in the same row keeps the row itself from being the densest region
    links = "".join(f'<li><a href="/p/{i}">Another page of the site, number {i}, about the mill</a></li>' for i in range(40))
    page = (
        "<html><body><div class='page'><h1>The old mill</h1><div class='sections'>"
        f"{section(long, 1)}{section(other, 2)}{section(other.replace('day', 'night'), 3)}"
        f"<div class='links'><ul>{links}</ul></div></div></div></body></html>"
    )
    result = segmenter.segment(page)
    assert result.article is not None
    assert result.article.text.count("village council") == 8
    assert all(b.features.in_main_region for b in result.blocks if "village council" in b.text)


def test_a_lone_blurb_on_a_page_of_other_text_is_no_article():
    # a page that is mostly a site map of links, with one short company blurb: no article
    links = "".join(
        f'<li><a href="/c/{i}">Garden trowels, forks and spades, range {i}</a></li>' for i in range(60)
    )
    blurb = (
        "<p>Greenfield Tools has made sturdy hand tools for gardeners since 1931, in a small workshop by "
        "the river. Every trowel, fork and spade is forged, ground and fitted by hand, and we repair what "
        "we sell for as long as you own it.</p>"
    )
    page = f"<html><body><nav><ul>{links}</ul></nav>{blurb}<footer><ul>{links}</ul></footer></body></html>"
    result = segmenter.segment(page)
    assert result.article is None


def test_a_short_article_that_is_most_of_the_page_is_kept():
    page = f"<html><body><h1>Notice</h1><p>{PROSE}</p><p>{PROSE.replace('village', 'town')}</p></body></html>"
    result = segmenter.segment(page)
    assert result.article is not None


@pytest.mark.parametrize(
    "text",
    [
        "By entering your email address you agree to receive our weekly letters and offers from our partners, "
        "and you acknowledge our privacy notice, which explains how we store and process what you give us.",
        "We use cookies to remember your settings and to measure how our pages are read.",
        "I consent to Example Ltd processing my email address to send me offers.",
    ],
)
def test_form_fine_print_is_boilerplate(text):
    block = make_features(text)
    votes = list(BoilerplateTextRule().evaluate(block, make_page([block])))
    assert votes and votes[0].label is Label.JUNK


@pytest.mark.parametrize(
    "text", ["I agree with the last poster: the old saw is better than the new one.", "By using a sharp chisel you avoid tearing the grain of the wood."]
)
def test_agreeing_in_prose_is_not_fine_print(text):
    block = make_features(text)
    assert not list(BoilerplateTextRule().evaluate(block, make_page([block])))


def _listing(intro: str) -> str:
    items = "".join(
        f'<li class="job"><a href="/jobs/{i}">Senior harbour pilot wanted for the night shift, post {i}</a>'
        f'<span class="place">Northport</span><span class="age">{i + 1}d</span></li>'
        for i in range(20)
    )
    return f"""<html><body><nav><a href="/">Home</a> <a href="/jobs">Jobs</a></nav>
    <main><h1>Harbour jobs</h1>{intro}<ul class="jobs">{items}</ul></main>
    <footer><p>Northport Harbour Board</p></footer></body></html>"""


def test_a_page_that_lists_items_under_its_headline_has_the_list_as_its_article():
    result = segmenter.segment(_listing("<p>All open posts.</p>"))
    assert result.article is not None
    assert result.article.text.count("Senior harbour pilot") == 20
    assert "Home" not in result.article.text


def test_an_article_followed_by_teasers_keeps_the_teasers_out():
    intro = "".join(f"<p>{_para(i)}</p>" for i in range(3))
    result = segmenter.segment(_listing(intro))
    assert result.article is not None
    assert "village council" in result.article.text
    assert "Senior harbour pilot" not in result.article.text


def test_a_passage_printed_twice_for_two_screen_sizes_is_read_once():
    section = "".join(f"<p>{_para(i)}</p>" for i in range(3))
    page = f"""<html><body><article><h1>The old mill</h1><p>{PROSE.replace("village", "county")}</p>
    <div class="mobile-only">{section}</div><div class="desktop-only">{section}</div></article></body></html>"""
    result = segmenter.segment(page)
    assert result.article is not None
    assert result.article.text.count("village council") == 3


def test_a_single_repeated_line_stays():
    quote = "<p>The mill will reopen as a bakery next spring, the council said.</p>"
    paras = "".join(f"<p>{_para(i)}</p>" for i in range(2))
    page = f"<html><body><article><h1>The old mill</h1>{quote}{paras}{quote}</article></body></html>"
    result = segmenter.segment(page)
    assert result.article is not None
    assert result.article.text.count("reopen as a bakery") == 2


def test_a_year_alone_in_a_table_cell_is_data_not_a_dateline():
    cell = make_features("1947", tag="td", in_table=True)
    assert not list(BylineDatelineRule().evaluate(cell, make_page([cell])))
    line = make_features("12 March 2024")
    assert [v.label for v in BylineDatelineRule().evaluate(line, make_page([line]))] == [Label.DATELINE]


def test_the_snippets_of_related_cards_inside_the_article_go_with_their_headlines():
    paras = "".join(f"<p>{_para(i)}</p>" for i in range(5))
    cards = "".join(
        f'<div class="related-post"><h4><a href="/p/{i}">Bridge repairs on the east road take another month, part {i}</a></h4>'
        f"<p>Engineers found more rust than expected under the deck of the old bridge, and the road stays shut.</p>"
        f"<p>March {i + 1}, 2024</p></div>"
        for i in range(3)
    )
    page = f"""<html><body><article><h1>The old mill</h1><div class="entry-content">{paras}
    <div class="related-posts"><h3>Related</h3>{cards}</div></div></article></body></html>"""
    result = segmenter.segment(page)
    assert result.article is not None
    assert result.article.text.count("village council") == 5
    assert "Engineers found more rust" not in result.article.text


def test_component_prefixes_are_not_consent_dialogs():
    # Adobe's page components are all "cmp-…"; cookie compounds and consent plugins are cookies
    assert "cookie" not in classify("cmp-text cmp-container")[1]
    assert "cookie" in classify("cmplz-cookiebanner")[1]
    assert "cookie" in classify("site-cookienotice")[1]


def test_button_labels_are_furniture():
    from segmenter.rules.builtin import SemanticContainerRule

    block = make_features("Copy link", tag="button", containers={"button"})
    votes = list(SemanticContainerRule().evaluate(block, make_page([block])))
    assert [v.label for v in votes] == [Label.JUNK]


def test_hiding_utility_classes_hide_unless_a_screen_size_shows_them():
    from segmenter.vocab import hides

    assert hides("paywall hidden") and hides("d-none") and hides("box is-hidden")
    assert not hides("hidden md:block") and not hides("d-none d-lg-flex") and not hides("hide")
    page = f"""<html><body><article><h1>The old mill</h1>{"".join(f"<p>{_para(i)}</p>" for i in range(3))}
    <div class="promo hidden"><p>This content is reserved for subscribers, who get unlimited access.</p></div>
    </article></body></html>"""
    result = segmenter.segment(page)
    assert result.article is not None
    assert "reserved for subscribers" not in result.article.text


def test_an_author_box_is_not_the_story_but_an_author_class_on_the_wrapper_is_ignored():
    paras = "".join(f"<p>{_para(i)}</p>" for i in range(4))
    bio = "<div class='about-writer'><p>Jane Example has covered the county's mills and bakeries for twenty years, and lives by the river.</p></div>"
    page = f"<html><body><div><article class='story byline'><h1>The old mill</h1>{paras}</article>{bio}</div></body></html>"
    result = segmenter.segment(page)
    assert result.article is not None
    assert result.article.text.count("village council") == 4
    assert "twenty years" not in result.article.text


def test_a_site_footer_full_of_prose_is_not_a_wrapper():
    # a footer with long legal notes holds a good share of the page's prose; it is still the
    # footer, not a layout wrapper whose class says nothing
    paras = "".join(f"<p>{_para(i)}</p>" for i in range(3))
    legal = (
        "<p>The products named on this site are offered by several member companies, each of which is "
        "responsible for its own obligations, and the terms that apply to them are set out in full in "
        "the documents that come with every policy that any of these companies issues.</p>"
    )
    page = f"""<html><body><div class="page"><div class="entry"><h1>The old mill</h1>{paras}</div>
    <div class="site-footer">{legal}{legal.replace("products", "services")}</div></div></body></html>"""
    result = segmenter.segment(page)
    assert result.article is not None
    assert result.article.text.count("village council") == 3
    assert "member companies" not in result.article.text


def test_disclaimers_and_overlays_are_not_the_story():
    assert "footer" in classify("article-disclaimer")[1]
    assert "overlay" in classify("newsletter-modal")[1] or "newsletter" in classify("newsletter-modal")[1]
    assert "overlay" not in classify("image-overlay")[1]  # a caption set over its photo
    assert "overlay" in classify("help-tooltip")[1]
    paras = "".join(f"<p>{_para(i)}</p>" for i in range(4))
    # prose right beside the story leads into it, unless its class says what it is
    page = f"""<html><body><div class="wrap"><article><h1>The old mill</h1>{paras}</article>
    <div class="article-disclaimer"><p>Opinions stated here belong to the writer and to nobody else at all, whatever the council says.</p></div>
    <div class="js-popup"><p>Before you go, have a look at the many other stories about the valley that we have.</p></div>
    </div></body></html>"""
    result = segmenter.segment(page)
    assert result.article is not None
    assert result.article.text.count("village council") == 4
    assert "Opinions stated" not in result.article.text
    assert "Before you go" not in result.article.text


def test_a_teaser_snippet_cut_off_with_read_more_is_not_the_story():
    rule = BoilerplateTextRule()
    page = make_page([])
    cut = make_features(
        text="Ever wondered why the old mill stood empty for so long? The council had its reasons, and… Read more Read more",
        words=20,
    )
    assert [e.label for e in rule.evaluate(cut, page)] == [Label.JUNK]
    whole = make_features(text=PROSE + " More…", words=33)  # an ellipsis alone cuts nothing off
    assert list(rule.evaluate(whole, page)) == []
    paras = "".join(f"<p>{_para(i)}</p>" for i in range(4))
    teasers = "".join(
        f'<div class="item"><p>{_para(i).replace("council", "club")[:90]}… <a href="/s{i}">Read more</a></p></div>'
        for i in range(3)
    )
    html = f"<html><body><article><h1>The old mill</h1>{paras}{teasers}</article></body></html>"
    result = segmenter.segment(html)
    assert result.article is not None
    assert result.article.text.count("village council") == 4
    assert "club" not in result.article.text


LEGAL = (
    "Example Homes is licensed to do business in several states, and every listing shown here is "
    "provided by third parties whose accuracy the company does not guarantee in any way at all."
)


def test_fine_print_after_a_copyright_notice_is_not_the_article():
    # a site footer without <footer> or a footer class: the copyright notice closes the page, and
    # the licences and disclosures printed after it are fine print, however prose-like
    paras = "".join(f"<p>{_para(i)}</p>" for i in range(8))
    legal = "".join(f"<p>{LEGAL.replace('several', f'{i + 2}')}</p>" for i in range(2))
    page = f"""<html><body><div class="wrap"><div class="main"><h1>The old mill</h1>{paras}</div>
    <div class="bottom"><p>Copyright 2025 Example Homes. All rights reserved.</p>{legal}</div>
    </div></body></html>"""
    result = segmenter.segment(page)
    assert result.article is not None
    assert "old mill" in result.article.text
    assert "licensed to do business" not in result.article.text


def test_a_copyright_line_early_in_the_page_closes_nothing():
    paras = "".join(f"<p>{_para(i)}</p>" for i in range(4))
    page = f"""<html><body><p>© 2025 Example Media</p><div class="main"><h1>The old mill</h1>{paras}</div>
    </body></html>"""
    result = segmenter.segment(page)
    assert result.article is not None
    assert result.article.text.count("old mill") >= 4


def test_streamed_react_segments_are_shown_content():
    # React's streamed server rendering parks late parts of the page in <div hidden id="S:n">
    # and a script moves each into its <template id="B:n"> slot at once: a reader sees them
    nav = "".join(f'<li><a href="/s{i}">Section number {i} of the site</a></li>' for i in range(12))
    paras = "".join(f"<p>{_para(i)}</p>" for i in range(4))
    page = f"""<html><body><nav><ul>{nav}</ul></nav><main><template id="B:0"></template></main>
    <div hidden id="S:0"><article><h1>The old mill</h1>{paras}</article></div>
    <div hidden id="drawer"><p>{_para(9).replace("council", "drawer")}</p></div></body></html>"""
    result = segmenter.segment(page)
    assert result.article is not None
    assert result.article.text.count("old mill") >= 4
    assert "drawer" not in " ".join(b.text for b in result.blocks)


def test_thread_whose_prose_is_all_in_comment_markup_keeps_its_posts():
    # a forum thread that declares no schema.org type: every post sits in comment markup
    posts = "".join(
        f'<div class="comment"><p class="author">member{i}</p><p>{_para(i)} {_para(i + 7)}</p></div>'
        for i in range(6)
    )
    page = f"""<html><body><nav><a href="/">Forum home</a></nav><main><h1>Restoring an old mill</h1>
    <div class="comments">{posts}</div></main></body></html>"""
    result = segmenter.segment(page)
    assert result.article is not None
    assert result.article.text.count("village council") >= 10


def test_comments_under_a_story_stay_out_of_it():
    paras = "".join(f"<p>{_para(i)}</p>" for i in range(3))
    comments = "".join(
        f'<div class="comment"><p>{_para(i).replace("council", "reader")} I disagree.</p></div>' for i in range(12)
    )
    page = f"""<html><body><main><h1>The old mill</h1><div class="story">{paras}</div>
    <div class="comments">{comments}</div></main></body></html>"""
    result = segmenter.segment(page)
    assert result.article is not None
    assert "village council" in result.article.text
    assert "I disagree" not in result.article.text


def test_a_photo_credit_late_in_the_story_closes_nothing():
    # "© Name" under a picture near the end of a story is a credit, not the site's notice: the
    # story's last part, in a container of its own after the picture, is still the story
    paras = "".join(f"<p>{_para(i)}</p>" for i in range(7))
    tail = "".join(f"<p>{_para(i + 20)}</p>" for i in range(2))
    page = f"""<html><body><article><h1>The old mill</h1><div class="part">{paras}</div>
    <figure><img src="/mill.jpg" alt=""><figcaption>© Jane Doe</figcaption></figure>
    <div class="part">{tail}</div></article></body></html>"""
    result = segmenter.segment(page)
    assert result.article is not None
    assert "day 21 of the week" in result.article.text


def test_an_inline_widget_class_does_not_mark_the_sentence_around_it():
    # a formula widget classed like a menu ("ContextMenu_Attached") inside a sentence: its class
    # describes the widget, not the prose it sits in
    paras = "".join(f"<p>{_para(i)}</p>" for i in range(3))
    page = f"""<html><body><h1>The old mill</h1>{paras}
    <p>When <span class="Formula ContextMenu_Attached"><math><mi>x</mi></math></span>, the
    council agreed that the roof of the old mill must be repaired before the winter comes.</p>
    </body></html>"""
    result = segmenter.Segmenter(keep_evidence=True).segment(page)
    assert result.article is not None
    assert "roof of the old mill" in result.article.text
    block = next(b for b in result.blocks if "roof of the old mill" in b.text)
    assert "'nav'" not in str(result.explain(block.index))


def test_an_inline_junk_class_that_covers_the_line_still_marks_it():
    paras = "".join(f"<p>{_para(i)}</p>" for i in range(4))
    page = f"""<html><body><h1>The old mill</h1>{paras}
    <p><span class="share-tools">Share this story with your friends and family on every network</span></p>
    </body></html>"""
    result = segmenter.segment(page)
    assert result.article is not None
    assert "Share this story" not in result.article.text


def test_an_author_span_names_its_whole_line():
    # a marker class (byline) counts with any text of its own: "Agency" before the date
    paras = "".join(f"<p>{_para(i)}</p>" for i in range(4))
    page = f"""<html><body><article><h1>The old mill</h1>
    <div class="info"><span class="author">Agency</span> 30 April 2015 07:19 (updated 07:38)</div>
    {paras}</article></body></html>"""
    result = segmenter.segment(page)
    assert result.article is not None
    assert "07:19" not in result.article.text


def _reference_page(notes_class: str) -> str:
    paras = "".join(f"<p>{_para(i)}</p>" for i in range(8))
    refs = "".join(
        f'<li id="cite_note-{i}"><b><a href="#r{i}">^</a></b> <cite class="citation">'
        f'<a href="https://example.org/mill/{i}">"Mills of the valley, part {i}"</a>. Valley Press. '
        f"{2000 + i}.</cite></li>"
        for i in range(8)
    )
    return f"""<html><body><div class="page"><div class="main"><h1>The old mill</h1>
    <div class="section">{paras}</div></div>
    <div class="{notes_class}"><h2>References</h2><ol>{refs}</ol></div>
    <div class="site-nav"><ul><li><a href="/a">Home</a></li><li><a href="/b">About</a></li></ul></div>
    </div></body></html>"""


@pytest.mark.parametrize("notes_class", ["reflist", "footnotes", "wp-block-footnotes", "bibliography"])
def test_the_articles_references_beside_its_text_are_part_of_it(notes_class):
    result = segmenter.segment(_reference_page(notes_class))
    assert result.article is not None
    assert result.article.text.count("Mills of the valley") == 8
    assert not any("Mills of the valley" in card.title for card in result.related)


def test_the_same_list_in_a_neutral_box_reads_as_links_to_elsewhere():
    # the control: without a references class nothing says the list is the article's own
    result = segmenter.segment(_reference_page("box"))
    assert result.article is not None
    assert "Mills of the valley" not in result.article.text


def test_a_dialog_role_marks_a_box_over_the_page_however_much_prose_it_holds():
    story = "".join(f"<p>{_para(i)}</p>" for i in range(3))
    notice = "".join(
        f"<p>{_para(i).replace('council', 'partner')} You can change this choice at any time.</p>" for i in range(5)
    )
    page = f"""<html><body><main><h1>The old mill</h1>{story}</main>
    <div class="cs-banner"><div role="alertdialog"><h2>Notice</h2>{notice}</div></div></body></html>"""
    result = segmenter.segment(page)
    assert result.article is not None
    assert "village council" in result.article.text
    assert "partner" not in result.article.text


def test_a_skip_ad_button_is_furniture():
    block = make_features(text="Skip Ad", words=2)
    votes = list(BoilerplateTextRule().evaluate(block, make_page([block])))
    assert votes and votes[0].label is Label.JUNK


@pytest.mark.parametrize(
    "text",
    [
        "We and selected third parties use cookies or similar technologies for technical purposes.",
        "We and our 812 partners store and access information on your device.",
    ],
)
def test_consent_notices_are_fine_print(text):
    block = make_features(text=text, words=len(text.split()))
    votes = list(BoilerplateTextRule().evaluate(block, make_page([block])))
    assert votes and votes[0].label is Label.JUNK


@pytest.mark.parametrize(
    "text",
    ["Les også: Ministeren går av etter tre år", "Läs också: Så blir vädret i helgen", "Czytaj też: Nowy most w mieście",
     "Читайте также: Новый мост открыт"],
)
def test_read_also_lead_ins_in_more_languages(text):
    from segmenter.rules.builtin import RelatedLinkRule

    block = make_features(text=text, words=len(text.split()), first_href="/x", link_chars=len(text) - 12, link_density=0.7)
    votes = list(RelatedLinkRule().evaluate(block, make_page([block])))
    assert votes and votes[0].label is Label.RELATED


def test_a_highlighters_comment_class_in_code_is_no_comment_section():
    # highlight.js and Prism mark the comments of a code sample "hljs-comment" / "token comment"
    paras = "".join(f"<p>{_para(i)}</p>" for i in range(4))
    code = "\n".join(
        f'<span class="hljs-comment"># step {i}: stage every modified file before the commit</span>\ngit add -A'
        for i in range(6)
    )
    page = f"<html><body><article><h1>The old mill</h1>{paras}<pre><code>{code}</code></pre>{paras}</article></body></html>"
    result = segmenter.Segmenter(keep_evidence=True).segment(page)
    assert result.article is not None
    assert "git add -A" in result.article.text
    block = next(b for b in result.blocks if "git add -A" in b.text)
    assert "'comments'" not in str(result.explain(block.index))



def _paywalled(body_paragraphs: int, shown: int) -> str:
    import json as _json

    body = "\n".join(_para(i) for i in range(body_paragraphs))
    ld = _json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "The old mill",
                      "isAccessibleForFree": False, "articleBody": body})
    paras = "".join(f"<p>{_para(i)}</p>" for i in range(shown))
    return f"""<html><head><script type="application/ld+json">{ld}</script></head><body><article>
    <h1>The old mill</h1>{paras}<div class="paywall"><p>Subscribe to read the whole story.</p></div>
    </article></body></html>"""


def test_a_paywalled_page_gives_the_article_body_it_declares():
    result = segmenter.segment(_paywalled(12, 2))
    assert result.article is not None
    assert result.article.text.count("village council") == 12
    assert all(p.block == -1 for p in result.article.paragraphs)
    assert any("articleBody" in w for w in result.warnings)
    # the blocks on the page keep their labels
    assert sum(b.label is Label.BODY for b in result.blocks if "village council" in b.text) == 2


def test_a_page_that_shows_its_whole_body_keeps_its_own_paragraphs():
    result = segmenter.segment(_paywalled(4, 4))
    assert result.article is not None
    assert all(p.block >= 0 for p in result.article.paragraphs)
    assert not any("articleBody" in w for w in result.warnings)


def test_the_declared_body_can_be_turned_off():
    result = segmenter.Segmenter(declared_body=False).segment(_paywalled(12, 2))
    assert result.article is not None
    assert result.article.text.count("village council") == 2


def test_a_declared_body_of_another_text_is_not_taken():
    from segmenter.assemble import declared_body
    from segmenter.model import Article, Paragraph

    article = Article("The old mill", (Paragraph(PROSE, block=3),))
    other = " ".join(["Quarterly revenue figures for the regional bus network rose sharply again."] * 20)
    assert declared_body(article, other) is None
    assert declared_body(article, " ".join([PROSE] * 6)) is not None


def test_a_declared_body_in_html_is_read_as_text():
    from segmenter.assemble import declared_body
    from segmenter.model import Article, Paragraph

    article = Article("The old mill", (Paragraph(PROSE, block=3),))
    body = "".join(f"<p>{_para(i)} <a href='/x'>More</a></p>" for i in range(6))
    got = declared_body(article, body)
    assert got is not None and len(got.paragraphs) == 6
    assert "<" not in got.text


def test_a_mega_menu_in_nav_is_never_the_pages_wrapper():
    # a shop's mega menu of custom elements (no <a>, so no link density) holds more text than the
    # product's description: the <nav> around it still marks it as navigation
    items = "".join(
        f'<div class="col"><dropdown-item href="/c{i}">Acoustic and electric guitar category number {i} '
        f"with cases and gig bags</dropdown-item></div>"
        for i in range(40)
    )
    desc = "".join(f"<p>{_para(i)}</p>" for i in range(2))
    page = f"""<html><body><section class="site-header"><nav class="site-nav">{items}</nav></section>
    <main><h1>The old mill</h1>{desc}</main></body></html>"""
    result = segmenter.segment(page)
    assert result.article is not None
    assert "village council" in result.article.text
    assert "guitar category" not in result.article.text


def test_a_hidden_tab_panel_is_read_as_part_of_the_article():
    # the same steps for another programming language wait in a tab panel hidden until its tab
    # is chosen: one click away, it is part of the article (a hidden box that is no tab panel
    # stays out)
    steps = "Install the library with your package manager, then open a new file and paste the code below it."
    html = (
        "<html><body><article><h1>Send your first message</h1>"
        f"<p>{steps} The quickstart walks through each part of the request in turn.</p>"
        '<div role="tablist"><button role="tab">Python</button><button role="tab">Ruby</button></div>'
        f'<div role="tabpanel"><p>Python: {steps}</p></div>'
        f'<div role="tabpanel" hidden style="display:none"><p>Ruby: {steps}</p></div>'
        f'<div hidden><p>Unrelated hidden note: {steps}</p></div>'
        f"<p>{steps} When the message arrives, the console shows its status.</p>"
        "</article></body></html>"
    )
    result = segmenter.segment(html)
    assert result.article is not None
    assert "Ruby: Install" in result.article.text
    assert "Unrelated hidden note" not in result.article.text
    assert not any("Unrelated hidden note" in b.text for b in result.blocks)


def _story(headline: str, day: int) -> str:
    paras = "".join(f"<p>{_para(day + i)}</p>" for i in range(6))
    return f"<article><h1>{headline}</h1>{paras}</article>"


def test_a_story_stacked_below_by_infinite_scroll_is_not_the_article():
    # the page is for the first story; scrolling appended the next one, whole, with its own h1
    html = (
        "<html><head><title>The mill reopens</title></head><body><main>"
        + _story("The mill reopens", 1)
        + "<div class='next'>" + _story("A bridge for the valley", 20) + "</div>"
        + "</main></body></html>"
    )
    seg = segmenter.segment(html)
    assert seg.article is not None and seg.article.title == "The mill reopens"
    assert "day 1 of the week" in seg.article.text
    assert "day 20 of the week" not in seg.article.text
    stacked = [b for b in seg.blocks if "day 21 of the week" in b.text]
    assert stacked and stacked[0].features.other_story and stacked[0].label is Label.JUNK
    # nothing is lost: the next story is junk of the promo kind, with its reason
    assert any("day 21 of the week" in j.text and j.kind.value == "promo" for j in seg.junk)
    assert "another story" in str(seg.explain(stacked[0].index))


def test_teaser_cards_set_as_articles_with_h1s_are_not_other_stories():
    # a blog's list page: each card is an <article> whose headline is an h1, with a snippet
    cards = "".join(
        f"<article><h1><a href='/p{i}'>Notes from the mill, part {i}</a></h1><p>{_para(i)[:90]}</p></article>"
        for i in range(8)
    )
    seg = segmenter.segment(f"<html><body><main>{cards}</main></body></html>")
    assert not any(b.features.other_story for b in seg.blocks)


def test_articles_nested_in_the_titles_article_are_not_other_stories():
    # an HTML5 outline that makes each section an <article> with an h1 inside the page's article
    html = (
        "<html><head><title>The mill reopens</title></head><body><article><h1>The mill reopens</h1>"
        + "".join(f"<p>{_para(i)}</p>" for i in range(3))
        + _story("What the bakers say", 10)
        + "</article></body></html>"
    )
    seg = segmenter.segment(html)
    assert seg.article is not None
    assert "day 11 of the week" in seg.article.text
    assert not any(b.features.other_story for b in seg.blocks)


def test_a_box_of_similar_articles_is_related():
    # "similars" / "similar-articles": the related-stories tab under a story
    assert "related" in classify_id("similars")[1]
    assert "related" in classify("similar-articles")[1]


def test_a_folded_accordion_panel_is_read_as_part_of_the_page():
    # the WAI-ARIA accordion: a button with aria-expanded="false" folds a panel (role="region",
    # aria-labelledby the button) kept aria-hidden until it is pressed; one click shows it. A
    # hidden region labelled by nothing stays out.
    policy = "Every order is checked by hand before it ships, and a faulty item is replaced at once."
    html = (
        "<html><body><main><h1>Walnut desk organiser</h1>"
        f"<p>{_para(1)}</p>"
        '<button id="b1" aria-expanded="false" aria-controls="p1">Quality promise</button>'
        f'<div id="p1" role="region" aria-labelledby="b1" aria-hidden="true"><p>{policy}</p></div>'
        f'<div role="region" aria-hidden="true"><p>Stale banner: {policy}</p></div>'
        f"<p>{_para(2)}</p></main></body></html>"
    )
    result = segmenter.segment(html)
    assert result.article is not None
    assert policy in result.article.text
    assert not any("Stale banner" in b.text for b in result.blocks)


def test_a_shortlist_of_product_links_in_a_review_stays_in_the_article():
    # a buying guide: each section's text leads into a list of linked product names, and the
    # text runs on after it
    sections = "".join(
        f"<h3>{n}. Pliers of kind {n}</h3><p>{_para(n)}</p><p>Top picks:</p>"
        f"<ul><li><h2><a href='/p{n}a'>Acme model {n}A long nose pliers</a></h2></li>"
        f"<li><h2><a href='/p{n}b'>Bolt model {n}B long nose pliers</a></h2></li></ul>"
        for n in range(1, 6)
    )
    html = (
        "<html><head><title>Tools every electrician needs</title></head><body>"
        f"<article class='post-content'><h1>Tools every electrician needs</h1>{sections}<p>{_para(9)}</p></article>"
        "</body></html>"
    )
    seg = segmenter.segment(html)
    assert seg.article is not None
    assert "Acme model 3A long nose pliers" in seg.article.text


def test_an_accordions_drawer_is_no_menu():
    # "accordion_drawer": a fold of the text that opens in place; a bare "drawer" is a menu
    assert "nav" not in classify("comp sc-block-accordion_drawer")[1]
    assert "nav" not in classify("accordion__drawer")[1]
    assert "nav" in classify("nav-drawer")[1]
    assert "nav" in classify("mobile-drawer")[1]


def test_a_generated_hash_spells_no_vocabulary():
    # camel-case humps of a random id or a CSS-in-JS class ("n1|Au|Ad|Jl|VL") spell no "ad"
    assert classify_id("block-id-n1AuAdJlVL")[1] == frozenset()
    assert classify("sc-1x eAdNqk")[1] == frozenset()
    # words in camel case still count
    assert "ad" in classify_id("getAdUnitId")[1]
    assert "ad" in classify("adBanner")[1]
    assert "nav" in classify("topNavBar")[1]


def test_a_css_modules_hash_spells_no_vocabulary():
    # CSS Modules append the file's hash: "__adKqa" is no ad
    assert classify("mdx-table_root__adKqa")[1] == frozenset()
    assert "ad" in classify("ad_slot__container")[1]
    assert "share" in classify("share__button")[1]


def test_a_follow_up_is_no_follow_button():
    assert "share" not in classify("follow-up__item")[1]
    assert "share" in classify("follow-us")[1]


def test_a_date_line_with_its_reading_time_is_a_date_line():
    assert DATE_ONLY.match("Aktualisiert am 07.01.2026 - 18:50 UhrLesedauer: 4 Min.")
    assert DATE_ONLY.match("March 3, 2026 · 5 min read")
    assert not DATE_ONLY.match("Read this in 5 minutes, then go outside.")


def test_adv_before_a_controls_name_is_advanced_not_an_ad():
    # a page builder's "advanced heading" block; an advertorial stays an ad
    assert "ad" not in classify("kt-adv-heading356_9c83af-2d wp-block-kadence-advancedheading")[1]
    assert "ad" not in classify("adv-search")[1]
    assert "ad" in classify("adv-news")[1]
