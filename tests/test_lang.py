"""Language detection and per-language stop-word density (segmenter.lang).

All sample sentences are invented for these tests.
"""

from __future__ import annotations

import pytest

import segmenter
from segmenter import lang
from segmenter.features import build_page
from segmenter.parse import to_tree
from segmenter.rules.builtin import ProseRule
from segmenter.testing import make_features, make_page

# a few sentences of ordinary prose per language, repeated to make a sample of some length
PROSE: dict[str, str] = {
    "en": "The baker opened his shop early because the whole street was waiting for bread, and he "
    "said that he would never close it again on a market day.",
    "de": "Der Bäcker hat seinen Laden schon früh geöffnet, weil die ganze Straße auf das Brot "
    "gewartet hat, und er sagte, dass er ihn an einem Markttag nie wieder schließen wird.",
    "fr": "Le boulanger a ouvert sa boutique très tôt parce que toute la rue attendait le pain, et "
    "il a dit qu'il ne la fermerait plus jamais un jour de marché.",
    "es": "El panadero abrió su tienda muy temprano porque toda la calle esperaba el pan, y dijo "
    "que nunca más la cerraría en un día de mercado.",
    "it": "Il fornaio ha aperto il suo negozio molto presto perché tutta la strada aspettava il "
    "pane, e ha detto che non lo chiuderà più in un giorno di mercato.",
    "pt": "O padeiro abriu a sua loja muito cedo porque toda a rua esperava pelo pão, e disse que "
    "nunca mais a fecharia num dia de feira.",
    "nl": "De bakker heeft zijn winkel al vroeg geopend, omdat de hele straat op het brood wachtte, "
    "en hij zei dat hij hem op een marktdag nooit meer zou sluiten.",
    "pl": "Piekarz otworzył swój sklep bardzo wcześnie, bo cała ulica czekała na chleb, i "
    "powiedział, że już nigdy nie zamknie go w dzień targowy.",
    "ru": "Пекарь открыл свою лавку очень рано, потому что вся улица ждала хлеба, и он сказал, что "
    "больше никогда не закроет её в базарный день.",
    "sv": "Bagaren öppnade sin butik tidigt eftersom hela gatan väntade på brödet, och han sa att "
    "han aldrig mer skulle stänga den på en marknadsdag.",
    "tr": "Fırıncı dükkanını çok erken açtı çünkü bütün sokak ekmek bekliyordu ve pazar günü onu "
    "bir daha asla kapatmayacağını söyledi, bu yüzden herkes mutlu oldu.",
    "da": "Bageren åbnede sin butik tidligt, fordi hele gaden ventede på brødet, og han sagde, at "
    "han aldrig mere ville lukke den på en markedsdag.",
    "no": "Bakeren åpnet butikken sin tidlig fordi hele gaten ventet på brødet, og han sa at han "
    "aldri mer ville stenge den på en markedsdag.",
    "id": "Tukang roti itu membuka tokonya pagi sekali karena seluruh jalan sudah menunggu roti, "
    "dan dia mengatakan bahwa dia tidak akan pernah menutupnya lagi pada hari pasar.",
}

CJK_PROSE: dict[str, str] = {
    "zh": "面包师很早就开了他的店，因为整条街都在等面包。他说他在集市的日子里再也不会关门了，这是他对大家的承诺。",
    "ja": "パン屋さんは朝早くに店を開けました。通りのみんながパンを待っていたからです。彼は市場の日には二度と店を閉めないと言いました。",
    "ko": "빵집 주인은 아침 일찍 가게를 열었다. 거리의 모든 사람이 빵을 기다렸기 때문이다. 그는 장날에는 다시는 가게를 닫지 않겠다고 말했다.",
}


@pytest.mark.parametrize(
    ("tag", "code"),
    [("en-US", "en"), ("de", "de"), ("pt_BR", "pt"), ("NB", "no"), ("nn-NO", "no"), ("zh-Hant-TW", "zh"),
     ("ja", "ja"), (" fr-CA ", "fr"), ("", None), (None, None), ("und", None), ("x-klingon", None),
     ("1234", None), ("english", None)],
)
def test_normalize(tag: str | None, code: str | None) -> None:
    assert lang.normalize(tag) == code


@pytest.mark.parametrize("code", sorted(PROSE))
def test_detect_from_the_lang_attribute_alone(code: str) -> None:
    assert lang.detect(code.upper() + "-XX", "") == code


@pytest.mark.parametrize("code", sorted(PROSE))
def test_detect_from_text_in_each_language(code: str) -> None:
    assert lang.detect(None, " ".join([PROSE[code]] * 3)) == code


@pytest.mark.parametrize("code", sorted(CJK_PROSE))
def test_detect_cjk_by_script(code: str) -> None:
    assert lang.detect(None, CJK_PROSE[code]) == code
    # a page declared in English whose text is all CJK is read as the CJK language
    assert lang.detect("en", CJK_PROSE[code]) == code


def test_declared_cjk_language_wins_over_the_script_guess() -> None:
    # a Japanese page sampled from kanji-only headlines looks Chinese by script
    assert lang.detect("ja", "東京都知事選挙結果発表。新知事就任会見開催予定。") == "ja"


def test_a_stale_declaration_is_overruled_by_clear_text() -> None:
    german = " ".join([PROSE["de"]] * 3)
    assert lang.detect("en", german) == "de"
    # ... but mixed text that fits the declared language too keeps the declaration
    assert lang.detect("en", PROSE["en"] + " " + PROSE["de"]) == "en"


def test_declared_language_without_a_table_is_kept() -> None:
    czech = "Pekař otevřel svůj obchod velmi brzy, protože celá ulice čekala na chléb. " * 3
    assert lang.detect("cs", czech) == "cs"
    assert lang.stopwords_for("cs") is lang.UNION


def test_unknown_text_falls_back_to_und() -> None:
    assert lang.detect(None, "") == lang.UNDETERMINED
    assert lang.detect(None, "Home News Sport Weather 2024 Login") == lang.UNDETERMINED
    assert lang.detect("x-private", "Zxq vbn wrt plk mnb qwe rty uio") == lang.UNDETERMINED
    assert lang.stopwords_for(None) is lang.UNION
    assert lang.stopwords_for("und") is lang.UNION


def test_tables_are_read_only_and_cover_the_issue_languages() -> None:
    for code in ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "sv", "tr"):
        assert 100 <= len(lang.STOPWORDS[code]) <= 250, code
        assert all(w == w.lower() for w in lang.STOPWORDS[code]), code
    with pytest.raises(TypeError):
        lang.STOPWORDS["xx"] = frozenset()  # type: ignore[index]


@pytest.mark.parametrize("code", sorted(PROSE))
def test_prose_reads_as_prose_in_its_own_language(code: str) -> None:
    _, density = lang.text_stats(PROSE[code], code)
    assert density >= 0.18, (code, density)


def test_own_table_beats_the_english_table_for_swedish() -> None:
    # Swedish function words are not in the English table: measured as English, prose looks
    # like a list of names
    _, own = lang.text_stats(PROSE["sv"], "sv")
    _, english = lang.text_stats(PROSE["sv"], "en")
    assert own >= 0.3 and english < 0.1


def test_a_list_of_names_stays_low_in_every_language() -> None:
    names = "Anna Berg, Carlos Mendes, Dieter Vogel, Elena Rossi, Farid Haddad, Greta Lind"
    for code in [*PROSE, "und"]:
        assert lang.text_stats(names, code)[1] < 0.18, code


def test_cjk_density_is_character_based() -> None:
    for code, text in CJK_PROSE.items():
        words, density = lang.text_stats(text, code)
        assert density >= 0.18, (code, density)
        if code != "ko":  # Korean has spaces and counts words
            assert words == len(text) // 2
    # a menu of nouns has no function characters
    assert lang.text_stats("ニュース・経済・スポーツ・天気・政治・国際・科学", "ja")[1] < 0.18
    assert lang.text_stats("新闻 财经 体育 天气 政治 国际 科技 汽车 房产 教育", "zh")[1] < 0.18
    assert lang.text_stats("뉴스 정치 경제 사회 국제 문화 스포츠 연예", "ko")[1] < 0.18


def test_text_without_spaces_in_other_scripts_keeps_the_character_count() -> None:
    thai = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"  # one long run of letters
    assert lang.text_stats(thai, "th") == (len(thai) // 2, 0.0)


def test_turkish_dotted_capital_does_not_split_words() -> None:
    assert lang.text_stats("İstanbul'da", "tr")[0] == 2


def test_sample_text_prefers_long_blocks_and_is_bounded() -> None:
    blocks = ["Home", "News", PROSE["de"], "Login", PROSE["de"]]
    sample = lang.sample_text(blocks)
    assert sample.startswith(PROSE["de"])
    assert "Home" in sample  # short blocks too when there is room
    assert len(lang.sample_text([PROSE["en"]] * 1000, limit=500)) == 500


def _page(html_lang: str, body: str) -> str:
    attr = f' lang="{html_lang}"' if html_lang else ""
    return f"<html{attr}><head><title>t</title></head><body><nav><a href='/'>Start</a></nav>{body}</body></html>"


def test_page_language_is_detected_once_and_exposed() -> None:
    body = "".join(f"<p>{PROSE['sv']}</p>" for _ in range(3))
    page = build_page(to_tree(_page("", body)).root)
    assert page.language == "sv" and page.lang is None
    result = segmenter.segment(_page("sv-SE", body))
    assert result.lang == "sv-SE" and result.language == "sv"
    assert result.to_dict()["language"] == "sv"
    assert segmenter.segment_text("\n".join([PROSE["pl"]] * 3)).language == "pl"


def test_blocks_are_measured_in_the_page_language() -> None:
    body = "".join(f"<p>{PROSE['sv']}</p>" for _ in range(3))
    page = build_page(to_tree(_page("sv", body)).root)
    paragraphs = [b for b in page.blocks if b.text == PROSE["sv"]]
    assert paragraphs and all(b.stopword_density >= 0.3 for b in paragraphs)


def test_swedish_prose_gets_the_prose_vote() -> None:
    text = " ".join([PROSE["sv"]] * 2)
    words, density = lang.text_stats(text, "sv")
    block = make_features(text, words=words, stopword_density=density)
    votes = list(ProseRule().evaluate(block, make_page([block])))
    assert any(v.label.value == "body" for v in votes)
