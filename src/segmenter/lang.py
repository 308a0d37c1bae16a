"""The page's language, and how prose-like a block's text is in that language.

A block's *stop-word density* (the share of its words that are function words: articles,
pronouns, prepositions, auxiliaries) tells running prose from menus, lists of names and link
rows. It needs the right word table: German prose measured against English function words looks
like a list. So the language is decided once per page and each block then costs one set lookup
per word, as with a single table.

Detection (:func:`detect`) is light enough for the hot path:

1. ``<html lang>`` (``en-US`` -> ``en``; ``nb``/``nn`` -> ``no``) is trusted when the page text
   does not clearly contradict it (templates often keep a stale ``lang="en"``);
2. otherwise a text sample of a few KB, taken once per page (:func:`sample_text`), is scored by
   stop-word hits per language, and by script for Chinese, Japanese and Korean;
3. when neither decides, the result is ``"und"`` and the union of all tables is used, which reads
   any of the tabled languages about as well as the right table would.

A declared language without a table (``cs``, ``id`` …) is kept as the page's language; its
blocks are measured against the union table (:func:`stopwords_for`).

Languages written without spaces have no words to count. For them (see :func:`text_stats`):

* Japanese: the share of hiragana among the block's characters. Particles, inflections and
  auxiliaries are written in hiragana, names and nouns in kanji and katakana, so prose runs at
  about a third hiragana or more while menus and lists of names have next to none;
* Chinese: the share of a small set of very common function characters (的, 了, 是, 在 …), scaled
  so that prose lands in the same range as a stop-word density;
* for text in long runs without spaces (any script), half the number of characters stands in
  for the word count (a Chinese or Japanese word is about two characters long), so word-count
  thresholds keep their meaning; shorter runs cut by punctuation count their pieces, as before;
* Korean separates words by spaces but attaches its particles to them: a word counts as a
  function word when it is one of a few common function words or ends in a particle syllable
  (은/는/이/가/을/를/의/에/도/로/와/과 …).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType

__all__ = [
    "CJK",
    "STOPWORDS",
    "UNDETERMINED",
    "UNION",
    "detect",
    "normalize",
    "sample_text",
    "stopwords_for",
    "text_stats",
]

#: the code :func:`detect` returns when it cannot tell the language
UNDETERMINED = "und"

#: languages written (mostly) without spaces between words, or with particles glued to words
CJK = frozenset({"zh", "ja", "ko"})


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Each table lists the most frequent function words of one language, grouped by word class.
# Written for this project; lower-case, split the way the walk splits text into words (\w+), so
# elided forms appear without their apostrophe (French "l'", "qu'" -> "l", "qu").
_TABLES: Mapping[str, frozenset[str]] = MappingProxyType({
    "en": _words(
        """
        a an the
        i me my mine myself you your yours yourself he him his himself she her hers herself it its
        itself we us our ours ourselves they them their theirs themselves
        this that these those who whom whose which what whatever where when why how
        is are was were be been being am do does did doing done have has had having
        will would shall should can could may might must
        and or but nor so yet if then than because although though while whether unless since
        as until
        of to in on at by for with from into onto about above below under over after before between
        among through during without within against toward towards upon across along around
        behind beyond near off out up down
        not no also just only very too more most much many some any all each every both either
        neither few other another such same own even still already again ever never always often
        here there now however thus rather quite perhaps
        said says say one two new once further per plus via
        """
    ),
    "de": _words(
        """
        der die das den dem des ein eine einer eines einem einen
        ich du er sie es wir ihr man mich mir dich dir ihn ihm uns euch sich
        mein meine meinen meinem meiner sein seine seinen seinem seiner seines ihre ihren ihrem
        ihrer ihres unser unsere
        dieser diese dieses diesen diesem jener jede jeder jedes jeden kein keine keinen keinem
        keiner welche welcher welches wer was wo wie warum wann
        ist sind war waren bin bist seid wird werden wurde wurden worden hat haben hatte hatten
        habe hast gewesen kann können konnte konnten muss müssen musste soll sollen sollte will
        wollen wollte darf dürfen mag möchte
        und oder aber denn sondern dass daß ob wenn weil als da damit sowie bevor nachdem obwohl
        während
        an auf aus bei bis durch für gegen hinter in im ins mit nach neben ohne seit über um unter
        von vom vor zu zum zur zwischen beim am wegen laut gegenüber
        nicht auch noch nur schon so sehr mehr dann doch hier dort jetzt immer wieder also etwa
        bereits zwar nun ja nein alle allen alles viel viele dabei dafür dazu davon darauf darüber
        daher deshalb sogar kaum
        """
    ),
    "fr": _words(
        """
        le la les l un une des du de d à au aux
        je j tu il elle on nous vous ils elles me m te t se s lui leur leurs eux moi toi soi
        mon ma mes ton ta tes son sa ses notre nos votre vos
        ce c cet cette ces ça cela ceci celui celle ceux celles qui que qu quoi dont où lequel
        laquelle
        est sont était étaient été être sera seront serait a ai as avons avez ont avait avaient
        avoir eu fait peut doit faut
        et ou mais donc ni car si comme quand lorsque puisque alors ainsi puis
        dans sur sous avec sans pour par en entre vers chez depuis pendant après avant contre selon
        ne n pas plus moins aussi très bien encore déjà même tout tous toute toutes autre autres
        peu beaucoup trop y non oui comment pourquoi dit
        """
    ),
    "es": _words(
        """
        el la los las lo un uno una unos unas
        yo tú él ella ello ellos ellas nosotros nosotras usted ustedes me te se le les nos os
        mi mis tu tus su sus nuestro nuestra nuestros nuestras
        este esta estos estas ese esa esos esas eso esto aquel aquella
        que qué quien quienes cual cuales cuando donde como cómo
        es son era eran fue fueron ser sido está están estaba estar ha han he había habían hay
        haber tiene tienen tenía puede
        y e o u ni pero sino porque pues si aunque mientras
        a al de del en con por para sin sobre entre hasta desde contra según durante ante tras bajo
        hacia
        no más menos muy mucho mucha muchos muchas también tampoco ya aún todavía todo toda todos
        todas otro otra otros otras mismo misma tan tanto cada algo nada sólo solo así aquí ahora
        entonces
        """
    ),
    "it": _words(
        """
        il lo la i gli le l un uno una un
        io tu lui lei noi voi loro mi ti si ci vi ne gli
        mio mia miei mie tuo tua suo sua suoi sue nostro nostra vostro
        questo questa questi queste quello quella quelli quelle che chi cui quale quali
        è sono era erano fu stato stata stati state essere sarà sarebbe ha hanno ho hai abbiamo
        aveva avevano avere può
        e ed o ma però né se perché come quando dove mentre anche
        di del dello della dei degli delle d a al allo alla ai agli alle all da dal dalla dai dalle
        in nel nello nella nei negli nelle nell su sul sulla sui sulle con per tra fra dopo prima
        senza sotto sopra fino verso contro oltre
        non più meno molto molti molta poco già ancora sempre solo così poi ora tutto tutti tutta
        tutte altro altri altra
        """
    ),
    "pt": _words(
        """
        o a os as um uma uns umas
        eu tu ele ela eles elas nós você vocês me te se lhe lhes nos
        meu minha meus minhas seu sua seus suas nosso nossa
        este esta estes estas esse essa esses essas isso isto aquele aquela aquilo
        que quem qual quais como onde quando
        é são era eram foi foram ser sido está estão estava estar tem têm tinha ter há havia haver
        vai vão pode
        e ou mas nem porque pois se embora enquanto
        de do da dos das em no na nos nas num numa ao aos à às por pelo pela pelos pelas para com
        sem sobre entre até desde contra após durante
        não mais menos muito muita muitos muitas também já ainda sempre só apenas todo toda todos
        todas outro outra outros mesmo mesma cada assim aqui agora então
        """
    ),
    "nl": _words(
        """
        de het een
        ik je jij u hij zij ze wij we jullie hen hun hem haar mij me ons zich
        mijn jouw uw zijn onze
        dit dat deze die wie wat waar wanneer hoe waarom welke welk
        is zijn was waren ben bent wordt worden werd werden heeft hebben had hadden heb kan kunnen
        kon zal zullen zou zouden moet moeten wil willen mag
        en of maar want dus omdat terwijl als dan toen doordat hoewel
        in op aan met voor door bij naar uit van over onder tegen tussen zonder na sinds tot om te
        niet geen ook nog al er zo meer veel weer nu hier daar heel erg alleen alle andere iets
        niets iemand toch wel echter
        """
    ),
    "pl": _words(
        """
        ja ty on ona ono my wy oni one mnie mi mną cię ci go mu jej ich im nas was nim niej nich
        się sobie siebie
        mój moja moje twój jego swój swoja swoje swojej swoich nasz nasza
        ten ta to te tego tej tym tych temu tę ci który która które którego której których którym
        co kto czego czym gdzie kiedy jak dlaczego
        jest są był była było byli były być będzie będą został została zostało zostały ma mają miał
        miała może można trzeba
        i a oraz lub albo ale lecz czy że żeby aby bo gdy gdyby jeśli jeżeli więc jednak ponieważ
        w we z ze na do od po za przez przy pod nad przed bez dla o u między według około wobec
        nie tak też także tylko bardzo już jeszcze tu tam teraz wtedy wszystko wszyscy wszystkich
        każdy inne innych nawet wiele obecnie wcześniej ponad zarówno zwłaszcza gdyż je ją
        """
    ),
    "ru": _words(
        """
        я ты он она оно мы вы они меня мне мной тебя тебе его ему им него нему ней её ее их них нам
        нас вам вас себя себе собой
        мой моя моё мое мои твой его свой своя своё свое свои своих своей наш наша наши ваш
        этот эта это эти этого этой этом этих тот та то те того той том тех
        который которая которое которые которого которой которых кто что чего чем где когда как
        почему какой какая какие
        есть был была было были быть будет будут может можно нужно надо стал стала
        и а но или да ни либо что чтобы если хотя потому поэтому так также тоже ли же бы
        в во на с со к ко по за из от до у о об при про для без под над перед через после между
        около вокруг
        не нет уже ещё еще только даже очень более всё все всех весь вся тут там здесь теперь
        сейчас тогда потом вот лишь впрочем сих пор
        """
    ),
    "sv": _words(
        """
        en ett den det de denna detta dessa
        jag du han hon vi ni dem oss er mig dig sig honom henne hans hennes deras dess
        min mitt mina din ditt dina sin sitt sina vår vårt våra
        som vad vem vilken vilket vilka var när hur varför där
        är var vara varit blir blev bli har hade ha kan kunde ska skulle kommer får fick finns vill
        måste
        och eller men att om än så då eftersom medan
        i på av för med till från under över efter före mot vid hos utan genom mellan inom kring
        enligt
        inte också bara redan aldrig alltid nu här sedan mer mycket alla andra någon något några
        ingen inget inga även ut upp in säger sa innan flera två senare sådana
        """
    ),
    "da": _words(
        """
        en et den det de denne dette disse
        jeg du han hun vi dem os jer mig dig sig ham hende hans hendes deres dets
        min mit mine din dit dine sin sit sine vores jeres
        som hvad hvem hvilken hvilket hvilke hvor hvornår hvordan hvorfor der
        er var være været bliver blev blive har havde have kan kunne skal skulle vil ville må får
        fik
        og eller men at om end så da fordi mens hvis
        i på af for med til fra under over efter før mod ved hos uden gennem mellem inden omkring
        ifølge
        ikke også kun allerede aldrig altid nu her siden mere meget alle andre nogen noget ingen
        intet ud op ind siger
        """
    ),
    "no": _words(
        """
        en ei et den det de denne dette disse
        jeg du han hun vi dere dem oss meg deg seg ham henne hans hennes deres dens
        min mitt mine din ditt dine sin sitt sine vår vårt våre
        som hva hvem hvilken hvilket hvilke hvor når hvordan hvorfor der
        er var være vært blir ble bli har hadde ha kan kunne skal skulle vil ville må får fikk
        og eller men at om enn så da fordi mens hvis
        i på av for med til fra under over etter før mot ved hos uten gjennom mellom innen rundt
        ifølge
        ikke også bare allerede aldri alltid nå her siden mer mye alle andre noen noe ingen
        ingenting ut opp inn sier sa å samme svært helt likevel
        """
    ),
    "tr": _words(
        """
        ben sen o biz siz onlar beni bana benim seni sana senin onu ona onun onları onlara onların
        bizim sizin kendi kendisi kendini
        bu şu bunu bunun buna bunlar bunları şunu şöyle böyle
        ne neden niye nasıl nerede kim kimin hangi
        var yok değil olan oldu olduğu olduğunu olarak olur olması olacak oluyor ise idi
        eden etti ettiği edildi yaptı dedi söyledi
        ve veya ya ile ama fakat ancak çünkü ki de da hem yani eğer
        için gibi kadar göre sonra önce diye karşı üzere beri dolayı rağmen
        bir her hiç çok daha en az bazı tüm bütün ayrıca yine artık henüz şimdi zaten sadece bile
        mi mı mu mü tarafından üzerinde üzerinden arasında içinde ilgili hakkında yönelik ait
        edilen edildiği ediyor yapılan bulunan diğer son ilk kez devam
        """
    ),
    "id": _words(
        """
        aku saya kamu anda dia ia kami kita mereka beliau nya ku mu
        ini itu tersebut sini situ sana
        yang siapa apa mana kapan bagaimana mengapa kenapa
        adalah ialah merupakan ada akan sudah telah sedang masih bisa dapat harus boleh mau ingin
        menjadi
        dan atau tetapi tapi namun serta melainkan sedangkan karena sebab jika kalau bila agar
        supaya bahwa sehingga maka meskipun walaupun ketika saat sejak hingga sampai
        di ke dari pada dalam untuk bagi dengan oleh tentang terhadap kepada antara sebagai seperti
        melalui tanpa setelah sebelum selama menurut atas bawah
        tidak bukan belum juga pun lagi hanya saja sangat lebih paling sudah semua setiap para
        banyak beberapa sebuah seorang satu
        """
    ),
    # Korean: particles are glued to the word (see _KO_PARTICLE); these stand alone
    "ko": _words(
        """
        그 이 저 그리고 그러나 하지만 또 또한 및 등 더 잘 안 못 수 것 때 중 뒤 전 후 위해 대한 대해
        통해 따라 위한 있는 있다 없는 없다 하는 한다 했다 된 될 되는 됐다 그는 그녀는 이번 지난 모든
        고 며 한 할 이날 또는 그러면서 이후 이에 이를 다음 가장 말했다 것이다 것으로
        """
    ),
})
# the table of a language is found under all its usual codes
_ALIASES: Mapping[str, str] = MappingProxyType(
    {"nb": "no", "nn": "no", "jp": "ja", "kr": "ko", "cn": "zh", "cmn": "zh", "yue": "zh"}
)

# Turkish case endings written after an apostrophe on names ("Ankara'da", "Ali'nin") become
# words of their own: function morphemes, counted in a Turkish block's density but kept out of
# detection (they look like words of other languages)
_TR_SUFFIXES = _words("in ın un ün nin nın nun nün de da te ta den dan ten tan e a ye ya i ı u ü yi yı yu yü")

#: every table, by language code (read-only)
STOPWORDS: Mapping[str, frozenset[str]] = MappingProxyType(
    {code: table | _TR_SUFFIXES if code == "tr" else table for code, table in _TABLES.items()}
)

#: all tables in one: what a page of unknown language (``"und"``) is measured against
UNION: frozenset[str] = frozenset().union(*_TABLES.values())

# word -> the languages whose table holds it: one dict lookup per sampled word scores every
# language at once
_INDEX: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {w: tuple(code for code, table in _TABLES.items() if w in table) for w in UNION}
)

_WORD = re.compile(r"\w+")
_CODE = re.compile(r"[a-z]{2,3}")
_HIRAGANA = re.compile(r"[\u3041-\u309f]")
_KANA = re.compile(r"[\u3041-\u30ff]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_CJK_CHAR = re.compile(r"[\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_LETTER = re.compile(r"[^\W\d_]")
#: any character of the three CJK scripts (kana, Han, Hangul): one scan rules them all out
_ANY_CJK = re.compile(r"[\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
# the commonest Chinese function characters (simplified and traditional): structural particles,
# aspect markers, the copula, pronouns, common prepositions and conjunctions
_ZH_FUNCTION = re.compile(
    "[的了是在和有我他她它这這那不也就都而与與及被把从從对對为為个個们們中上来來到说說要会會以之其将將于於"
    "等但并並或该該此你着著过過还還又很吗嗎呢吧]"
)
# Chinese prose runs at about one function character in six; scaled to read like a stop-word
# density (see ProseRule.min_stopwords)
_ZH_SCALE = 1.5
# Turkish builds with suffixes what other languages say with function words, so its prose has
# about half their density of whole function words: doubled to read on the same scale
_TR_SCALE = 2.0
# the final syllable of a Korean word that carries a particle (topic, subject, object,
# possessive, locative, "also", instrumental, "and")
_KO_PARTICLE = frozenset("은는을를의에")
_KO_WORDS = _TABLES["ko"]

#: how many characters of page text :func:`sample_text` keeps
SAMPLE_CHARS = 4000
# blocks at least this long are read first: prose, not menus
_SAMPLE_MIN_BLOCK = 60
# a text guess needs this many sampled words and this share of them in its table
_MIN_SAMPLE_WORDS = 30
_MIN_GUESS_DENSITY = 0.12
# ... and to overrule a declared language that has a table, at least this many times as many
# hits as the declared language's table
_OVERRULE_RATIO = 2.0
# to overrule a declared language without a table, this share of the sample's words
_OVERRULE_UNTABLED = 0.25
# the share of CJK characters among the sample's letters that makes the page a CJK page
_CJK_SHARE = 0.3


def normalize(code: str | None) -> str | None:
    """The primary language subtag of a language tag, lower-cased (``"en-US"`` -> ``"en"``,
    ``"pt_BR"`` -> ``"pt"``, ``"nb"`` -> ``"no"``); ``None`` for no tag, a malformed one or one
    that names no language (``"und"``, ``"mul"``, ``"zxx"``, ``"x-…"``)."""
    if not code:
        return None
    primary = code.strip().lower().replace("_", "-").split("-", 1)[0]
    if not _CODE.fullmatch(primary) or primary in ("und", "mul", "zxx", "mis"):
        return None
    return _ALIASES.get(primary, primary)


def stopwords_for(language: str | None) -> frozenset[str]:
    """The stop-word table of a language code (any form :func:`normalize` accepts); the union of
    all tables for an unknown or undetermined language."""
    code = normalize(language)
    return STOPWORDS.get(code, UNION) if code is not None else UNION


def sample_text(texts: Iterable[str], limit: int = SAMPLE_CHARS) -> str:
    """At most ``limit`` characters of page text to detect the language from: long blocks first
    (prose says more about the language than menus do), then the rest, each in page order.
    ``texts`` is read at most twice and never beyond ``limit`` characters."""
    items = texts if isinstance(texts, list | tuple) else list(texts)
    out: list[str] = []
    size = 0
    for long_pass in (True, False):
        for t in items:
            if (len(t) >= _SAMPLE_MIN_BLOCK) != long_pass:
                continue
            out.append(t)
            size += len(t) + 1
            if size >= limit:
                return "\n".join(out)[:limit]
    return "\n".join(out)


def _script(sample: str) -> str | None:
    """``"zh"``, ``"ja"`` or ``"ko"`` when CJK characters make up much of the sample's letters."""
    if _ANY_CJK.search(sample) is None:  # most pages: one C-level scan instead of four
        return None
    letters = len(_LETTER.findall(sample))
    if not letters:
        return None
    han = len(_HAN.findall(sample))
    kana = len(_KANA.findall(sample))
    hangul = len(_HANGUL.findall(sample))
    if han + kana + hangul < _CJK_SHARE * letters:
        return None
    if hangul >= han + kana:
        return "ko"
    # Japanese text always carries kana (particles, inflections); Chinese none
    return "ja" if kana >= 0.05 * (han + kana) else "zh"


def _score(sample: str) -> tuple[int, dict[str, int]]:
    """The number of words in the sample and the hits of each language's table among them."""
    hits: dict[str, int] = {}
    words = _WORD.findall(sample.lower())
    for w in words:
        for code in _INDEX.get(w, ()):
            hits[code] = hits.get(code, 0) + 1
    return len(words), hits


def detect(html_lang: str | None, sample_text: str) -> str:
    """The page's language code: the declared ``html_lang`` (normalized) unless the text sample
    clearly says otherwise, else the language whose stop words or script dominate the sample,
    else ``"und"`` (undetermined: blocks are measured against the union of all tables).

    ``sample_text`` should be a few KB at most (see :func:`sample_text`); the cost is one dict
    lookup per sampled word plus a few regex scans of the sample.
    """
    declared = normalize(html_lang)
    script = _script(sample_text) if sample_text else None
    if script is not None:
        # a CJK declaration may name a different CJK language than the script suggests (a
        # Japanese page sampled from its kanji-heavy headlines): the declaration wins
        return declared if declared in CJK else script
    n, hits = _score(sample_text)
    hits.pop("ko", None)  # Korean is decided by script only
    best = max(hits, key=lambda c: hits[c], default=None)
    best_hits = hits.get(best, 0) if best is not None else 0
    guess = best if best is not None and n >= _MIN_SAMPLE_WORDS and best_hits >= _MIN_GUESS_DENSITY * n else None
    if declared is None:
        return guess or UNDETERMINED
    if guess is None or guess == declared:
        return declared
    if declared in _TABLES and declared not in CJK:
        return guess if best_hits >= _OVERRULE_RATIO * hits.get(declared, 0) else declared
    # a declared CJK language without CJK text, or a language without a table: only a clear
    # majority of some table's words overrules it
    return guess if best_hits >= _OVERRULE_UNTABLED * n else declared


def text_stats(text: str, language: str = UNDETERMINED) -> tuple[int, float]:
    """Word count and stop-word density of a block of text in ``language`` (a code from
    :func:`detect`). Text without spaces (Chinese, Japanese, Thai …) counts half its characters
    as words; its density is character-based for Chinese and Japanese and 0.0 otherwise (see the
    module docstring)."""
    low = text.lower()
    if "\u0307" in low:  # "İ" lower-cases to "i" and a combining dot, which would split the word
        low = low.replace("\u0307", "")
    tokens = _WORD.findall(low)
    n = len(tokens)
    if n == 0:
        return 0, 0.0
    long_runs = len(text) / n > 12  # runs of letters without spaces: Chinese, Japanese, Thai …
    # (word counts are kept as they were before languages were told apart: half the characters
    # for long runs, else the \w+ tokens, which cut CJK text at its punctuation and spaces)
    words = max(1, len(text) // 2) if long_runs else n
    if language == "ja" or language == "zh":
        # a block mostly in CJK characters is measured by characters, however often punctuation
        # cuts it into tokens
        if long_runs or 2 * len(_CJK_CHAR.findall(text)) >= len(text):
            if language == "ja":
                return words, len(_HIRAGANA.findall(text)) / len(text)
            return words, min(1.0, _ZH_SCALE * len(_ZH_FUNCTION.findall(text)) / len(text))
    if long_runs:
        return words, 0.0
    if language == "ko":
        stop = sum(1 for t in tokens if t[-1] in _KO_PARTICLE or t in _KO_WORDS)
        return n, stop / n
    # (a Chinese or Japanese page's Latin-script blocks: the union table)
    table = STOPWORDS.get(language, UNION) if language not in CJK else UNION
    stop = sum(map(table.__contains__, tokens))  # (the count of stop words, with no loop in Python)
    if language == "tr":
        return n, min(1.0, _TR_SCALE * stop / n)
    return n, stop / n

