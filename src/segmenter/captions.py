"""Credit lines: telling a photo credit from caption text, and splitting one from the other.

Pure functions over strings. The patterns are bounded (no nested quantifiers) so they stay
linear on long input; callers only pass short blocks anyway.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

import regex

__all__ = ["credit_from_attributes", "is_credit", "is_credit_fragment", "split_credit", "strip_credit_label"]

# Words that introduce a credit line, as pages print them.
_LABELS = (
    r"photos?|fotos?|foto's|photograph(?:y|s)?|pictures?|pics?|images?|bild(?:er)?|bildquelle|quelle|"
    # German compounds that say what kind of photo it is ("Symbolfoto: dpa", "(Archivbild)")
    r"(?:symbol|archiv|titel|presse|agentur)(?:fotos?|bild(?:er)?)|"
    r"credits?|crédits?|crédito|créditos|copyright|source|fuente|fonte|illustrations?|ilustración|"
    r"ilustração|grafik|graphic|video|afbeelding|beeld|zdjęcie|źródło|fotó|фото|источник|джерело|사진|写真|кадр|"
    r"isithombe|"
    # "Cedida por …", "Cortesía de …": courtesy credits
    r"cedid[ao]s?|cortesía"
)
_AGENCIES = (
    r"getty(?: images)?|afp|ap|reuters|dpa|epa(?:-efe)?|efe|keystone|imago|shutterstock|alamy|"
    r"picture[ -]alliance|anp|belga|ntb|tt|ritzau|xinhua|bloomberg|istock(?:photo)?|swns|pa(?: images| wire| media)?|"
    r"sipa|anadolu|zuma(?: press)?|apa|sda|tass|sputnik|kyodo|yonhap|unsplash|pexels|wikimedia(?: commons)?|"
    r"handout|supplied|courtesy|file photo|nurphoto|abaca|eyevine|rex|rex features|polaris|redux|magnum|"
    r"laif|ullstein|sz photo|kna|epd|dapd|ddp|ansa|lusa|europa press|agencia|agência|연합뉴스|뉴시스|뉴스1|"
    r"adobe ?stock|stock\.adobe\.com|dreamstime|depositphotos|123rf"
)
# A label starts the text, or follows a sentence end, a bracket or a separator; mid-sentence
# "a photo: …" is prose.
_LABEL_RE = regex.compile(
    rf"(?:^|(?<=[.!?…|–—(\[]\s{{0,2}})|(?<=\s[-/]\s))"
    rf"(?:(?:{_LABELS})\s*(?:by|von|de|par|por|di|door|:|：|-|/)|©|\(c\)|"
    # which photo, then who took it: "Top photo by Jane Doe" ("Main image: …" is a caption)
    rf"(?:top|main|cover|lead|header) (?:{_LABELS}) by\b|"
    rf"(?:{_LABELS})\s*$|"
    # Indonesian "Dok." (documentation): "(Dok.Kemenkes)"
    rf"dok\.(?=\s?\p{{Lu}})|"
    # glued to the name by markup without a space: "CreditJane Doe"
    rf"(?-i:(?:Credit|Photo|Foto|Image|Bild)(?=\p{{Lu}}\p{{Ll}})))"
    # "©" says "credit" wherever it stands: "The harbour at dusk © Jane Doe"
    rf"|(?<=\s)©",
    regex.IGNORECASE,
)
# a fragment that is only a label ("video", "(Archivbild)", "Photo:"): no credit on its own
_LABEL_ONLY = regex.compile(rf"[\s\p{{P}}]*(?:{_LABELS})[\s\p{{P}}]*", regex.IGNORECASE)
# lower-case words a credit may contain ("Photo by Jane Doe for the Guardian", "via Getty")
_CREDIT_FILLERS = frozenset(
    "by via for and of the on von und de du la le y e et par di door van der den al photo photos foto "
    "images image picture pictures file handout courtesy".split()
)
_AGENCY_RE = regex.compile(rf"(?<![\p{{L}}])(?:{_AGENCIES})(?![\p{{L}}])", regex.IGNORECASE)
_TRAILING_PAREN = regex.compile(r"\(([^()]{2,100})\)\s*$")
_LAST_SENTENCE = regex.compile(r"[.!?…]\s+([^.!?…]{2,100})$")
_PIPE = regex.compile(r"\s[|–—]\s([^|–—]{2,100})$")
# "Jane Doe/AFP", "IMAGO / Jane Doe": names on both sides ("2/4", "24/7" are counters)
_SLASH_NAME = regex.compile(r"\p{L}\.?/\p{L}|\p{L}\.? / \p{L}")
_SENTENCE_BREAK = regex.compile(r"\p{Ll}[.!?]\s+\S")
_WORD = regex.compile(r"\w+")
# Japanese and Korean papers credit after the caption: "…で＝ＡＰ", "…（山田太郎撮影）", "… 홍길동 기자"
_CJK_CREDIT = regex.compile(
    r"[＝=]\s?(ＡＰ|ＡＦＰ|ＥＰＡ|ロイター|共同|時事|AP|AFP|EPA|Reuters|[\p{Han}\p{Katakana}ー]{1,10}提供)\s*$"
    r"|([（(][\p{Han}\p{Hiragana}\p{Katakana}]{2,8}撮影[）)])\s*$"
)
# a label written after the name: "（山田太郎撮影）", "홍길동 기자"
_TRAILING_LABEL = regex.compile(r"[（(]?(?P<name>[^（）()]+?)\s?(?P<label>撮影|기자)[）)]?")
_REPORTER = regex.compile(r"\p{Hangul}{2,4}\s?기자")

MAX_CREDIT_WORDS = 16


def _words(text: str) -> int:
    return len(_WORD.findall(text))


#: a prefix this long holds more than MAX_CREDIT_WORDS words in any prose
_WORDS_PREFIX = 160


def _too_many_words(text: str) -> bool:
    """``_words(text) > MAX_CREDIT_WORDS``, without counting the words of a long paragraph: the
    caption rule asks this of every paragraph beside an image, and the words of a prefix are
    never more than the words of the whole (a word cut at the end still counts as one)."""
    if len(text) > _WORDS_PREFIX and len(_WORD.findall(text, 0, _WORDS_PREFIX)) > MAX_CREDIT_WORDS:
        return True
    return _words(text) > MAX_CREDIT_WORDS


def _credit_like(fragment: str) -> bool:
    """A short fragment that names a photographer or agency the way credits do."""
    fragment = fragment.strip()
    if not fragment:
        return False
    words = _words(fragment)
    if words > MAX_CREDIT_WORDS:
        return False
    if _LABEL_RE.match(fragment):
        return True
    if fragment.endswith(("!", "?")) or words > 10:
        return False
    if " | " in fragment:  # "Crowds on the pier | Reuters": text and credit, unless both sides credit
        return all(_credit_like(part) for part in fragment.split(" | "))
    if "(" in fragment[1:]:
        return False  # "Talks resume (AP Photo/…)": text with a bracketed credit, not a credit
    # "Getty Images", "Reuters", "Jane Doe/Bloomberg", "IMAGO/Nico Herbertz": an agency or a
    # slashed name (tested first: few fragments have one, and the tests below cost more)
    if not (_AGENCY_RE.search(fragment) or _SLASH_NAME.search(fragment)):
        return False
    if _SENTENCE_BREAK.search(fragment) or any(m.start() > 0 for m in _LABEL_RE.finditer(fragment)):
        return False  # "Prince Harry. © Jane Doe/PA": a caption followed by its credit
    # names and agencies, not prose: hardly any lower-case words besides the usual fillers
    # (agency names printed in lower case, "picture alliance/dpa", count as names)
    lower = sum(
        1 for w in _WORD.findall(_AGENCY_RE.sub(" ", fragment)) if w[0].islower() and w.lower() not in _CREDIT_FILLERS
    )
    return lower <= 1


_NAME = regex.compile(r"^\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|van|von|de|da|del|der|le|la|di)){1,4}$")


def _paren_credit(inner: str) -> bool:
    """Brackets at the end of a caption hold a credit, or just a person's name ("(Lucy Akins)")."""
    return _credit_like(inner) or _NAME.match(inner.strip()) is not None


# (a figure's lines are asked several times, by the caption rule, its helpers and assembly: the
# answer depends on the text alone, so it is kept, bounded, per process)
@lru_cache(maxsize=4096)
def is_credit(text: str) -> bool:
    """Whether the whole of ``text`` is a credit line ("Photo: Jane Doe/AFP", "(AP Photo/X)",
    "© Reuters", "Getty Images", "Foto: dpa")."""
    text = text.strip()
    if not text or _too_many_words(text):
        return False
    if text.startswith("(") and text.endswith(")"):
        return _paren_credit(text[1:-1])
    return _credit_like(text)


def is_credit_fragment(text: str) -> bool:
    """Only a bracket or only a label ("(", "Image:", "Foto"): the start of a credit line that
    the page splits over several elements."""
    return _WORD.search(text) is None or _LABEL_ONLY.fullmatch(text) is not None


def split_credit(text: str, parts: Sequence[tuple[str, str]] = ()) -> tuple[str, str | None]:
    """Split a trailing credit off caption text: ``(caption, credit)``, credit ``None`` when
    there is none. The credit keeps its label and brackets as shown.

    ``parts`` are the block's inline parts (``Features.parts``): a last part of its own inline
    element that is a whole credit line is the credit even when the page glues it to the caption
    without a space or a separator ("… at dusk.Jane Doe/AFP")."""
    text = text.strip()
    if not text:
        return "", None
    if is_credit(text):
        return "", text
    if len(parts) > 1:
        last = parts[-1][0].strip()
        if last and text.endswith(last) and len(last) < len(text) and is_credit(last) and not _LABEL_ONLY.fullmatch(last):
            return text[: -len(last)].rstrip(" |–—-/"), last
        # "… in the old town <span>/ Jane Doe</span>": a name set off by a slash in its own element
        if last[:1] in "/|" and text.endswith(last) and len(last) < len(text) and _NAME.match(last[1:].strip()):
            return text[: -len(last)].rstrip(), last[1:].strip()
    # the last labelled credit ("… in London. Photo: Jane Doe", "… (Image: Getty Images)")
    last_label = None
    for lm in _LABEL_RE.finditer(text):
        if lm.start() > 0:
            last_label = lm
    if last_label is not None:
        start = last_label.start()
        opener = text.rfind("(", max(0, start - 2), start)
        if opener >= 0 and text.endswith(")"):
            start = opener
        credit = text[start:].strip()
        head = text[:start].rstrip(" |–—-/")
        # a bare label ("… – video", "… (Archivbild)") names no one: it stays in the caption
        if head and _words(credit) <= MAX_CREDIT_WORDS and not _LABEL_ONLY.fullmatch(credit):
            return head, credit
    m = _TRAILING_PAREN.search(text)
    if m is not None and m.start() > 0 and _paren_credit(m.group(1)) and not _LABEL_ONLY.fullmatch(m.group(1)):
        return text[: m.start()].rstrip(), text[m.start() :].strip()
    m = _PIPE.search(text)
    if m is not None and _credit_like(m.group(1)) and not _LABEL_ONLY.fullmatch(m.group(1)):
        return text[: m.start()].rstrip(), m.group(1).strip()
    m = _LAST_SENTENCE.search(text)
    if m is not None and not _LABEL_ONLY.fullmatch(m.group(1)) and (
        _credit_like(m.group(1)) or _REPORTER.fullmatch(m.group(1))
    ):
        return text[: m.start() + 1].rstrip(), m.group(1).strip()
    m = _CJK_CREDIT.search(text)
    if m is not None and m.start() > 0:
        return text[: m.start()].rstrip(), (m.group(1) or m.group(2)).strip()
    return text, None


_LEADING_LABEL = regex.compile(
    rf"^(?:(?:top |main |cover )?(?:{_LABELS})(?![\p{{L}}])(?:\s+credits?)?\s*(?:by|von|de|par|por|di|door|:|：|-)\s*)+"
    rf"|^dok\.\s?(?=\p{{Lu}})"
    rf"|^(?-i:(?:(?:Image |Photo )?(?:Credit|Photo|Foto|Image|Bild))+(?=\p{{Lu}}\p{{Ll}}))",
    regex.IGNORECASE,
)


def strip_credit_label(credit: str) -> tuple[str | None, str]:
    """Split a credit's leading label from the name: ``"Photo by Jane Doe"`` ->
    ``("Photo by", "Jane Doe")``, ``"(Foto: Reuters)"`` -> ``("Foto:", "Reuters")``;
    ``"(AP Photo/Jane Doe)"`` and ``"© Reuters"`` keep their form. A credit printed twice
    (``"© Jane Doe | Jane Doe"``) is kept once. Returns ``(label or None, credit)``; a credit that
    is only a label is returned unchanged."""
    credit = _dedupe_halves(credit)
    inner = credit.strip()
    tm = _TRAILING_LABEL.fullmatch(inner)
    if tm is not None:
        return tm.group("label"), tm.group("name").strip()
    if inner.startswith("(") and inner.endswith(")"):
        label, rest = strip_credit_label(inner[1:-1].strip())
        if label is not None:
            return label, rest
    m = _LEADING_LABEL.match(credit)
    if m is None or m.end() == 0:
        return None, credit
    rest = credit[m.end() :].strip()
    if not rest or not _WORD.search(rest):
        return None, credit
    return credit[: m.end()].strip(), rest



def _dedupe_halves(credit: str) -> str:
    """``"© Jane Doe | Jane Doe"`` -> ``"© Jane Doe"``; ``"X (Y) Y"`` style repeats too."""
    words = credit.split()
    n = len(words)
    for cut in range(1, n):
        a = " ".join(words[:cut]).strip(" |·•-–—©()")
        b = " ".join(words[cut:]).strip(" |·•-–—©()")
        if a and b and (a == b or a.endswith(b) or b == a.split("/")[0]):
            return " ".join(words[:cut]).rstrip(" |·•-–—")
    return credit


def credit_from_attributes(attrib: Mapping[str, str]) -> str | None:
    """A credit an ``<img>`` carries in its attributes (``data-credit``, ``data-copyright``,
    ``data-photographer``, or a credit at the end of its ``title``), for a caption that shows
    none."""
    for key in ("data-credit", "data-copyright", "data-photographer", "data-photo-credit", "data-source"):
        value = attrib.get(key)
        if value and value.strip() and _words(value) <= MAX_CREDIT_WORDS:
            return " ".join(value.split())
    title = attrib.get("title")
    if title and len(title) <= 400:
        _, credit = split_credit(" ".join(title.split()))
        return credit
    return None
