"""Failure classes of article extraction found on the benchmark corpora, each pinned by a small
invented page or synthetic blocks (issue #3). No corpus text: every page here is made up."""

from __future__ import annotations

import segmenter
from segmenter.vocab import classify

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
    # streamed server rendering: a placeholder where the content goes, the content itself in a
    # hidden element that a script moves into place
    paras = "".join(f"<p>{_para(i)}</p>" for i in range(4))
    page = f"""<html><body><div hidden></div><template id="B:0"></template>
    <div hidden id="S:0"><article><h1>The old mill</h1>{paras}</article></div>
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
