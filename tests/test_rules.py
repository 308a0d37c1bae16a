"""Unit tests of each built-in rule on synthetic blocks (no HTML involved)."""

from __future__ import annotations

import pytest

from segmenter import JunkKind, Label
from segmenter.resolve import resolve
from segmenter.rules.builtin import (
    BoilerplateTextRule,
    BylineDatelineRule,
    CaptionRule,
    ClassVocabularyRule,
    ContextSmoothingRule,
    HeadingRule,
    LinkDensityRule,
    MainRegionRule,
    ProseRule,
    RelatedLinkRule,
    SemanticContainerRule,
    TitleRule,
)
from segmenter.testing import make_features, make_page

PROSE = (
    "The council said on Tuesday that it would review the plan again after residents raised "
    "concerns about the cost of the new bridge and the time it would take to build it."
)


def votes(rule, block, page=None):
    page = page or make_page([block])
    return list(rule.evaluate(page.blocks[block.index] if block.index < len(page.blocks) else block, page))


def labels(evidence):
    return [e.label for e in evidence]


def test_title_rule_is_final_only_on_the_title_block():
    blocks = [make_features("Headline", heading_level=1), make_features(PROSE)]
    page = make_page(blocks, title_block=0)
    ev = list(TitleRule().evaluate(page.blocks[0], page))
    assert [(e.label, e.final) for e in ev] == [(Label.TITLE, True)]
    assert list(TitleRule().evaluate(page.blocks[1], page)) == []


@pytest.mark.parametrize(
    ("containers", "label", "kind"),
    [
        ({"nav"}, Label.JUNK, JunkKind.NAVIGATION),
        ({"role:navigation"}, Label.JUNK, JunkKind.NAVIGATION),
        ({"footer"}, Label.JUNK, JunkKind.FOOTER),
        ({"form"}, Label.JUNK, JunkKind.PROMO),
        ({"label"}, Label.JUNK, JunkKind.PROMO),
        ({"itemprop:articlebody"}, Label.BODY, None),
        ({"article"}, Label.BODY, None),
    ],
)
def test_semantic_containers(containers, label, kind):
    ev = votes(SemanticContainerRule(), make_features(PROSE, containers=containers))
    assert ev and ev[0].label is label and ev[0].kind is kind


def test_semantic_containers_silent_outside_containers():
    assert votes(SemanticContainerRule(), make_features(PROSE)) == []


def test_page_header_is_junk_but_article_header_is_not():
    assert labels(votes(SemanticContainerRule(), make_features("Menu", containers={"header"}))) == [Label.JUNK]
    inside = make_features("Menu", containers={"header", "article"})
    assert Label.JUNK not in labels(votes(SemanticContainerRule(), inside))


def test_class_vocabulary_votes_junk_with_kind():
    ev = votes(ClassVocabularyRule(), make_features("Share", categories={"share"}))
    assert [(e.label, e.kind) for e in ev] == [(Label.JUNK, JunkKind.SOCIAL)]
    ev = votes(ClassVocabularyRule(), make_features(PROSE, categories={"comments"}))
    assert ev[0].kind is JunkKind.COMMENTS


def test_class_vocabulary_content_is_a_weak_body_hint():
    ev = votes(ClassVocabularyRule(), make_features(PROSE, categories={"content"}))
    assert labels(ev) == [Label.BODY] and ev[0].weight < 1


def test_main_region_votes_both_ways():
    assert labels(votes(MainRegionRule(), make_features(PROSE, in_main_region=True))) == [Label.BODY]
    far = make_features(PROSE, in_main_region=False, region_distance=9)
    assert labels(votes(MainRegionRule(), far)) == [Label.JUNK]


def test_prose_just_outside_the_region_leads_into_it():
    near = make_features(PROSE, in_main_region=False, region_distance=1)
    ev = votes(MainRegionRule(), near)
    assert labels(ev) == [Label.JUNK, Label.BODY] and ev[1].weight > ev[0].weight
    menu = make_features("Sport", in_main_region=False, region_distance=1)
    assert labels(votes(MainRegionRule(), menu)) == [Label.JUNK]


def test_link_density_scales_with_density():
    low = votes(LinkDensityRule(), make_features(PROSE, link_chars=10))
    assert low == []
    half = votes(LinkDensityRule(), make_features(PROSE, link_chars=len(PROSE) // 2))
    full = votes(LinkDensityRule(), make_features(PROSE, link_chars=len(PROSE)))
    assert half[0].weight < full[0].weight


def test_link_density_short_link_on_its_own():
    ev = votes(LinkDensityRule(), make_features("Home", link_chars=4))
    assert len(ev) == 2 and all(e.label is Label.JUNK for e in ev)


def test_link_density_threshold_is_a_named_argument():
    block = make_features(PROSE, link_chars=len(PROSE) // 2)
    assert votes(LinkDensityRule(threshold=0.9), block) == []


def test_weights_override_one_entry_and_keep_the_rest():
    block = make_features("Home", link_chars=4)
    default = {e.reason: e.weight for e in votes(LinkDensityRule(), block)}
    tuned = {e.reason: e.weight for e in votes(LinkDensityRule(weights={"link.short_all_link": 9.0}), block)}
    changed = [r for r in tuned if tuned[r] != default[r]]
    assert len(changed) == 1 and tuned[changed[0]] == 9.0


def test_unknown_weight_names_are_refused():
    from segmenter.rules import WEIGHTS, RuleSet

    with pytest.raises(ValueError, match="link.densty"):
        RuleSet.default(weights={"link.densty": 1.0})
    with pytest.raises(TypeError):
        WEIGHTS["link.density"] = 0.0  # type: ignore[index]


def test_prose_rule():
    assert labels(votes(ProseRule(), make_features(PROSE))) == [Label.BODY]
    assert labels(votes(ProseRule(), make_features("Most read"))) == [Label.JUNK]
    assert votes(ProseRule(), make_features("A complete short sentence here.")) == []
    assert votes(ProseRule(), make_features(PROSE, link_chars=len(PROSE) // 2)) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Share this article", JunkKind.SOCIAL),
        ("Sign up for our newsletter", JunkKind.PROMO),
        ("© 2024 Example Media. All rights reserved.", JunkKind.LEGAL),
        ("Read more »", JunkKind.NAVIGATION),
        ("Advertisement", JunkKind.PROMO),
        ("Add to Cart", JunkKind.PROMO),
        ("In Stock!", JunkKind.PROMO),
        ("In den Warenkorb", JunkKind.PROMO),
    ],
)
def test_boilerplate_text(text, kind):
    ev = votes(BoilerplateTextRule(), make_features(text))
    assert [(e.label, e.kind) for e in ev] == [(Label.JUNK, kind)]


@pytest.mark.parametrize(
    "text", ["Artikel teilen: WhatsApp Facebook E-Mail", "Facebook Twitter", "Share on Facebook", "Lesen Sie auch"]
)
def test_boilerplate_more(text):
    assert labels(votes(BoilerplateTextRule(), make_features(text))) == [Label.JUNK]


@pytest.mark.parametrize(
    "text",
    ["Share prices rose", "Printing money", "More from the hearing today was dull.", "Add to cart prices fell"],
)
def test_boilerplate_leaves_ordinary_short_text(text):
    assert votes(BoilerplateTextRule(), make_features(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Empfohlener redaktioneller Inhalt",
        "An dieser Stelle findest du einen externen Inhalt von YouTube, der den Artikel ergänzt.",
        "Ich bin damit einverstanden, dass mir Inhalte von YouTube angezeigt werden.",
        "This content is provided by a third party, which may use cookies.",
    ],
)
def test_the_placeholder_of_an_embed_waiting_for_consent_is_fine_print(text):
    ev = votes(BoilerplateTextRule(), make_features(text))
    assert [(e.label, e.kind) for e in ev] == [(Label.JUNK, JunkKind.LEGAL)]


@pytest.mark.parametrize(
    "text",
    [
        "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.",
        "Must be at least 6 characters, include an upper and lower case character and a number",
        "You must be at least 18 years old to create an account",
        "Thank you for registering",
    ],
)
def test_the_fine_print_of_a_sign_up_form_is_junk(text):
    ev = votes(BoilerplateTextRule(), make_features(text))
    assert [(e.label, e.kind) for e in ev] == [(Label.JUNK, JunkKind.LEGAL)]


@pytest.mark.parametrize("text", ["Czytaj więcej", "Weiterlesen", "Lire la suite", "Läs mer »", "Lees meer"])
def test_read_more_in_other_languages_is_navigation(text):
    ev = votes(BoilerplateTextRule(), make_features(text))
    assert [(e.label, e.kind) for e in ev] == [(Label.JUNK, JunkKind.NAVIGATION)]


def test_a_sentence_that_opens_with_the_words_external_content_is_no_placeholder():
    assert votes(BoilerplateTextRule(), make_features("Externer Inhalt ist für viele Leser ein Gewinn, sagte sie.")) == []


@pytest.mark.parametrize(
    "text",
    [
        "If you buy something using links in our stories, we may earn a commission.",
        "As an Amazon Associate I earn from qualifying purchases.",
        "This post may contain affiliate links. Read my full disclosure.",
        "Products are chosen independently by our editors. Purchases made through our links may earn us a commission.",
        "Die mit einem Symbol gekennzeichneten Links sind Affiliate-Links.",
    ],
)
def test_an_affiliate_disclosure_is_junk(text):
    ev = votes(BoilerplateTextRule(), make_features(text))
    assert [(e.label, e.kind) for e in ev] == [(Label.JUNK, JunkKind.LEGAL)]


def test_the_cheap_disclosure_test_lets_every_disclosure_through():
    from segmenter.rules.builtin import _may_disclose

    for text in ("This post contains AFFILIATE LINKS.", "AS AN AMAZON ASSOCIATE WE EARN FROM QUALIFYING PURCHASES.",
                 "We may receive compensation.", "I make a small kickback."):
        assert _may_disclose(text)
    assert not _may_disclose("The council met on Tuesday.")


@pytest.mark.parametrize(
    "text",
    [
        "Streamers earn a commission when viewers buy games or gear through affiliate links.",
        "Affiliate programs let creators connect their store catalog to their posts.",
    ],
)
def test_prose_about_affiliate_programmes_is_no_disclosure(text):
    assert votes(BoilerplateTextRule(), make_features(text)) == []


def test_boilerplate_ignores_long_prose_that_mentions_sharing():
    text = "Share prices rose sharply on Monday after the company said " + PROSE
    assert votes(BoilerplateTextRule(), make_features(text)) == []


def test_headings_in_region_are_body():
    h = make_features("What happens next", heading_level=2, tag="h2")
    assert labels(votes(HeadingRule(), h)) == [Label.BODY]
    assert votes(HeadingRule(), make_features("What happens next", heading_level=2, in_main_region=False)) == []


@pytest.mark.parametrize("text", ["By Jane Example", "By Jane Example and John Sample", "Von Anna Beispiel"])
def test_byline(text):
    assert labels(votes(BylineDatelineRule(), make_features(text))) == [Label.BYLINE]


def test_dateline_needs_a_date_and_a_date_marker():
    assert labels(votes(BylineDatelineRule(), make_features("March 3, 2024", categories={"date"}))) == [
        Label.DATELINE
    ]
    assert votes(BylineDatelineRule(), make_features("Updates", categories={"date"})) == []


@pytest.mark.parametrize("text", ["23:24 GMT", "Pinned 23:24 GMT", "Updated 3 March 2024, 10:02", "Friday"])
def test_a_line_that_is_only_a_date_is_a_dateline(text):
    assert labels(votes(BylineDatelineRule(), make_features(text))) == [Label.DATELINE]


@pytest.mark.parametrize("text", ["21:00Jane Example", "20:42KEY EVENT", "10:05 am Jane Example", "09:15 GMT Key event"])
def test_a_live_blog_entry_stamp_is_a_dateline(text):
    ev = votes(BylineDatelineRule(), make_features(text))
    assert labels(ev) == [Label.DATELINE]
    assert ev[0].weight > BylineDatelineRule().weights["dateline"]  # it outweighs the article container


@pytest.mark.parametrize("text", ["12:30 the council met again", "3.35 ounces"])
def test_a_time_at_the_head_of_a_sentence_is_no_entry_stamp(text):
    assert votes(BylineDatelineRule(), make_features(text)) == []


@pytest.mark.parametrize("text", ["The end of May", "On Monday we went home."])
def test_sentences_with_dates_are_not_datelines(text):
    assert votes(BylineDatelineRule(), make_features(text)) == []


@pytest.mark.parametrize("text", ["from twilio.rest import Client", "12", "2024-05-01"])
def test_lines_of_a_code_listing_are_no_bylines_or_datelines(text):
    # a code line ("from x import y") and a line-number gutter read like a byline and a date
    assert labels(votes(BylineDatelineRule(), make_features(text))) in ([Label.BYLINE], [Label.DATELINE])
    assert votes(BylineDatelineRule(), make_features(text, containers={"pre"})) == []


@pytest.mark.parametrize("text", ["Source: Reuters", "Quelle: dpa", "Bron: BELGA", "Kilde: NTB", "SDA/sep", "(dpa/lno)"])
def test_the_story_source_on_its_own_line_is_a_byline(text):
    assert labels(votes(BylineDatelineRule(), make_features(text))) == [Label.BYLINE]


@pytest.mark.parametrize("text", ["and/or", "Sources say the minister will resign.", "Source code is on GitHub"])
def test_prose_that_mentions_sources_is_no_byline(text):
    assert votes(BylineDatelineRule(), make_features(text)) == []


def test_byline_rule_ignores_prose_starting_with_by():
    assert votes(BylineDatelineRule(), make_features("By the end of the year " + PROSE)) == []


def test_captions():
    fc = make_features("Crowds gather outside the station.", containers={"figcaption", "figure"})
    assert labels(votes(CaptionRule(), fc)) == [Label.CAPTION]
    credit = make_features("Photo: Jane Example", categories={"credit"}, containers={"figure"})
    assert labels(votes(CaptionRule(), credit)) == [Label.CREDIT]
    assert votes(CaptionRule(), make_features(PROSE)) == []


def test_credit_line_in_a_figure_wrapper_without_an_image_beside_it():
    block = make_features("Photo: Jane Example", figure=12)
    ev = votes(CaptionRule(), block)
    assert labels(ev) == [Label.CREDIT]
    # the same line outside any figure and away from images says nothing
    assert votes(CaptionRule(), make_features("Photo: Jane Example")) == []


def test_caption_beside_a_credit_line_outside_the_text_region():
    caption = make_features("Hundreds of hats on show in the square last spring", figure=40, in_main_region=False,
                            region_distance=1, after_image=True)
    credit = make_features("Foto: Jana Beispiel", figure=40, in_main_region=False, region_distance=1)
    page = make_page([credit, caption])
    assert labels(votes(CaptionRule(), page.blocks[1], page)) == [Label.CAPTION]
    # not a paragraph of the wrapper that no image sits beside
    para = make_features("Hundreds of hats on show in the square last spring", figure=40, in_main_region=False,
                         region_distance=1)
    page = make_page([credit, para])
    assert votes(CaptionRule(), page.blocks[1], page) == []
    # a slide counter or a heading beside it is no credit
    for other in (make_features("2/4", figure=40), make_features("Photo: Jane Example", figure=40, heading_level=3)):
        page = make_page([other, caption])
        assert votes(CaptionRule(), page.blocks[1], page) == []
    # the credit may be in the text itself
    own = make_features("Hundreds of hats on show. Bild: Jana Beispiel", figure=40, in_main_region=False,
                        region_distance=2, has_image=True)
    assert labels(votes(CaptionRule(), own)) == [Label.CAPTION]
    # without a credit, text in a picture wrapper outside the article is no caption (a promo box)
    promo = make_features("Read us in the app, it is even better there", figure=40, in_main_region=False,
                          region_distance=1, after_image=True)
    assert votes(CaptionRule(), make_page([promo]).blocks[0]) == []
    # nor far away from the article
    far = make_features("Hundreds of hats on show. Bild: Jana Beispiel", figure=40, in_main_region=False,
                        region_distance=5, has_image=True)
    assert votes(CaptionRule(), far) == []


def test_a_long_heading_beside_a_photo_credit_is_a_caption():
    long_text = ("The coast guard commander, second left, and officers of three navies watch the landing drill "
                 "on the beach near the northern port on Monday")
    heading = make_features(long_text, heading_level=1, figure=9, after_image=True)
    credit = make_features("Photo: AFP", figure=9)
    page = make_page([heading, credit])
    assert labels(votes(CaptionRule(), page.blocks[0], page)) == [Label.CAPTION]
    short = make_page([make_features("Navies train on the northern coast", heading_level=1, figure=9), credit])
    assert votes(CaptionRule(), short.blocks[0], short) == []
    uncredited = make_page([heading, make_features(PROSE)])
    assert votes(CaptionRule(), uncredited.blocks[0], uncredited) == []


def test_alt_text_captions_only_near_the_article():
    near = make_features("Volunteers fill sandbags by the river", matches_alt=True, in_main_region=False,
                         region_distance=3)
    assert labels(votes(CaptionRule(), near)) == [Label.CAPTION]
    far = make_features("Click the menu, then choose Settings", matches_alt=True, in_main_region=False,
                        region_distance=9)
    assert votes(CaptionRule(), far) == []


@pytest.mark.parametrize(
    "text",
    ["Clockwise from top: the old mill, the weir and the lock keeper's cottage.",
     "Pictured: volunteers at the food bank on Friday.", "From left: Ana, Ben and Cleo at the finish line."],
)
def test_a_paragraph_beside_an_image_that_opens_like_a_caption(text):
    para = make_features(text, after_image=True, containers={"article"})
    assert labels(votes(CaptionRule(), para)) == [Label.CAPTION]
    assert votes(CaptionRule(), make_features(text)) == []  # no image beside it


def test_author_class_inside_a_caption_is_the_credit():
    block = make_features("Jane Example", containers={"figcaption"}, categories={"byline", "caption"})
    assert labels(votes(CaptionRule(), block)) == [Label.CREDIT]
    # an author span among other inline parts may be only part of the caption
    mixed = make_features("Boats in the bay Jane Example", containers={"figcaption"}, categories={"byline"},
                          parts=(("Boats in the bay", "span.a"), ("Jane Example", "span.author")))
    assert labels(votes(CaptionRule(), mixed)) == [Label.CAPTION]


def test_credit_line_right_after_an_image_caption():
    caption = make_features("The minister in Berlin", after_image=True, matches_alt=True)
    credit = make_features("Foto: Jane Example/Agency", categories={"byline"})
    page = make_page([caption, credit])
    ev = votes(CaptionRule(), page.blocks[1], page)
    assert labels(ev) == [Label.CREDIT]
    assert ev[0].weight > BylineDatelineRule().weights["byline"]  # it beats the author class
    alone = make_page([make_features(PROSE), credit])
    assert votes(CaptionRule(), alone.blocks[1], alone) == []


@pytest.mark.parametrize(
    ("text", "overrides"),
    [
        ('"Those who speak up must be heard." Jane Example, author', {"containers": {"figure"}, "tag": "blockquote"}),
    ],
)
def test_not_captions_in_figures(text, overrides):
    assert votes(CaptionRule(), make_features(text, **overrides)) == []


@pytest.mark.parametrize(
    ("text", "overrides"),
    [
        ("Create a free account to keep reading our stories", {"figure": 3, "after_image": True}),
        ("Der Ausflugstipp jeden Freitag in Ihr Postfach. Jetzt kostenlos anmelden.", {"containers": {"figcaption"}}),
    ],
)
def test_calls_to_action_beside_pictures_are_promos(text, overrides):
    ev = votes(CaptionRule(), make_features(text, **overrides))
    assert [(e.label, e.kind) for e in ev] == [(Label.JUNK, JunkKind.PROMO)]
    assert votes(CaptionRule(), make_features(text)) == []  # no picture: not this rule's business


def test_related_leadin_inside_body():
    block = make_features("Read more: Council approves bridge budget", link_chars=33)
    assert labels(votes(RelatedLinkRule(), block)) == [Label.RELATED]


def test_teaser_cards_outside_the_article_are_certain():
    title = "Council approves the bridge budget after long debate"
    card = make_features(title, link_chars=len(title), in_card=True, card=7, in_main_region=False)
    ev = votes(RelatedLinkRule(), card)
    assert labels(ev) == [Label.RELATED] and ev[0].final
    age = make_features("3 hours ago", in_card=True, card=7, in_main_region=False)
    assert labels(votes(RelatedLinkRule(), age)) == [Label.RELATED]
    lone = make_features(title, link_chars=len(title), in_card=False, in_main_region=False)
    assert votes(RelatedLinkRule(), lone) == []


def test_cards_inside_the_article_only_vote_for_their_links():
    title = "Council approves the bridge budget after long debate"
    card = make_features(title, link_chars=len(title), in_card=True, card=7, in_main_region=True)
    ev = votes(RelatedLinkRule(), card)
    assert labels(ev) == [Label.RELATED] and not ev[0].final
    snippet = make_features("A line of text without any link in it at all.", in_card=True, card=7)
    assert votes(RelatedLinkRule(), snippet) == []


def test_a_sentence_with_a_link_in_a_card_of_the_article_is_no_headline():
    sentence = "This hotel is also on my list of the best luxury hotels in the city and the best new hotels."
    linked = make_features(
        sentence, link_chars=int(len(sentence) * 0.6), first_href="/best", in_card=True, card=7, in_main_region=True
    )
    assert votes(RelatedLinkRule(), linked) == []
    # outside the region the same card line is still a teaser's, and a bare headline link is one anywhere
    outside = make_features(
        sentence, link_chars=int(len(sentence) * 0.6), first_href="/best", in_card=True, card=7, in_main_region=False
    )
    assert labels(votes(RelatedLinkRule(), outside)) == [Label.RELATED]
    headline = "Ten hotels worth the trip this winter"
    card = make_features(headline, link_chars=len(headline), first_href="/ten", in_card=True, card=7, in_main_region=True)
    assert labels(votes(RelatedLinkRule(), card)) == [Label.RELATED]


def test_context_smoothing_pulls_short_block_into_body():
    blocks = [make_features(PROSE), make_features("A short aside."), make_features(PROSE)]
    page = make_page(blocks, provisional=[Label.BODY, Label.JUNK, Label.BODY])
    ev = list(ContextSmoothingRule().evaluate(page.blocks[1], page))
    assert labels(ev) == [Label.BODY]


@pytest.mark.parametrize("text", ["Advertisement", "Recommended:", "READ MORE"])
def test_context_smoothing_leaves_furniture_between_paragraphs_junk(text):
    blocks = [make_features(PROSE), make_features(text), make_features(PROSE)]
    page = make_page(blocks, provisional=[Label.BODY, Label.JUNK, Label.BODY])
    assert list(ContextSmoothingRule().evaluate(page.blocks[1], page)) == []


def test_context_smoothing_drops_isolated_short_body():
    blocks = [make_features("Menu"), make_features("Tiny"), make_features("Footer")]
    page = make_page(blocks, provisional=[Label.JUNK, Label.BODY, Label.JUNK])
    assert labels(ContextSmoothingRule().evaluate(page.blocks[1], page)) == [Label.JUNK]


def test_context_smoothing_needs_provisional_labels():
    blocks = [make_features(PROSE), make_features("A short aside."), make_features(PROSE)]
    assert list(ContextSmoothingRule().evaluate(make_page(blocks).blocks[1], make_page(blocks))) == []


def test_resolver_final_vote_wins_over_scores():
    title = TitleRule().vote(Label.TITLE, 1.0, "x", final=True)
    body = MainRegionRule().vote(Label.BODY, 50.0, "y")
    assert resolve([body, title]).label is Label.TITLE


def test_resolver_sums_and_defaults_to_junk():
    r = MainRegionRule()
    assert resolve([]).label is Label.JUNK and resolve([]).kind is JunkKind.OTHER
    res = resolve([r.vote(Label.BODY, 1.0, "a"), r.vote(Label.JUNK, 0.6, "b"), r.vote(Label.JUNK, 0.6, "c")])
    assert res.label is Label.JUNK and res.scores == {"body": 1.0, "junk": 1.2}


def test_resolver_junk_kind_from_strongest_vote():
    r = MainRegionRule()
    res = resolve(
        [r.vote(Label.JUNK, 1.0, "a", kind=JunkKind.FOOTER), r.vote(Label.JUNK, 2.0, "b", kind=JunkKind.SOCIAL)]
    )
    assert res.kind is JunkKind.SOCIAL


def test_vote_makes_an_ordinary_frozen_evidence():
    import dataclasses

    from segmenter.model import Evidence

    ev = LinkDensityRule().vote("junk", 1.5, "why", kind="navigation")
    assert ev == Evidence(Label.JUNK, 1.5, "link-density", "why", False, JunkKind.NAVIGATION)
    assert hash(ev) == hash(Evidence(Label.JUNK, 1.5, "link-density", "why", False, JunkKind.NAVIGATION))
    with pytest.raises(dataclasses.FrozenInstanceError):
        ev.weight = 2.0  # type: ignore[misc]
    with pytest.raises(ValueError):
        LinkDensityRule().vote("not-a-label", 1.0, "why")


def test_card_context_follows_a_related_headline_in_a_related_box():
    from segmenter.rules.builtin import CardContextRule

    head = make_features("Another story about the bridge", link_chars=30, in_card=True, card=7, categories={"related"})
    snippet = make_features("Engineers found more rust than expected.", in_card=True, card=7, categories={"related"})
    page = make_page([head, snippet], provisional=[Label.RELATED, Label.BODY])
    assert [e.label for e in CardContextRule().evaluate(page.blocks[1], page)] == [Label.RELATED]
    plain = make_features("Engineers found more rust than expected.", in_card=True, card=7)
    page2 = make_page([head, plain], provisional=[Label.RELATED, Label.BODY])
    assert list(CardContextRule().evaluate(page2.blocks[1], page2)) == []


def test_a_linked_table_cell_in_the_article_is_data_not_a_lone_link():
    from segmenter.rules.builtin import LinkDensityRule

    cell = make_features("Harbour Lights", link_chars=14, tag="th", in_table=True, in_main_region=True)
    lone = make_features("Harbour Lights", link_chars=14, in_main_region=True)
    page = make_page([cell, lone])
    weight = lambda b: sum(e.weight for e in LinkDensityRule().evaluate(b, page))  # noqa: E731
    assert weight(page.blocks[0]) < weight(page.blocks[1]) / 2


def test_text_beside_the_links_of_a_related_box_leans_to_junk():
    from segmenter.rules.builtin import ClassVocabularyRule

    snippet = make_features("Engineers found more rust than expected under the deck.", categories={"related"})
    headline = make_features("Bridge repairs take another month", link_chars=34, categories={"related"})
    page = make_page([snippet, headline])
    assert [v.label for v in ClassVocabularyRule().evaluate(page.blocks[0], page)] == [Label.JUNK]
    assert list(ClassVocabularyRule().evaluate(page.blocks[1], page)) == []


def test_a_year_alone_in_a_figcaption_is_a_caption():
    year = make_features("1987", containers={"figure", "figcaption"})
    assert labels(votes(CaptionRule(), year)) == [Label.CAPTION]
    for other in ("Embed", "Zoom", "Key", "3"):
        assert votes(CaptionRule(), make_features(other, containers={"figure", "figcaption"})) == []
    # a year beside an image but outside a figcaption is still nothing
    assert votes(CaptionRule(), make_features("1987", containers={"figure"})) == []


def test_a_product_name_between_a_credit_and_buy_buttons():
    credit = make_features("Photograph: Example Outfitters", after_image=True, categories={"credit"})
    name = make_features("Examplebrand Trail Kettle 2")
    buy = make_features("€45 bei Beispielladen", link_chars=20)
    page = make_page([credit, name, buy])
    assert labels(votes(CaptionRule(), page.blocks[1], page)) == [Label.CAPTION]
    # a sub-heading after a figure's credit, followed by prose, is no product name
    page = make_page([credit, name, make_features(PROSE)])
    assert votes(CaptionRule(), page.blocks[1], page) == []
    # nor a sentence, nor a name after a credit that sits beside no picture
    page = make_page([credit, make_features("The kettle boils fast."), buy])
    assert votes(CaptionRule(), page.blocks[1], page) == []
    lone = make_features("Photograph: Example Outfitters", categories={"credit"})
    page = make_page([lone, name, buy])
    assert votes(CaptionRule(), page.blocks[1], page) == []


def test_the_rest_of_a_credit_line_in_its_own_element():
    credit = make_features("Photo by Jane Example", categories={"credit"}, containers={"figcaption"}, figure=4)
    rest = make_features("/Example News", containers={"figcaption"}, figure=4)
    page = make_page([credit, rest])
    assert labels(votes(CaptionRule(), page.blocks[1], page)) == [Label.CREDIT]
    # after caption text it is the caption's own
    caption = make_features("Boats wait in the harbour", containers={"figcaption"}, figure=4)
    page = make_page([caption, rest])
    assert labels(votes(CaptionRule(), page.blocks[1], page)) == [Label.CAPTION]


def test_table_cells_beside_images_are_no_captions():
    cell = make_features("Included in all plans", tag="td", containers={"table", "figure"}, figure=3, after_image=True,
                         in_table=True)
    assert votes(CaptionRule(), cell) == []
    row = make_features("Plan Price Basic $5 Pro $9", tag="tr", containers={"table", "figure"}, in_table=True)
    assert votes(CaptionRule(), row) == []
    # a caption element inside a table cell is still a caption
    cap = make_features("Harbour at dawn", tag="td", containers={"table", "figcaption"}, in_table=True)
    assert labels(votes(CaptionRule(), cap)) == [Label.CAPTION]
    # and a paragraph in a figure inside a (layout) table cell too
    para = make_features("Harbour at dawn", tag="p", containers={"table", "figure"}, in_table=True)
    assert labels(votes(CaptionRule(), para)) == [Label.CAPTION]


def test_main_region_condemns_a_stacked_other_story():
    stacked = make_features(PROSE, in_main_region=True, other_story=True)
    ev = votes(MainRegionRule(), stacked)
    assert resolve(ev).label is Label.JUNK and resolve(ev).kind is JunkKind.PROMO


def _shortlist(lead: str, list_steps: str = "ul[1]/li"):
    links = [
        make_features(f"Acme {n} long nose pliers", link_chars=len(f"Acme {n} long nose pliers"), in_card=True, card=n)
        for n in (1, 2)
    ]
    blocks = [make_features(lead), *links, make_features(PROSE)]
    xpaths = [
        "/html/body/article/p[1]",
        f"/html/body/article/{list_steps}[1]",
        f"/html/body/article/{list_steps}[2]",
        "/html/body/article/p[2]",
    ]
    labels = [Label.BODY, Label.RELATED, Label.RELATED, Label.BODY]
    return make_page(blocks, provisional=labels, xpaths=xpaths)


def test_a_list_of_links_the_text_leads_into_is_body():
    page = _shortlist("Our expert picks:")
    ev = ContextSmoothingRule().evaluate(page.blocks[1], page)
    assert labels(ev) == [Label.BODY]


def test_a_teaser_list_without_a_lead_in_or_in_a_box_stays_related():
    # dropped between two paragraphs with no colon leading into it
    page = _shortlist(PROSE)
    assert ContextSmoothingRule().evaluate(page.blocks[1], page) == []
    # wrapped in a teaser box of its own
    page = _shortlist("Our expert picks:", list_steps="div[1]/ul[1]/li")
    assert ContextSmoothingRule().evaluate(page.blocks[1], page) == []


def test_links_under_a_sources_heading_are_the_articles_apparatus():
    head = make_features("References & Sources", heading_level=2)
    links = [
        make_features(f"Report number {n} on the mill", link_chars=len(f"Report number {n} on the mill"), in_card=True, card=n)
        for n in (1, 2, 3)
    ]
    xpaths = ["/html/body/article/h2[1]"] + [f"/html/body/article/ul[1]/li[{n}]" for n in (1, 2, 3)]
    page = make_page([head, *links], provisional=[Label.BODY] + [Label.RELATED] * 3, xpaths=xpaths)
    assert labels(ContextSmoothingRule().evaluate(page.blocks[3], page)) == [Label.BODY]
    # under any other heading, the links are a box of teasers
    other = make_page(
        [make_features("More from the valley", heading_level=2), *links],
        provisional=[Label.BODY] + [Label.RELATED] * 3, xpaths=xpaths,
    )
    assert ContextSmoothingRule().evaluate(other.blocks[3], other) == []


def test_card_context_follows_a_dated_teaser_card_outside_a_related_box():
    from segmenter.rules.builtin import CardContextRule

    def card(headline: str, date: str = "March 3, 2026"):
        return [
            make_features(headline, link_chars=len(headline), in_card=True, card=7),
            make_features("Engineers found more rust than expected.", in_card=True, card=7),
            make_features(date, in_card=True, card=7),
        ]

    provisional = [Label.RELATED, Label.BODY, Label.DATELINE]
    page = make_page(card("Another story about the old bridge"), provisional=provisional)
    assert [e.label for e in CardContextRule().evaluate(page.blocks[1], page)] == [Label.RELATED]
    # a poster's linked name over a dated post is a thread's post, not a teaser
    post = make_page(card("Daresh"), provisional=provisional)
    assert list(CardContextRule().evaluate(post.blocks[1], post)) == []
    # no date: a headline with its description can be the article's own list
    undated = make_page(card("Another story about the old bridge", date="Read the guide"), provisional=provisional)
    assert list(CardContextRule().evaluate(undated.blocks[1], undated)) == []


@pytest.mark.parametrize("line", [
    "We apologize, but this video has failed to load.",
    "Your video will play in 00:25",
    "Artikel zum Hören•3 Min",
    "Listen to this article",
    '<iframe src="https://player.example/embed/1" width="100%"></iframe>',
])
def test_media_player_chrome_is_furniture(line):
    ev = BoilerplateTextRule().evaluate(make_features(line), make_page([make_features(line)]))
    assert labels(ev) == [Label.JUNK] and ev[0].kind is JunkKind.NAVIGATION


def test_prose_about_videos_is_no_player_chrome():
    line = "The video was filmed on the old bridge before the council voted to close it."
    assert BoilerplateTextRule().evaluate(make_features(line), make_page([make_features(line)])) == []


def test_a_wire_credit_line_is_a_byline_however_many_names_it_lists():
    line = (
        "Reporting by Jane Example in Lagos, additional reporting by John Sample in Accra and Mary "
        "Placeholder in Abuja; Writing by Alex Person; Editing by Sam Editor"
    )
    assert labels(votes(BylineDatelineRule(), make_features(line))) == [Label.BYLINE]
    # a sentence that opens with the words is no credit
    prose = "Reporting by the national statistics office shows that exports rose again in March."
    assert votes(BylineDatelineRule(), make_features(prose)) == []


def test_a_related_box_heading_in_the_region_is_junk():
    head = make_features("Recommended for You", heading_level=2)
    page = make_page([head])
    ev = BoilerplateTextRule().evaluate(page.blocks[0], page)
    assert ev and ev[0].weight > BoilerplateTextRule().weights["boilerplate"]
    assert resolve(ev + HeadingRule().evaluate(page.blocks[0], page) + MainRegionRule().evaluate(page.blocks[0], page)).label is Label.JUNK


def test_cards_under_a_related_heading_take_their_snippets_along():
    from segmenter.rules.builtin import CardContextRule

    head = make_features("Recommended for You", heading_level=2)
    ad = make_features("Sponsored trading offer", heading_level=3)
    cards = []
    for n in (1, 2):
        cards += [
            make_features(f"Story number {n} about the valley", link_chars=30, in_card=True, card=n, heading_level=3),
            make_features("A snippet of the story that runs for a sentence or so.", in_card=True, card=n),
        ]
    blocks = [head, *cards[:2], ad, *cards[2:]]
    provisional = [Label.JUNK, Label.RELATED, Label.BODY, Label.JUNK, Label.RELATED, Label.BODY]
    page = make_page(blocks, provisional=provisional)
    # the second card, past an ad, still sits under the heading: no date needed
    assert [e.label for e in CardContextRule().evaluate(page.blocks[5], page)] == [Label.RELATED]
    other = make_page([make_features("The valley in numbers", heading_level=2), *blocks[1:]], provisional=provisional)
    assert list(CardContextRule().evaluate(other.blocks[5], other)) == []


def test_a_tiles_text_under_its_own_heading_is_no_caption():
    text = "Our consultants work beside your team from the first plan to the last test."
    line = make_features(text, figure=3, after_image=True, in_main_region=True)
    photo = make_page([line])
    assert labels(CaptionRule().evaluate(photo.blocks[0], photo)) == [Label.CAPTION]
    # icon, "Seamless setup", a line under it: the picture illustrates the heading
    tile = make_page([make_features("Seamless setup", figure=3, heading_level=3, after_image=True), line])
    assert CaptionRule().evaluate(tile.blocks[1], tile) == []


def test_a_pull_quotes_paragraphs_in_a_figure_are_no_caption():
    quote = make_features("Search is not dead, it is just different now.", containers={"figure", "blockquote"}, figure=2)
    page = make_page([quote])
    assert CaptionRule().evaluate(page.blocks[0], page) == []
    # its attribution in the figcaption is the figure's caption
    attribution = make_features("A search consultant, speaking in 2024", containers={"figure", "figcaption"}, figure=2)
    page2 = make_page([attribution])
    assert labels(CaptionRule().evaluate(page2.blocks[0], page2)) == [Label.CAPTION]


def test_a_link_item_in_a_list_of_plain_items_is_body():
    plain = make_features("Shout out to the team for landing the storage changes this week.", in_list=True)
    link = make_features("Bug 1234 – the toolbar flickers at start", link_chars=8, in_list=True, in_card=True, card=4)
    after = make_features("Another note on the work of the week, without a link.", in_list=True)
    xpaths = ["/html/body/article/ul[1]/li[1]", "/html/body/article/ul[1]/li[2]", "/html/body/article/ul[1]/li[3]"]
    page = make_page([plain, link, after], provisional=[Label.BODY, Label.RELATED, Label.BODY], xpaths=xpaths)
    assert labels(ContextSmoothingRule().evaluate(page.blocks[1], page)) == [Label.BODY]
    # a teaser's snippet before it (a card's line, not yet judged with its headline) is no plain item
    snippet = make_features("A snippet of another story in the same stream.", in_list=True, in_card=True, card=3)
    stream = make_page([snippet, link, after], provisional=[Label.BODY, Label.RELATED, Label.BODY], xpaths=xpaths)
    assert ContextSmoothingRule().evaluate(stream.blocks[1], stream) == []
