"""Captions and credit lines: the credit splitter on its own, and properties over fixture pages
(injected figures are found and never leak into the article; images carry no article text)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import segmenter
from segmenter.captions import (
    credit_from_attributes,
    is_credit,
    is_credit_fragment,
    split_credit,
    strip_credit_label,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.mark.parametrize(
    ("text", "caption", "credit"),
    [
        ("Officials arrive for talks on June 10. (AP Photo/Jane Example)", "Officials arrive for talks on June 10.",
         "(AP Photo/Jane Example)"),
        ("The harbour at dusk. Foto: dpa", "The harbour at dusk.", "Foto: dpa"),
        ("Le port au crépuscule. Photo : AFP", "Le port au crépuscule.", "Photo : AFP"),
        ("Der Hafen am Abend. Bild: Keystone", "Der Hafen am Abend.", "Bild: Keystone"),
        ("El puerto. Crédito: EFE", "El puerto.", "Crédito: EFE"),
        ("Crowds on the pier | Reuters", "Crowds on the pier", "Reuters"),
        ("Dock workers at the gate. Jane Example/Bloomberg/Getty Images", "Dock workers at the gate.",
         "Jane Example/Bloomberg/Getty Images"),
        ("A cloche terrarium (Lucy Example)", "A cloche terrarium", "(Lucy Example)"),
        ("Riot police at the hotel (Image: Getty Images)", "Riot police at the hotel", "(Image: Getty Images)"),
        ("The mayor (left) and her deputy", "The mayor (left) and her deputy", None),
        ("He took a photo: it was great.", "He took a photo: it was great.", None),
        ("Foto: dpa", "", "Foto: dpa"),
        ("© Example Agency", "", "© Example Agency"),
        # a bare label names no one: it stays in the caption
        ("Crews search the flats after the fire – video", "Crews search the flats after the fire – video", None),
        ("Die Ministerin im Bundestag (Archivbild)", "Die Ministerin im Bundestag (Archivbild)", None),
        # "©" marks a credit wherever it stands, also after a closing bracket
        ("Will rates fall again? What it means for buyers. (Symbolfoto) © Jane Example/Agency",
         "Will rates fall again? What it means for buyers. (Symbolfoto)", "© Jane Example/Agency"),
        ("Zwei Boote im Hafen. (Symbolfoto: picture alliance/dpa | Jana Beispiel)", "Zwei Boote im Hafen.",
         "(Symbolfoto: picture alliance/dpa | Jana Beispiel)"),
        ("Una fuente en la plaza mayor.Cedida por la Asociación Vecinal", "Una fuente en la plaza mayor.",
         "Cedida por la Asociación Vecinal"),
        ("Umhlangano wabafundi. Isithombe: Sithunyelwe", "Umhlangano wabafundi.", "Isithombe: Sithunyelwe"),
        ("Wisuda Magister ke-XV(Dok.Kampus )", "Wisuda Magister ke-XV", "(Dok.Kampus )"),
        ("港の朝の風景＝ＡＰ", "港の朝の風景", "ＡＰ"),
        ("港の朝の風景＝5日、横浜で（山田太郎撮影）", "港の朝の風景＝5日、横浜で", "（山田太郎撮影）"),
        ("港の朝の風景＝5日、横浜で", "港の朝の風景＝5日、横浜で", None),
        ("시민들이 광장에 모여 있다. 홍길동 기자", "시민들이 광장에 모여 있다.", "홍길동 기자"),
        ("Crowds at the pier (Jane Example / The Daily Example)", "Crowds at the pier",
         "(Jane Example / The Daily Example)"),
    ],
)
def test_split_credit(text: str, caption: str, credit: str | None) -> None:
    assert split_credit(text) == (caption, credit)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Getty Images", True), ("Jane Example/AFP", True), ("Photo by Jane Example", True), ("(Lucy Example)", True),
     ("Donald Trump", False), ("A/B testing shows results", False), ("The AP reported that talks failed.", False),
     ("Prince Harry. © Jane Example/PA", False)],
)
def test_is_credit(text: str, expected: bool) -> None:
    assert is_credit(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("picture alliance/dpa", True), ("jdoe_shots - stock.adobe.com", True), ("picture this and that", False),
     ("Top photo by Jane Example", True), ("Main image: Whale expert on the beach.", False),
     ("Источник: Фонд Пример", True), ("Gulls/ Quay/ Harbour of Westby", False), ("2/4", False),
     ("24/7/365 Support Agents", False)],
)
def test_is_credit_agency_names_in_lower_case(text: str, expected: bool) -> None:
    assert is_credit(text) is expected


def test_split_credit_at_an_inline_part_glued_to_the_caption() -> None:
    text = "Rest and sleep help you recover.Jane Example/Unsplash"
    parts = (("Rest and sleep help you recover.", "span.a"), ("Jane Example/Unsplash", "span.b"))
    assert split_credit(text, parts) == ("Rest and sleep help you recover.", "Jane Example/Unsplash")
    # without the parts the glued credit is not found; a last part that is no credit stays
    assert split_credit(text) == (text, None)
    other = (("Rest and sleep help", "span.a"), ("you recover.Jane Example/Unsplash", "span.b"))
    assert split_credit("Rest and sleep help you recover. Fresh air too", (("Rest", "a"), ("Fresh air too", "b"))) == (
        "Rest and sleep help you recover. Fresh air too", None)
    assert split_credit(text, other)[1] is None


@pytest.mark.parametrize(
    ("credit", "label", "name"),
    [("Photo by Jane Example", "Photo by", "Jane Example"), ("Foto: dpa", "Foto:", "dpa"),
     ("(Foto: REUTERS)", "Foto:", "REUTERS"), ("(AP Photo/Jane Example)", None, "(AP Photo/Jane Example)"),
     ("Image CreditJane Example/The Times", "Image Credit", "Jane Example/The Times"),
     ("© Jane Example | Jane Example", None, "© Jane Example"), ("Picture Alliance", None, "Picture Alliance"),
     ("（山田太郎撮影）", "撮影", "山田太郎"), ("홍길동 기자", "기자", "홍길동"), ("(Dok.Kampus )", "Dok.", "Kampus"),
     ("Cedida por la Asociación Vecinal", "Cedida por", "la Asociación Vecinal")],
)
def test_strip_credit_label(credit: str, label: str | None, name: str) -> None:
    assert strip_credit_label(credit) == (label, name)


def test_credit_from_image_attributes():
    assert credit_from_attributes({"src": "a.jpg", "data-credit": "Jane Example"}) == "Jane Example"
    assert credit_from_attributes({"title": "A fire crew at work | Bildquelle: WDR/Jane Example"}) == (
        "Bildquelle: WDR/Jane Example"
    )
    assert credit_from_attributes({"title": "A fire crew at work"}) is None


# -- properties over fixture pages -------------------------------------------------------------

ARTICLES = [
    p.stem for p in sorted((FIXTURES / "gold").glob("*.json"))
    if (FIXTURES / "pages" / f"{p.stem}.html").exists() and json.loads(p.read_text(encoding="utf-8"))["article"]
]
WORDS = st.sampled_from(
    "crews gather outside the station at dawn as the river rises over the old stone bridge near the market".split()
)
CAPTION = st.lists(WORDS, min_size=6, max_size=14, unique=True).map(lambda ws: " ".join(ws).capitalize() + ".")
CREDIT = st.sampled_from(["Photo: Jane Example/AFP", "(AP Photo/John Sample)", "Foto: dpa", "Getty Images", None])


def _figure(caption: str, credit: str | None, i: int) -> str:
    credit_html = f' <span class="credit">{credit}</span>' if credit else ""
    return f'<figure><img src="/img/{i}.jpg" alt=""><figcaption>{caption}{credit_html}</figcaption></figure>'


def _first_body_paragraph(root, stem: str) -> etree._Element | None:
    # the first long paragraph of the gold article (not of a consent dialog above it)
    gold = " ".join(json.loads((FIXTURES / "gold" / f"{stem}.json").read_text(encoding="utf-8"))["article"]["text"].split())
    for p in root.iter("p"):
        text = " ".join(" ".join(p.itertext()).split())
        if len(text.split()) >= 20 and text in gold:
            return p
    return None


@pytest.mark.parametrize("stem", ARTICLES)
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(caption=CAPTION, credit=CREDIT)
def test_injected_figures_are_found_and_never_leak(stem: str, caption: str, credit: str | None) -> None:
    root = etree.fromstring((FIXTURES / "pages" / f"{stem}.html").read_bytes(), etree.HTMLParser())
    p = _first_body_paragraph(root, stem)
    if p is None:
        pytest.skip("no long paragraph")
    p.addnext(etree.fromstring(_figure(caption, credit, 1), etree.HTMLParser()).find(".//figure"))
    r = segmenter.segment(etree.tostring(root, encoding="unicode"))
    found = [c for c in r.captions if c.text == caption]
    assert found, [c.text for c in r.captions]
    assert caption not in (r.article.text if r.article else "")
    if credit:
        shown = " ".join(x for x in (found[0].credit_label, found[0].credit) if x)
        assert shown == credit


@pytest.mark.parametrize("stem", ARTICLES)
def test_removing_images_removes_no_article_text(stem: str) -> None:
    data = (FIXTURES / "pages" / f"{stem}.html").read_bytes()
    root = etree.fromstring(data, etree.HTMLParser())
    for img in list(root.iter("img", "picture")):
        parent = img.getparent()
        if img.tail:  # keep the text that followed the image
            prev = img.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + img.tail
            else:
                parent.text = (parent.text or "") + img.tail
        parent.remove(img)
    before = segmenter.segment(data).article
    after = segmenter.segment(etree.tostring(root, encoding="unicode")).article
    assert before is not None and after is not None
    before_words = set(before.text.split())
    assert before_words <= set(after.text.split()) | set(" ".join(c.text for c in segmenter.segment(
        etree.tostring(root, encoding="unicode")).captions).split())


# -- captions on small inline pages ------------------------------------------------------------

_PROSE = (
    "The council met on Tuesday evening to weigh the plan for the harbour, and members spoke at length "
    "about the cost of the works, the timing of the repairs and the views of the people who live there. "
)


def _page(*middle: str) -> str:
    paras = "".join(f"<p>{_PROSE}{i}</p>" for i in range(3))
    return f"<html><body><article><h1>Harbour plan</h1>{paras}{''.join(middle)}{paras}</article></body></html>"


def _fig(src: str, caption: str) -> str:
    return f'<figure><img src="{src}" alt=""><figcaption>{caption}</figcaption></figure>'


def test_a_caption_printed_twice_in_a_row_is_one_caption() -> None:
    cap = "Gulls circle the old crane above the quay at first light. Foto: Jana Beispiel"
    r = segmenter.segment(_page(_fig("/a.jpg", cap), _fig("/a.jpg", cap), f"<p>{_PROSE}</p>", _fig("/a.jpg", cap)))
    texts = [c.text for c in r.captions]
    # the copy right after it goes; the same photo again further down the article stays
    assert texts == ["Gulls circle the old crane above the quay at first light."] * 2
    assert len(r.captions[0].blocks) == 2


@pytest.mark.parametrize(
    ("figcaption", "text", "label", "credit"),
    [
        # the credit in its own inline element, glued to the caption without a space
        ('<span class="cap-a">Rest and sleep help you get well again.</span><span class="cap-b">Jane Example/Unsplash'
         "</span>", "Rest and sleep help you get well again.", None, "Jane Example/Unsplash"),
        # the credit in a <cite>, after the caption without any separator
        ("<p>Crews clear the road after the storm <cite>AP Photo/Jane Example</cite></p>",
         "Crews clear the road after the storm", None, "AP Photo/Jane Example"),
        # a credit spread over several credit elements reads as one line, label apart
        ('Boats wait in the bay for the tide<span class="credit">(</span><span class="credit">Image:</span>'
         '<span class="credit">Jane Example)</span>', "Boats wait in the bay for the tide", "Image:", "Jane Example"),
        # the same credit in the text and in a credit element is one credit
        ('A flag flies over the old mill (AP Photo/Jane Example) <span class="credit">AP Photo</span>',
         "A flag flies over the old mill", None, "(AP Photo/Jane Example)"),
    ],
)
def test_caption_credit_from_markup(figcaption: str, text: str, label: str | None, credit: str) -> None:
    r = segmenter.segment(_page(f'<figure><img src="/a.jpg" alt=""><figcaption>{figcaption}</figcaption></figure>'))
    assert [(c.text, c.credit_label, c.credit) for c in r.captions] == [(text, label, credit)]


def test_an_aria_hidden_caption_is_still_shown() -> None:
    # the caption repeats the alt text, so the page hides it from screen readers only
    fig = ('<figure><img src="/a.jpg" alt="Volunteers search the woods near the lake.">'
           '<figcaption><span aria-hidden="true">Volunteers search the woods near the lake.</span>'
           '<span class="credit">Foto: Jana Beispiel</span></figcaption></figure>')
    r = segmenter.segment(_page(fig, '<p aria-hidden="true">Hidden elsewhere on the page.</p>'))
    assert [(c.text, c.credit) for c in r.captions] == [("Volunteers search the woods near the lake.", "Jana Beispiel")]
    assert r.article is not None and "Hidden elsewhere" not in r.article.text


def test_credit_the_alt_text_adds_to_the_caption() -> None:
    fig = ('<figure><img src="/a.jpg" alt="Boats at the quay at dawn. (Jane Example / The Daily Example)">'
           "<figcaption>Boats at the quay at dawn.</figcaption></figure>")
    r = segmenter.segment(_page(fig))
    assert [(c.text, c.credit) for c in r.captions] == [("Boats at the quay at dawn.", "(Jane Example / The Daily Example)")]
    # an alt text that says something else gives no credit
    other = fig.replace("Boats at the quay at dawn. (", "A harbour (")
    assert [c.credit for c in segmenter.segment(_page(other)).captions] == [None]


def test_a_product_box_names_its_picture() -> None:
    # picture and credit in an aria-hidden image link, then the name, then buy buttons
    box = ('<div class="box"><a aria-hidden="true" tabindex="-1" href="/shop/1"><picture><img src="/kettle.jpg" alt="">'
           '</picture><p class="image-credit">Photograph: Example Outfitters</p></a><div class="inner">'
           '<div class="name">Examplebrand Trail Kettle 2</div><div class="offers"><div><a href="/buy/1">$45 at Example '
           'Store</a></div><div><a href="/buy/2">$49 at Other Store</a></div></div></div></div>')
    r = segmenter.segment(_page(box))
    assert [(c.text, c.credit_label, c.credit) for c in r.captions] == [
        ("Examplebrand Trail Kettle 2", "Photograph:", "Example Outfitters")
    ]
    assert r.article is not None and "Trail Kettle" not in r.article.text
    # without buy buttons after it, text after a picture's credit stays in the article
    plain = box.replace("$45 at Example Store", "Read the review").replace("$49 at Other Store", "More reviews")
    r = segmenter.segment(_page(plain))
    assert r.article is not None and "Trail Kettle" in r.article.text


def test_an_aria_hidden_image_link_shows_its_picture_but_not_a_card() -> None:
    # a whole card marked aria-hidden (a duplicate for screen readers) stays hidden
    card = ('<a aria-hidden="true" href="/s/2"><img src="/b.jpg" alt=""><span>A whole teaser card with a long headline '
            'that runs on and on, and a snippet under it about the story</span></a>')
    r = segmenter.segment(_page(card))
    assert all("whole teaser card" not in b.text for b in r.blocks)


def test_a_name_set_off_by_a_slash_in_its_own_element_is_the_credit() -> None:
    text = "Boats wait in the old harbour / Jana Beispiel"
    parts = (("Boats wait in the old harbour", ""), ("/ Jana Beispiel", "span.cap-author"))
    assert split_credit(text, parts) == ("Boats wait in the old harbour", "Jana Beispiel")
    # the same words in the running text, or lower-case words after the slash, are no credit
    assert split_credit(text) == (text, None)
    other = (("Boats wait in the old harbour", ""), ("/ and some more words", "span.x"))
    assert split_credit("Boats wait in the old harbour / and some more words", other)[1] is None


def test_a_labelled_credit_at_the_end_of_the_alt_text() -> None:
    fig = ('<figure><img src="/a.jpg" alt="Traders set up their stalls on the square before dawn. (Photo: Jane Example / '
           'Example Images)"><figcaption>Market day in the old town</figcaption></figure>')
    r = segmenter.segment(_page(fig))
    assert [(c.text, c.credit_label, c.credit) for c in r.captions] == [
        ("Market day in the old town", "Photo:", "Jane Example / Example Images")
    ]
    # an alt text that ends with no labelled credit gives none
    plain = fig.replace(" (Photo: Jane Example / Example Images)", "")
    assert [c.credit for c in segmenter.segment(_page(plain)).captions] == [None]


def test_a_credit_split_over_elements_without_a_caption_is_one_credit() -> None:
    # no caption text: "(" "Image:" "Jane Example)" each in an element of its own, outside a figure
    credit = ('<p><span class="image-credit">(</span></p><p><span class="image-credit">Image:</span></p>'
              '<p><span class="image-credit">Jane Example)</span></p>')
    r = segmenter.segment(_page('<img src="/a.jpg" alt="">' + credit))
    assert [(c.text, c.credit_label, c.credit) for c in r.captions] == [("", "Image:", "Jane Example")]
    assert is_credit_fragment("(") and is_credit_fragment("Image:")
    assert not is_credit_fragment("Jane Example)")


def _mill_paras() -> str:
    """Four paragraphs of a story about an old mill (the body around the lines under test)."""
    return "".join(
        f"<p>The village council met on day {i} of the week to discuss the future of the old mill "
        f"by the river, which has stood empty since the bakery closed its doors.</p>"
        for i in range(4)
    )


@pytest.mark.parametrize(
    "img",
    [
        '<img class="row-icon" src="/assets/play.png">',
        '<img src="/static/icons/play.svg">',
        '<img src="/img/play.png" width="24" height="24">',
    ],
)
def test_a_line_beside_an_icon_is_no_caption(img: str) -> None:
    paras = _mill_paras()
    rows = "".join(f'<div class="row">{img}<span>Chapter {i}. The mill and its river</span></div>' for i in range(5))
    page = f"<html><body><article><h1>The old mill</h1>{paras}<section>{rows}</section></article></body></html>"
    r = segmenter.segment(page)
    assert not any("The mill and its river" in c.text for c in r.captions)


def test_a_line_beside_a_photo_of_the_same_markup_is_a_caption() -> None:
    # the control: the same rows with a photo
    paras = _mill_paras()
    row = '<div class="row"><img src="/photos/mill-2024.jpg" width="800" height="600"><span>The mill by the river at dawn.</span></div>'
    page = f"<html><body><article><h1>The old mill</h1>{paras[:400]}{row}{paras[400:]}</article></body></html>"
    r = segmenter.segment(page)
    assert any("The mill by the river at dawn" in c.text for c in r.captions)


def test_a_step_of_an_ordered_list_with_its_illustration_is_no_caption() -> None:
    # a tutorial's steps, each a list item with a screenshot: the step's text stays in the body
    paras = _mill_paras()
    steps = "".join(
        f'<li><p>Open the settings panel and choose option {i}.</p><img src="/shots/step-{i}.png" width="640" height="400"></li>'
        for i in range(4)
    )
    page = f"<html><body><article><h1>Setting up the mill</h1>{paras}<ol>{steps}</ol>{paras}</article></body></html>"
    r = segmenter.segment(page)
    assert r.article is not None
    assert not any("settings panel" in c.text for c in r.captions)
    assert "choose option 2" in r.article.text
