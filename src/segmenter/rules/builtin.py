"""The default rules. Each is small and pure; their weights live in :data:`WEIGHTS` so they can be
read (and calibrated) in one place."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from types import MappingProxyType

import regex

from ..captions import is_credit, split_credit
from ..features import Page
from ..model import Evidence, Features, JunkKind, Label
from ..vocab import (
    AFFILIATE_DISCLOSURE,
    BOILERPLATE,
    CATEGORY_KINDS,
    CONSENT,
    DATE_ONLY,
    LEADIN,
    LIVE_STAMP,
    NEGATIVE_CATEGORIES,
    NOTES_HEADING,
    RELATED_HEADING,
    SOURCE_LINE,
    STRONG_CATEGORIES,
    TEASER_CUT,
    WIRE_CREDIT,
)
from .base import CONTEXT, Rule

__all__ = [
    "WEIGHTS",
    "WeightedRule",
    "BoilerplateTextRule",
    "BylineDatelineRule",
    "CaptionRule",
    "ClassVocabularyRule",
    "CardContextRule",
    "ContextSmoothingRule",
    "HeaderZoneRule",
    "HeadingRule",
    "LinkDensityRule",
    "MainRegionRule",
    "ProseRule",
    "RelatedLinkRule",
    "SemanticContainerRule",
    "TitleRule",
    "default_rules",
]

class _L:
    """The :class:`Label` members as plain class attributes: reading a member off an Enum class
    (``Label.JUNK``) is a property lookup in Python 3.11 that costs more than the rest of a
    typical vote, and the rules read them for every block."""

    TITLE, BODY, BYLINE, DATELINE = Label.TITLE, Label.BODY, Label.BYLINE, Label.DATELINE
    CAPTION, CREDIT, RELATED, JUNK = Label.CAPTION, Label.CREDIT, Label.RELATED, Label.JUNK


class _K:
    """The :class:`JunkKind` members the rules name, as plain class attributes (see :class:`_L`)."""

    NAVIGATION, PROMO, FOOTER, LEGAL = JunkKind.NAVIGATION, JunkKind.PROMO, JunkKind.FOOTER, JunkKind.LEGAL


#: Every weight of the default rules. A block's label is the one with the largest summed weight
#: (see :mod:`segmenter.resolve`), so these numbers are all on one scale: 1.0 is "a fair hint",
#: 2.0 "a strong hint", 3.0 and above "almost sure".
WEIGHTS: Mapping[str, float] = MappingProxyType({
    "region.inside": 2.0,
    # (calibrated: tools/calibrate.py moved it from 2.0; docs/calibration.md has both halves)
    "region.outside": 1.5,
    "region.near": 1.0,
    "region.lead": 1.5,
    "region.notes": 2.0,
    "region.other_story": 6.0,
    "container.nav": 2.5,
    "container.footer": 2.5,
    "container.aside": 2.0,
    "container.form": 2.0,
    "container.button": 3.0,
    "container.label": 3.0,
    "container.header": 0.75,
    "container.article": 0.5,
    # (calibrated in session 4: 1.5 -> 0.75 and class.strong_negative 2.5 -> 5.0; docs/calibration.md)
    "container.articlebody": 0.75,
    "class.negative": 1.5,
    "class.strong_negative": 5.0,
    "class.content": 0.25,
    "class.author_box": 2.5,
    "link.density": 3.0,
    "link.short_all_link": 1.0,
    "prose.long": 1.0,
    "prose.short_fragment": 0.5,
    "boilerplate": 3.0,
    "boilerplate.teaser": 4.0,
    "boilerplate.disclosure": 4.5,
    "heading.in_region": 0.5,
    "byline": 3.0,
    "dateline": 3.0,
    "dateline.live": 4.0,
    "caption.figcaption": 5.0,
    "caption.class": 4.5,
    "caption.in_figure": 4.0,
    "caption.near_image": 3.0,
    "caption.alt": 5.0,
    "credit.class": 4.5,
    "credit.line": 3.5,
    "caption.credited_figure": 4.0,
    "caption.promo": 4.5,
    "caption.lead_phrase": 5.0,
    "caption.product": 4.0,
    "related.leadin": 4.5,
    "related.class": 4.0,
    "related.card_headline": 5.0,
    "related.card": 4.0,
    "context.body": 1.5,
    "context.junk": 1.0,
    "context.list_in_body": 2.5,
    "related.card_line": 4.0,
})



class WeightedRule(Rule):
    """A built-in rule whose evidence weights come from a table (by default :data:`WEIGHTS`).

    ``weights`` may give only some keys; the rest keep their defaults. Unknown keys raise
    :class:`ValueError`, so a typo in a calibration file cannot pass silently.
    """

    def __init__(self, weights: Mapping[str, float] | None = None) -> None:
        self.weights: Mapping[str, float] = _merge_weights(weights)


def _merge_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    # A plain dict per rule set (not the read-only module table) keeps rules picklable.
    merged = dict(WEIGHTS)
    if weights:
        unknown = sorted(set(weights) - set(WEIGHTS))
        if unknown:
            raise ValueError(f"unknown weight name(s): {', '.join(unknown)}")
        merged.update((k, float(v)) for k, v in weights.items())
    return merged


class TitleRule(Rule):
    """The headline chosen by reconciling the page's headings with ``og:title``, the JSON-LD
    ``headline`` and ``<title>`` (see :func:`segmenter.title.choose_title`) is the title, for
    certain."""

    name = "title"
    priority = 50
    requires = frozenset({"index"})
    emits = frozenset({Label.TITLE})

    def evaluate(self, block: Features, page: Page) -> list[Evidence]:
        evidence: list[Evidence] = []
        if block.index == page.title_block:
            evidence.append(self._shared_vote(_L.TITLE, 10.0, "the heading that matches the page's title metadata", final=True))
        return evidence


class SemanticContainerRule(WeightedRule):
    """HTML5 sectioning elements and ARIA roles: nav, footer, aside, form, header, buttons and form
    labels are page furniture; article, main and ``itemprop=articleBody`` hold the story."""

    name = "semantic-containers"
    priority = 100
    requires = frozenset({"containers", "heading_level"})
    emits = frozenset({Label.JUNK, Label.BODY})

    def evaluate(self, block: Features, page: Page) -> list[Evidence]:
        evidence: list[Evidence] = []
        c = block.containers
        if "nav" in c or "role:navigation" in c or "role:menu" in c or "role:menubar" in c:
            evidence.append(self._shared_vote(_L.JUNK, self.weights["container.nav"], "inside <nav>", kind=_K.NAVIGATION))
        if "footer" in c or "role:contentinfo" in c:
            evidence.append(self._shared_vote(_L.JUNK, self.weights["container.footer"], "inside <footer>", kind=_K.FOOTER))
        if "aside" in c or "role:complementary" in c:
            evidence.append(self._shared_vote(_L.JUNK, self.weights["container.aside"], "inside <aside>"))
        if "form" in c or "role:search" in c:
            evidence.append(self._shared_vote(_L.JUNK, self.weights["container.form"], "inside a form", kind=_K.PROMO))
        if ("button" in c or block.tag == "button") and not block.heading_level:
            evidence.append(self._shared_vote(_L.JUNK, self.weights["container.button"], "the label of a button", kind=_K.NAVIGATION))
        if "label" in c and not block.heading_level:
            # the caption of a form control: a poll's answers, a filter's checkboxes, "Remember me"
            evidence.append(self._shared_vote(_L.JUNK, self.weights["container.label"], "the label of a form control", kind=_K.PROMO))
        if ("header" in c or "role:banner" in c) and "article" not in c and not block.heading_level:
            evidence.append(self._shared_vote(
                _L.JUNK, self.weights["container.header"], "inside a page <header>", kind=_K.NAVIGATION
            ))
        if "itemprop:articlebody" in c:
            evidence.append(self._shared_vote(_L.BODY, self.weights["container.articlebody"], "inside itemprop=articleBody"))
        elif "article" in c or "main" in c or "role:main" in c:
            evidence.append(self._shared_vote(_L.BODY, self.weights["container.article"], "inside <article>/<main>"))
        return evidence


# (the enum lookup by value is slow on this hot path: done once here)
_KIND_OF_CATEGORY = MappingProxyType({cat: JunkKind(kind) for cat, kind in CATEGORY_KINDS.items()})


class ClassVocabularyRule(WeightedRule):
    """Class and id names of the block's ancestors: ``share-tools``, ``newsletter-signup``,
    ``comment-list``, ``cookie-banner``, ``ad-slot``, ``site-footer`` … (see ``vocab``)."""

    name = "class-vocabulary"
    priority = 200
    requires = frozenset({"categories", "words", "link_density"})
    emits = frozenset({Label.JUNK, Label.BODY, Label.RELATED})

    def evaluate(self, block: Features, page: Page) -> list[Evidence]:
        evidence: list[Evidence] = []
        cats = block.categories
        for cat in sorted(cats & NEGATIVE_CATEGORIES):
            if cat == "related":
                # the related-links rule decides what a related region's links are; the text
                # beside them (teaser snippets, dates) leans to junk
                if block.link_density < 0.5:
                    evidence.append(self._shared_vote(_L.JUNK, self.weights["class.negative"], "text in a related box", kind=_K.PROMO))
                continue
            weight = self.weights["class.strong_negative"] if cat in STRONG_CATEGORIES else self.weights["class.negative"]
            kind = _KIND_OF_CATEGORY.get(cat) or JunkKind(CATEGORY_KINDS[cat])
            evidence.append(self._shared_vote(_L.JUNK, weight, f"inside a '{cat}' class/id", kind=kind))
        if "content" in cats and not (cats & NEGATIVE_CATEGORIES):
            evidence.append(self._shared_vote(_L.BODY, self.weights["class.content"], "inside a content/article class"))
        if "byline" in cats and block.words >= 15:
            # prose in an author class is the author's box (a bio), not the story
            evidence.append(self._shared_vote(_L.JUNK, self.weights["class.author_box"], "prose inside an author class"))
        return evidence


class MainRegionRule(WeightedRule):
    """The densest region of prose on the page (computed once per page from all blocks) is where
    the article lives; text outside it is usually not the article."""

    name = "main-region"
    priority = 300
    requires = frozenset(
        {
            "in_main_region", "region_distance", "words", "ends_sentence", "link_density", "heading_level",
            "categories", "other_story",
        }
    )
    emits = frozenset({Label.BODY, Label.JUNK})

    def evaluate(self, block: Features, page: Page) -> list[Evidence]:
        evidence: list[Evidence] = []
        if block.other_story:
            evidence.append(self._shared_vote(
                _L.JUNK, self.weights["region.other_story"],
                "in another story stacked on the page (an <article> with its own <h1>)", kind=_K.PROMO,
            ))
        if block.in_main_region:
            evidence.append(self._shared_vote(_L.BODY, self.weights["region.inside"], "inside the densest text region"))
        elif block.region_distance <= 2:
            evidence.append(self._shared_vote(_L.JUNK, self.weights["region.near"], "just outside the densest text region"))
            if _leads_into_region(block):
                evidence.append(self._shared_vote(_L.BODY, self.weights["region.lead"], "prose right beside the text region"))
            elif "notes" in block.categories and not (block.categories & NEGATIVE_CATEGORIES):
                # footnotes and references follow the text in a box of their own
                evidence.append(self._shared_vote(_L.BODY, self.weights["region.notes"], "the article's notes or references, beside its text"))
        else:
            evidence.append(self._shared_vote(_L.JUNK, self.weights["region.outside"], "outside the densest text region"))
        return evidence


def _leads_into_region(block: Features) -> bool:
    """A standfirst or a paragraph that sits just outside the body container: whole sentences,
    few links, nothing that marks it as page furniture."""
    return (
        block.words >= 8
        and block.ends_sentence
        and block.link_density < 0.2
        and not block.heading_level
        and not (block.categories & NEGATIVE_CATEGORIES)
    )


_CELL_TAGS = frozenset({"td", "th"})


class LinkDensityRule(WeightedRule):
    """Text that is mostly links is navigation or teasers, not prose."""

    name = "link-density"
    priority = 400
    requires = frozenset({"link_density", "words", "all_link", "heading_level", "tag", "in_main_region", "categories"})
    emits = frozenset({Label.JUNK})

    def __init__(self, threshold: float = 0.33, short_words: int = 8, *, weights: Mapping[str, float] | None = None) -> None:
        super().__init__(weights)
        self.threshold = threshold
        self.short_words = short_words

    def evaluate(self, block: Features, page: Page) -> list[Evidence]:
        evidence: list[Evidence] = []
        ld = block.link_density
        # a cell of a table in the article region links the row's subject (a film, a place): the
        # table's data, not a menu, so the cell's links weigh half and it is no lone link
        cell = block.tag in _CELL_TAGS and block.in_main_region
        # so does an entry of the article's references: it links the source it cites
        cell = cell or "notes" in block.categories
        if ld > self.threshold:
            weight = self.weights["link.density"] * (ld - self.threshold) / (1 - self.threshold)
            if cell:
                weight /= 2
            evidence.append(self.vote(_L.JUNK, round(weight, 3), f"link density {ld:.2f}", kind=_K.NAVIGATION))
        if block.all_link and block.words < self.short_words and not block.heading_level and not cell:
            evidence.append(self._shared_vote(_L.JUNK, self.weights["link.short_all_link"], "a short link on its own"))
        return evidence


class ProseRule(WeightedRule):
    """Long text full of function words and sentence punctuation reads like an article; very
    short fragments without a sentence end read like page furniture."""

    name = "prose"
    priority = 500
    requires = frozenset({"words", "stopword_density", "link_density", "ends_sentence", "heading_level"})
    emits = frozenset({Label.BODY, Label.JUNK})

    def __init__(self, min_words: int = 25, min_stopwords: float = 0.18, max_link_density: float = 0.25, *, weights: Mapping[str, float] | None = None) -> None:
        super().__init__(weights)
        self.min_words = min_words
        self.min_stopwords = min_stopwords
        self.max_link_density = max_link_density

    def evaluate(self, block: Features, page: Page) -> list[Evidence]:
        evidence: list[Evidence] = []
        if block.link_density > self.max_link_density:
            return evidence
        cjk = block.stopword_density == 0.0 and block.words >= self.min_words and block.sentence_marks >= 1
        if block.words >= self.min_words and (block.stopword_density >= self.min_stopwords or cjk):
            evidence.append(self.vote(_L.BODY, self.weights["prose.long"], f"{block.words} words of prose"))
        elif block.words < 4 and not block.ends_sentence and not block.heading_level:
            evidence.append(self._shared_vote(_L.JUNK, self.weights["prose.short_fragment"], "a fragment of under four words"))
        return evidence


class BoilerplateTextRule(WeightedRule):
    """Short lines that are page furniture anywhere: share prompts, subscribe calls, copyright;
    the fine print of forms and cookie notices, however long its sentence; and teaser snippets
    cut off with "… Read more"."""

    name = "boilerplate-text"
    priority = 600
    requires = frozenset({"text", "words"})
    emits = frozenset({Label.JUNK})

    def __init__(
        self, max_words: int = 12, max_words_promo: int = 24, max_words_consent: int = 70, max_words_teaser: int = 150,
        *, weights: Mapping[str, float] | None = None,
    ) -> None:
        super().__init__(weights)
        self.max_words_teaser = max_words_teaser
        self.max_words = max_words
        self.max_words_promo = max_words_promo
        self.max_words_consent = max_words_consent

    def evaluate(self, block: Features, page: Page) -> list[Evidence]:
        evidence: list[Evidence] = []
        if block.words <= self.max_words_consent and CONSENT.match(block.text):
            evidence.append(self._shared_vote(_L.JUNK, self.weights["boilerplate"], "reads like the fine print of a form", kind=_K.LEGAL))
            return evidence
        if block.words <= self.max_words_consent and _may_disclose(block.text) and AFFILIATE_DISCLOSURE.search(block.text):
            evidence.append(self._shared_vote(
                _L.JUNK, self.weights["boilerplate.disclosure"], "an affiliate-link disclosure", kind=_K.LEGAL
            ))
            return evidence
        text = block.text
        if block.words <= self.max_words_teaser and ("…" in text or "..." in text) and TEASER_CUT.search(text):
            # a paragraph cut short with "… Read more" is a teaser's snippet, however long
            evidence.append(self._shared_vote(
                _L.JUNK, self.weights["boilerplate.teaser"], "a snippet cut off with '… Read more'", kind=_K.PROMO
            ))
            return evidence
        if block.words > self.max_words_promo and "©" not in text:
            return evidence
        # a promo line ("Download the … app for …", "Sign up for …") may run a little longer
        # than other furniture; its pattern is anchored at the start of the line
        kind = _boilerplate_kind(text, block.words > self.max_words and "©" not in text)
        if kind == "promo" and block.heading_level and RELATED_HEADING.match(text):
            # the heading of a box of teasers ("Recommended for You") outweighs the votes a
            # heading in the article region gets
            evidence.append(self._shared_vote(
                _L.JUNK, self.weights["boilerplate.teaser"], "the heading of a box of links to other stories", kind=_K.PROMO
            ))
            return evidence
        if kind is not None:
            evidence.append(self._shared_vote(_L.JUNK, self.weights["boilerplate"], f"reads like {kind} boilerplate", kind=JunkKind(kind)))
        return evidence


# every form AFFILIATE_DISCLOSURE knows holds one of these, in lower or upper case (its first
# letter left off, for "Commission" and "commission"): a substring test rules out almost every
# line before the search
_DISCLOSURE_WORDS = ("ommission", "ompensation", "ickback", "ssociate", "ffiliate", "urchases")
_DISCLOSURE_HINTS: tuple[str, ...] = _DISCLOSURE_WORDS + tuple(h.upper() for h in _DISCLOSURE_WORDS)


def _may_disclose(text: str) -> bool:
    # (a loop, not any() over a generator: this runs for almost every block)
    for hint in _DISCLOSURE_HINTS:
        if hint in text:
            return True
    return False


# Short lines recur, on a page (a "Share" under every card) and across the pages of a site, and
# nine regex searches per line are the rule's whole cost: the answers are kept (bounded).
@lru_cache(maxsize=1 << 14)
def _boilerplate_kind(text: str, promo_only: bool) -> str | None:
    """The kind of the first :data:`BOILERPLATE` pattern found in ``text`` (only the promo
    patterns when ``promo_only``), or ``None``."""
    for kind, pattern in BOILERPLATE:
        if promo_only and kind != "promo":
            continue
        if pattern.search(text):
            return kind
    return None


class HeadingRule(WeightedRule):
    """Sub-headings inside the article region belong to the body."""

    name = "headings"
    priority = 700
    requires = frozenset({"heading_level", "in_main_region"})
    emits = frozenset({Label.BODY})

    def evaluate(self, block: Features, page: Page) -> list[Evidence]:
        evidence: list[Evidence] = []
        if block.heading_level and block.in_main_region and block.words <= 30:
            evidence.append(self._shared_vote(_L.BODY, self.weights["heading.in_region"], f"an h{block.heading_level} inside the region"))
        return evidence


_BYLINE = regex.compile(
    r"^(?:by|von|par|por|di|door|from)\s+\p{Lu}[\p{L}'’.\-]+(?:\s+[\p{L}'’.\-]+){0,5}"
    r"(?:\s*(?:,|and|und|et|y|e|en|&|\||/|•|·)\s*.*)?$",
    regex.IGNORECASE,
)
_DATE_WORDS = regex.compile(
    r"(?:\b(?:19|20)\d\d\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{1,2}:\d\d\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"\b(?:updated|published|posted|aktualisiert|veröffentlicht|publié|mis à jour|actualizado|publicado)\b)",
    regex.IGNORECASE,
)


class BylineDatelineRule(WeightedRule):
    """"By Jane Doe", author and date classes, ``<time>`` lines: metadata, not body."""

    name = "byline-dateline"
    priority = 800
    requires = frozenset({"text", "words", "categories", "containers", "heading_level"})
    emits = frozenset({Label.BYLINE, Label.DATELINE})

    def __init__(
        self, max_words: int = 14, max_credit_words: int = 60, *, weights: Mapping[str, float] | None = None
    ) -> None:
        super().__init__(weights)
        self.max_words = max_words
        self.max_credit_words = max_credit_words

    def evaluate(self, block: Features, page: Page) -> list[Evidence]:
        evidence: list[Evidence] = []
        containers = block.containers
        # (a line of a code listing is code: "from x import y" is no byline, a line number no date)
        if block.heading_level or "figcaption" in containers or "pre" in containers:
            return evidence
        text = block.text
        if block.words > self.max_words:
            if block.words <= self.max_credit_words and WIRE_CREDIT.match(text):
                evidence.append(self._shared_vote(_L.BYLINE, self.weights["byline"], "a wire story's credit line ('Reporting by …')"))
            return evidence
        if _BYLINE.match(text) or "byline" in block.categories:
            evidence.append(self._shared_vote(_L.BYLINE, self.weights["byline"], "a byline ('By …' or an author class)"))
        elif SOURCE_LINE.match(text) or WIRE_CREDIT.match(text):
            evidence.append(self._shared_vote(_L.BYLINE, self.weights["byline"], "the story's source ('Source: …', 'dpa/lno')"))
        elif ("date" in block.categories or "time" in block.containers) and _DATE_WORDS.search(text):
            evidence.append(self._shared_vote(_L.DATELINE, self.weights["dateline"], "a date line (date class or <time>)"))
        elif block.words <= 8 and block.tag not in _CELL_TAGS and DATE_ONLY.match(text):
            # (a year or a date alone in a table cell is the table's data, not the story's date)
            evidence.append(self._shared_vote(_L.DATELINE, self.weights["dateline"], "a line that is only a date or time"))
        elif block.words <= 6 and block.tag not in _CELL_TAGS and LIVE_STAMP.match(text):
            # (a pattern this particular outweighs the article container's vote for its lines)
            evidence.append(self._shared_vote(_L.DATELINE, self.weights["dateline.live"], "a live blog entry's time and author"))
        return evidence


# the labels of media controls and expanders ("View 3 images", "Mehr anzeigen", "Player wird geladen")
_CONTROL = regex.compile(
    r"^(?:view|show|see|load|play|watch|zoom|enlarge|expand|open|close|more|mehr|alle|weitere|quellen|"
    r"player|bild|bilder|voir|afficher|ver|mostrar|vedi|bekijk|toon)\b|\b(?:anzeigen|geladen|laden)$",
    regex.IGNORECASE,
)
_YEAR = regex.compile(r"\(?(?:1[5-9]|20)\d\d\)?")
_DURATION = regex.compile(r"^\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:min|mins|minutes|sec|s)\b)?")
# how captions open ("Clockwise from top: …", "Pictured: …", "From left: …", "Im Bild: …")
_CAPTION_LEAD = regex.compile(
    r"^(?:clockwise from\b|counter-?clockwise from\b|pictured\b|from (?:left|right|top)\b|"
    r"(?:top|above|below|left|right|inset)(?: left| right)?\s*:|im bild\s*:|v\.\s?l\.\s?n\.\s?r\.|von links\s*:|"
    r"de gauche à droite\b|de izquierda a derecha\b)",
    regex.IGNORECASE,
)
# calls to action of the sign-up and app boxes that sit in picture wrappers like figures do
_CALL_TO_ACTION = regex.compile(
    r"\b(?:sign up|subscribe|newsletter|create (?:a|an|your) (?:free )?account|continue reading|"
    r"download (?:the|our) app|get the app|anmelden|abonnieren|registrieren|inscrivez-vous|abonnez-vous|"
    r"suscríbete|regístrate|iscriviti)\b",
    regex.IGNORECASE,
)


def _not_a_caption(block: Features) -> bool:
    """Text that sits in figures without being a caption: bylines and dates of author boxes,
    video durations, buttons and one-word controls ("Embed", "Zoom")."""
    text = block.text
    if block.tag in ("button", "label"):
        return True
    if "credit" in block.categories or is_credit(text):
        return False  # a photographer's name in an "author" span is still a credit
    in_caption = "figcaption" in block.containers or "caption" in block.categories
    if not in_caption and ("byline" in block.categories or "date" in block.categories):
        return True
    if block.words <= 1:
        # one word is a control ("Embed", "Zoom") or a label ("Key"), but a year alone in a
        # figcaption dates the picture (timelines, then-and-now photos): its caption
        return not ("figcaption" in block.containers and block.link_density < 0.5 and _YEAR.fullmatch(text))
    if block.words <= 14 and (_BYLINE.match(text) or DATE_ONLY.match(text)):
        return True
    if (block.tag == "blockquote" or "blockquote" in block.containers) and "figcaption" not in block.containers:
        return True  # a pull quote set in a <figure>, its paragraphs in a <blockquote>
    if block.words <= 4 and _CONTROL.match(text):
        return True
    if block.words <= 24 and _boilerplate_kind(text, True) is not None:  # a promo line
        return True
    return _DURATION.match(text) is not None


class HeaderZoneRule(WeightedRule):
    """On a text page, the short lines between the headline and the body ("Hong Kong",
    "CNN —", "June 3, 2025 10:42 AM") are its dateline, or its byline when they read "By …"."""

    name = "header-zone"
    priority = 850
    requires = frozenset({"index", "text", "words"})
    emits = frozenset({Label.DATELINE, Label.BYLINE})

    def __init__(self, max_words: int = 16, *, weights: Mapping[str, float] | None = None) -> None:
        super().__init__(weights)
        self.max_words = max_words

    def evaluate(self, block: Features, page: Page) -> list[Evidence]:
        evidence: list[Evidence] = []
        if block.index not in page.header_zone or block.words > self.max_words:
            return evidence
        if _BYLINE.match(block.text):
            evidence.append(self._shared_vote(_L.BYLINE, self.weights["byline"], "a 'By …' line between headline and body"))
        else:
            evidence.append(self._shared_vote(_L.DATELINE, self.weights["dateline"], "a short line between headline and body"))
        return evidence


class CaptionRule(WeightedRule):
    """Captions and credits: ``<figcaption>``, ``itemprop=caption``, caption/credit classes, and
    short text in a figure (a ``<figure>`` or a small wrapper around an image with little text and
    few links). Text that is only a credit line ("Foto: dpa", "(AP Photo/Jane Doe)") is a credit;
    so is an author class inside a caption, and a credit line in a figure wrapper or right after an
    image's caption. Text beside a photo credit in a figure wrapper is a caption also just outside
    the article's text region; pull quotes and sign-up calls to action set in figures are no captions."""

    name = "captions"
    priority = 900
    requires = frozenset(
        {"containers", "categories", "words", "text", "figure", "heading_level", "link_density",
         "after_image", "before_image", "has_image", "in_main_region", "matches_alt", "region_distance", "index",
         "parts"}
    )
    emits = frozenset({Label.CAPTION, Label.CREDIT, Label.JUNK})

    def __init__(self, max_caption_words: int = 80, max_figure_words: int = 60, *, weights: Mapping[str, float] | None = None) -> None:
        super().__init__(weights)
        self.max_caption_words = max_caption_words
        self.max_figure_words = max_figure_words

    def evaluate(self, block: Features, page: Page) -> list[Evidence]:
        evidence: list[Evidence] = []
        c = block.containers
        cats = block.categories
        # cheap test first: most blocks have no sign of a picture at all
        if not (
            block.figure >= 0 or block.matches_alt or block.after_image or block.before_image or block.has_image
            or "figcaption" in c or "figure" in c or "itemprop:caption" in c or "caption" in cats or "credit" in cats
        ):
            # Nor has the block before it, mostly: the three tests of the block before below
            # all need a short block and a neighbour with one of these signs.
            if block.words > 16:
                return evidence
            prev = _previous(block, page)
            if prev is None or not (
                prev.matches_alt or prev.after_image or prev.has_image or prev.figure >= 0
                or "figcaption" in prev.containers or "credit" in prev.categories
            ):
                return evidence
            if not (
                _follows_caption(block, page)
                or (block.words <= 6 and block.text[:1] in "/|" and _continues_credit(block, page))
                or (block.words <= _PRODUCT_NAME_WORDS and _follows_image_credit(block, page))
            ):
                return evidence
        if block.words <= 6 and block.text[:1] in "/|" and _continues_credit(block, page):
            # "Photo by Jane Doe" then "/Example Agency" in its own element: one credit line
            evidence.append(self._shared_vote(_L.CREDIT, self.weights["credit.class"], "the rest of the credit line before it"))
            return evidence
        if block.words <= 24 and _CALL_TO_ACTION.search(block.text):
            # a sign-up or app box with a picture: a promo, not the picture's caption
            evidence.append(self._shared_vote(_L.JUNK, self.weights["caption.promo"], "a call to action beside a picture", kind=_K.PROMO))
            return evidence
        if _not_a_caption(block):
            return evidence
        if block.heading_level and not (block.words > _HEADLINE_WORDS and block.figure >= 0 and _credited_figure(block, page)):
            return evidence  # headlines are short: a long "heading" beside a photo credit is a caption in <h1>
        credit = block.words <= 16 and is_credit(block.text)
        label = _L.CREDIT if credit else _L.CAPTION
        what = "a credit line" if credit else "a caption"
        in_caption = "figcaption" in c or "itemprop:caption" in c or "caption" in cats
        if "credit" in cats and block.words <= 16:
            evidence.append(self._shared_vote(_L.CREDIT, self.weights["credit.class"], "a credit class/id"))
        elif "byline" in cats and in_caption and not block.parts and block.words <= 8 and block.link_density < 0.5:
            # an author class inside a caption names the photographer, not the article's author
            evidence.append(self._shared_vote(_L.CREDIT, self.weights["credit.class"], "an author class inside a caption"))
        elif "figcaption" in c or "itemprop:caption" in c:
            evidence.append(self._shared_vote(label, self.weights["caption.figcaption"], f"{what} inside <figcaption>"))
        elif "caption" in cats and block.words <= self.max_caption_words:
            evidence.append(self._shared_vote(label, self.weights["caption.class"], f"{what} inside a caption class/id"))
        elif (
            block.matches_alt and block.words <= self.max_caption_words and block.link_density < 0.5
            # repeating an alt text is a weak sign by itself: not in a far corner of the page
            and block.region_distance <= _ALT_CAPTION_REACH
        ):
            evidence.append(self._shared_vote(label, self.weights["caption.alt"], f"{what} that repeats the alt text of the image beside it"))
        elif block.tag in _TABLE_TAGS:
            # the text of a data table's cells (a table set in a <figure>, an image in a cell)
            # is the table's, not a photo caption
            return evidence
        elif "figure" in c and block.words <= self.max_figure_words and block.link_density < 0.5:
            evidence.append(self._shared_vote(label, self.weights["caption.in_figure"], f"{what} inside <figure>"))
        elif (
            (block.after_image or block.before_image) and not credit and block.words <= self.max_caption_words
            and block.link_density < 0.5 and _CAPTION_LEAD.match(block.text)
        ):
            # a paragraph beside an image that opens the way captions do
            evidence.append(self._shared_vote(_L.CAPTION, self.weights["caption.lead_phrase"], "a caption phrase beside an image"))
        elif not credit and _product_name(block, page):
            # a product box: picture, its credit, the product's name, buy buttons; the name is
            # what the picture shows
            evidence.append(self._shared_vote(_L.CAPTION, self.weights["caption.product"], "a name between a picture's credit and buy buttons"))
        elif credit and block.figure >= 0 and block.link_density < 0.5:
            # the wrapper holds an image, though not always right beside the credit line
            evidence.append(self._shared_vote(_L.CREDIT, self.weights["credit.line"], "a credit line in a small wrapper around an image"))
        elif (
            block.figure >= 0
            and block.figure not in page.captioned_figures
            and block.region_distance <= 2
            and (block.after_image or block.before_image or block.has_image)
            and block.words <= self.max_figure_words
            and block.link_density < 0.5
            and _credited_figure(block, page)
        ):
            # text beside a credit line in a small wrapper around an image is that image's
            # caption: promo boxes and cards with a picture carry no photo credit
            evidence.append(self._shared_vote(_L.CAPTION, self.weights["caption.credited_figure"], "a caption beside a photo credit"))
        elif (
            block.figure >= 0
            and block.figure not in page.captioned_figures
            and block.in_main_region
            and (block.after_image or block.before_image or block.has_image)
            and block.words <= self.max_figure_words
            and block.link_density < 0.5
            # a list item's picture illustrates its step or entry: the item's text is no caption
            and not block.in_list
            # nor is the text of a tile with a heading of its own (an icon, "Fast setup", a line
            # on it): the picture illustrates the heading
            and not _figure_heading(block, page)
        ):
            # a small wrapper around an image inside the article: cards and promo boxes outside
            # the article look the same, so only inside it
            evidence.append(self._shared_vote(label, self.weights["caption.near_image"], f"{what} beside an image, in a small wrapper"))
        elif credit and (block.after_image or block.before_image or block.has_image or _follows_caption(block, page)):
            evidence.append(self._shared_vote(_L.CREDIT, self.weights["credit.line"], "a credit line next to an image"))
        return evidence


#: how far (in blocks) a figure's credit line may be from its caption
_FIGURE_REACH = 2
#: how far (in blocks) a tile's heading may be from its text
_TILE_REACH = 3
#: how far (``Features.region_distance``) from the article a caption may be known by its alt text
_ALT_CAPTION_REACH = 4
#: headlines hardly ever run longer than this many words
_HEADLINE_WORDS = 20


def _figure_heading(block: Features, page: Page) -> bool:
    """The small wrapper around an image that ``block`` is in holds a heading too."""
    blocks, i, figure = page.blocks, block.index, block.figure
    for j in range(max(0, i - _TILE_REACH), min(len(blocks), i + _TILE_REACH + 1)):
        if j != i and blocks[j].figure == figure and blocks[j].heading_level:
            return True
    return False


def _credited_figure(block: Features, page: Page) -> bool:
    """The block ends with a labelled credit ("… Photo: Jane Doe"), or a block of the same figure
    close by is a credit line."""
    if split_credit(block.text)[1] is not None:
        return True
    i = block.index
    for other in page.blocks[max(0, i - _FIGURE_REACH) : i + _FIGURE_REACH + 1]:
        if other.index != i and other.figure == block.figure and other.words <= 16 and not other.heading_level:
            if "credit" in other.categories or is_credit(other.text):
                return True
    return False


#: elements whose own text is a table's cell or row
_TABLE_TAGS = frozenset({"td", "th", "tr", "table", "tbody", "thead", "tfoot"})
#: a product's name in a product box is short
_PRODUCT_NAME_WORDS = 12
# the buy buttons of a product box ("$90 at Example Store", "€45 bei Beispiel", "Buy now", "Check price")
_BUY_BUTTON = regex.compile(
    r"^(?:(?:[$€£¥]\s?\d[\d.,]*|\d[\d.,]*\s?(?:€|\$|£|eur|usd|gbp|chf|kr|zł))\s+(?:\S+\s+)?"
    r"(?:at|from|on|bei|chez|en|su|bij|på|w|em)\s+\S|"
    r"buy (?:now|it|on|at)\b|shop (?:now|it|at|on)\b|check price|see (?:it |price )?(?:at|on)\b|view (?:at|on)\b|"
    r"get it (?:at|on)\b|jetzt kaufen|acheter|comprar)",
    regex.IGNORECASE,
)


def _previous(block: Features, page: Page) -> Features | None:
    """The block right before ``block`` on its page (``None`` for the first)."""
    i = block.index
    return page.blocks[i - 1] if 0 < i <= len(page.blocks) else None


def _continues_credit(block: Features, page: Page) -> bool:
    """The block right before is a credit line (of a picture or a caption)."""
    prev = _previous(block, page)
    return (
        prev is not None
        and prev.words <= 16
        and (prev.figure >= 0 or "figcaption" in prev.containers or "credit" in prev.categories)
        and ("credit" in prev.categories or is_credit(prev.text))
    )


def _follows_image_credit(block: Features, page: Page) -> bool:
    """The block right before is a credit line printed on or under an image."""
    prev = _previous(block, page)
    return (
        prev is not None
        and (prev.after_image or prev.has_image)
        and prev.words <= 16
        and ("credit" in prev.categories or is_credit(prev.text))
    )


def _product_name(block: Features, page: Page) -> bool:
    """A short name right after an image's credit line and right before a buy button: the name of
    the product the picture shows (text after a credit that runs on as prose is no such name)."""
    i = block.index
    if (
        block.words > _PRODUCT_NAME_WORDS or block.link_density >= 0.5 or block.ends_sentence
        or i + 1 >= len(page.blocks) or not _follows_image_credit(block, page)
    ):
        return False
    nxt = page.blocks[i + 1]
    return nxt.words <= 8 and nxt.link_density >= 0.5 and _BUY_BUTTON.match(nxt.text) is not None


def _follows_caption(block: Features, page: Page) -> bool:
    """The block right before is an image's caption: it follows the image or repeats its alt text."""
    prev = _previous(block, page)
    return prev is not None and (prev.matches_alt or (prev.after_image and "figcaption" in prev.containers))




class RelatedLinkRule(WeightedRule):
    """Links to other articles: teaser cards (repeated sibling structures carrying headline-sized
    links; every line of the card: headline, source, age, snippet), "Read more:" lead-ins inside
    the body, and headline links in a related/most-read region."""

    name = "related-links"
    priority = 1000
    requires = frozenset(
        {"text", "first_href", "link_chars", "link_density", "words", "categories", "in_card", "in_main_region"}
    )
    emits = frozenset({Label.RELATED})

    def __init__(self, max_card_line_words: int = 150, *, weights: Mapping[str, float] | None = None) -> None:
        super().__init__(weights)
        self.max_card_line_words = max_card_line_words

    def evaluate(self, block: Features, page: Page) -> list[Evidence]:
        evidence: list[Evidence] = []
        has_link = block.first_href is not None and block.link_chars > 0
        if has_link and LEADIN.match(block.text) and block.words <= 40:
            evidence.append(self._shared_vote(_L.RELATED, self.weights["related.leadin"], "a 'Read more:' lead-in with a link"))
            return evidence
        if block.in_card:
            # Outside the article, a teaser card is as sure a thing as the page offers: the
            # sidebar, link-density and outside-the-region votes only say where cards live.
            # Inside the article region a list of links can be the article's own, so there the
            # vote is an ordinary one and the lines without a link do not vote.
            final = not block.in_main_region
            if has_link and block.link_density >= 0.5 and (final or not _linked_sentence(block)):
                evidence.append(self._shared_vote(
                    _L.RELATED, self.weights["related.card_headline"], "the headline link of a teaser card", final=final
                ))
            elif final and (block.words <= self.max_card_line_words or page.kind == "text"):
                evidence.append(self._shared_vote(_L.RELATED, self.weights["related.card"], "a line of a teaser card", final=True))
            return evidence
        if has_link and "related" in block.categories and 3 <= block.words <= 30 and block.link_density >= 0.6:
            evidence.append(self._shared_vote(_L.RELATED, self.weights["related.class"], "a headline link in a related region"))
        return evidence


def _linked_sentence(block: Features) -> bool:
    """A sentence of the article with a link in it ("This hotel is on my list of the best hotels
    in Rome."): it runs on past its link and ends as a sentence does; a teaser's headline is
    (nearly) all link and rarely ends with a full stop."""
    return block.words >= 12 and block.link_density < 0.75 and block.text.rstrip()[-1:] in ".!?"


class ContextSmoothingRule(WeightedRule):
    """jusText-style context: a short block between two article paragraphs is part of the article;
    an isolated 'body' block between junk is not."""

    name = "context-smoothing"
    priority = 2000
    stage = CONTEXT
    requires = frozenset(
        {"words", "link_density", "heading_level", "in_main_region", "in_card", "categories", "ends_sentence", "in_list"}
    )
    emits = frozenset({Label.BODY, Label.JUNK})

    def __init__(self, window: int = 2, max_words: int = 20, *, weights: Mapping[str, float] | None = None) -> None:
        super().__init__(weights)
        self.window = window
        self.max_words = max_words

    def evaluate(self, block: Features, page: Page) -> list[Evidence]:
        evidence: list[Evidence] = []
        labels = page.provisional
        i = block.index
        if not labels:
            return evidence
        own = labels[i]
        prev = _nearest(labels, i, -1, self.window)
        nxt = _nearest(labels, i, +1, self.window)
        if own is _L.JUNK:
            if (
                prev is _L.BODY
                and nxt is _L.BODY
                and block.words <= self.max_words
                and block.link_density < 0.5
                and block.in_main_region
                # furniture inside the body ("Advertisement", "Recommended:") is junk wherever it
                # sits; a bare list of networks ("YouTube, X") may be a table's data
                and _boilerplate_kind(block.text, False) in (None, "social")
            ):
                evidence.append(self._shared_vote(_L.BODY, self.weights["context.body"], "between two body paragraphs"))
        elif own is _L.RELATED:
            if block.in_card and block.in_main_region and "related" not in block.categories:
                if _list_in_body(page, i):
                    evidence.append(self._shared_vote(
                        _L.BODY, self.weights["context.list_in_body"], "a list of links the article's text runs on after"
                    ))
                elif _listed_source(page, i):
                    evidence.append(self._shared_vote(
                        _L.BODY, self.weights["context.list_in_body"], "a link in the article's list of sources"
                    ))
                elif _mixed_list(page, i):
                    evidence.append(self._shared_vote(
                        _L.BODY, self.weights["context.list_in_body"], "an item of a list whose other items are body"
                    ))
        elif own is _L.BODY and not block.heading_level and block.words < 8:
            if prev not in (_L.BODY, _L.TITLE, _L.BYLINE, _L.DATELINE, None) and nxt not in (
                _L.BODY,
                None,
            ):
                evidence.append(self._shared_vote(_L.JUNK, self.weights["context.junk"], "a short line with no body around it"))
        return evidence


#: how many related-link lines a list inside the article's text may hold (a product shortlist,
#: a list of sources); a longer run is a box of teasers
LIST_IN_BODY_MAX = 12


def _list_in_body(page: Page, i: int) -> bool:
    """The teaser-card lines around block ``i`` are a list inside the article's text: body before
    the run, and after it the text runs on (a paragraph, or a heading over the next section). A
    box of related stories ends the text or stands apart from it."""
    labels, blocks = page.provisional, page.blocks
    before = _past_run(labels, i, -1, LIST_IN_BODY_MAX)
    after = _past_run(labels, i, +1, LIST_IN_BODY_MAX)
    if before is None or after is None or labels[before] is not _L.BODY or labels[after] is not _L.BODY:
        return False
    nxt = blocks[after]
    if not (nxt.heading_level or (nxt.words >= 8 and nxt.ends_sentence)):
        return False
    # the text leads into the list with a colon ("Our picks:", "You will need:"); a list of
    # teasers dropped between two paragraphs, or under a bare label ("Exclusive background for
    # you"), is a box of teasers
    if not blocks[before].text.rstrip().endswith(":"):
        return False
    # the list sits in the text's own container, beside the paragraphs around it (a list element
    # and its items, nothing more): a teaser box wraps its list in boxes of its own
    xpaths = page.xpaths
    if len(xpaths) <= max(i, after) or xpaths[after].rpartition("/")[0] != xpaths[before].rpartition("/")[0]:
        return False
    return _listed_under(xpaths, before, i)


def _past_run(labels: tuple[object, ...], i: int, step: int, reach: int) -> int | None:
    """The nearest block in direction ``step`` past the run of teaser lines (and the captions
    among them) that block ``i`` is in, at most ``reach`` blocks away; ``None`` if there is none."""
    j = i + step
    while 0 <= j < len(labels) and abs(j - i) <= reach:
        if labels[j] is not _L.RELATED and labels[j] not in (_L.CAPTION, _L.CREDIT):
            return j
        j += step
    return None


def _listed_under(xpaths: tuple[str, ...], before: int, i: int) -> bool:
    """Block ``i`` is an item of a list set right beside block ``before``, in its container (only
    list elements between): a teaser box wraps its list in boxes of its own."""
    container = xpaths[before].rpartition("/")[0]
    if not xpaths[i].startswith(container + "/"):
        return False
    steps = xpaths[i][len(container) + 1 :].split("/")[:-1]
    return all(step.partition("[")[0] in _LIST_STEPS for step in steps)


def _list_of(xpath: str) -> str | None:
    """The path of the list element an item's block is in (``…/ul[1]`` of ``…/ul[1]/li[3]/a[1]``)."""
    k = xpath.rfind("/li[")
    return xpath[:k] if k > 0 else None


def _mixed_list(page: Page, i: int) -> bool:
    """Block ``i``, a teaser line, is an item of a list with a plain body item before it: the
    article's own list (a changelog of bugs, notes with a link each), not a box of teasers, whose
    items are all cards."""
    labels, blocks, xpaths = page.provisional, page.blocks, page.xpaths
    if len(xpaths) <= i or not blocks[i].in_list:
        return False
    own = _list_of(xpaths[i])
    if own is None:
        return False
    # (back past the other teaser lines and cards, to an item that is no card's line: a
    # teaser's snippet, not yet judged with its headline, is no item of the article's)
    j = i - 1
    while j >= 0 and i - j <= LIST_IN_BODY_MAX and (labels[j] is _L.RELATED or blocks[j].in_card):
        j -= 1
    if j < 0 or i - j > LIST_IN_BODY_MAX or blocks[j].in_card:
        return False
    if labels[j] is not _L.BODY or not blocks[j].in_list or _list_of(xpaths[j]) != own:
        return False
    k = i + 1
    while k < len(blocks) and k - i <= LIST_IN_BODY_MAX and labels[k] is _L.RELATED:
        k += 1
    return k >= len(blocks) or labels[k] is _L.BODY


#: how far back a link of a list of sources looks for the list's heading, in blocks
SOURCES_MAX = 80


def _listed_source(page: Page, i: int) -> bool:
    """Block ``i`` is an item of the list under the article's "References"/"Sources" heading: its
    apparatus, however much the list looks like a box of teasers."""
    labels, blocks, xpaths = page.provisional, page.blocks, page.xpaths
    j = i - 1
    while j >= 0 and i - j <= SOURCES_MAX and labels[j] is _L.RELATED:
        j -= 1
    if j < 0 or labels[j] is not _L.BODY or not blocks[j].heading_level or len(xpaths) <= i:
        return False
    return bool(NOTES_HEADING.match(blocks[j].text)) and _listed_under(xpaths, j, i)


_LIST_STEPS = frozenset({"ul", "ol", "li", "dl", "dt", "dd"})


class CardContextRule(WeightedRule):
    """Inside the article region a teaser card's headline link is judged on its own (a list of
    links can be the article's); in a box the markup calls related ("related-posts"), once the
    headline is judged a related link, the card's other lines (its snippet, date, section) go
    with it. Outside such a box they go with it when the card dates its story (a date line) under
    a headline of ``min_headline_words`` or more, and the line is snippet-sized
    (``max_snippet_words``): a forum post under its poster's linked name stays."""

    name = "card-context"
    priority = 2100
    stage = CONTEXT
    requires = frozenset({"in_card", "card", "index", "categories"})
    emits = frozenset({Label.RELATED})

    def __init__(
        self, window: int = 8, max_snippet_words: int = 80, min_headline_words: int = 4,
        *, weights: Mapping[str, float] | None = None,
    ) -> None:
        super().__init__(weights)
        self.window = window
        self.max_snippet_words = max_snippet_words
        self.min_headline_words = min_headline_words

    def evaluate(self, block: Features, page: Page) -> list[Evidence]:
        evidence: list[Evidence] = []
        labels = page.provisional
        if not block.in_card or not labels or labels[block.index] is _L.RELATED:
            return evidence
        blocks = page.blocks
        i, card = block.index, block.card
        lo, hi = max(0, i - self.window), min(len(blocks), i + self.window + 1)
        # (a box the markup does not name: a card that dates its story under a headline, with a
        # snippet, is a teaser; a list of headlines with descriptions can be the article's own,
        # and a forum post under its author's linked name is the thread's)
        unnamed = "related" not in block.categories and not _under_related_heading(page, i)
        if unnamed and (
            block.words > self.max_snippet_words
            or not any(
                blocks[j].card == card and labels[j] is _L.DATELINE and DATE_ONLY.match(blocks[j].text)
                for j in range(lo, hi)
            )
        ):
            return evidence
        # a card's lines are consecutive blocks: look a few either way for its headline
        for j in range(lo, hi):
            if (
                j != i and blocks[j].card == card and labels[j] is _L.RELATED
                and (not unnamed or _headline(blocks[j], self.min_headline_words))
            ):
                evidence.append(self._shared_vote(
                    _L.RELATED, self.weights["related.card_line"], "a line of a card whose headline is a related link",
                    final=True,
                ))
                break
        return evidence


#: how many blocks back a card looks for the heading of its box
BOX_HEADING_REACH = 120


def _under_related_heading(page: Page, i: int) -> bool:
    """The run of cards block ``i`` is in (ads between them count in) comes right under a heading
    that names a box of teasers ("Recommended for You", "More from …"): the heading names the
    box the markup does not."""
    blocks, labels = page.blocks, page.provisional
    j = i - 1
    while j >= 0 and i - j <= BOX_HEADING_REACH:
        b = blocks[j]
        if b.heading_level and not b.in_card and RELATED_HEADING.match(b.text):
            return True
        if not (b.in_card or labels[j] is _L.JUNK):
            return False
        j -= 1
    return False


def _headline(block: Features, min_words: int) -> bool:
    """A teaser's headline: a few words of link, not a linked date or a poster's name."""
    return block.words >= min_words and block.link_density >= 0.5 and not DATE_ONLY.match(block.text)


def _nearest(labels: tuple[object, ...], i: int, step: int, window: int) -> object:
    """The label of the nearest neighbour in direction ``step`` that is not a caption/credit."""
    j = i + step
    seen = 0
    while 0 <= j < len(labels) and seen < window:
        lab = labels[j]
        if lab not in (_L.CAPTION, _L.CREDIT):
            return lab
        j += step
        seen += 1
    return None


def default_rules(weights: Mapping[str, float] | None = None) -> Iterable[Rule]:
    """Fresh instances of the built-in rules; ``weights`` overrides entries of :data:`WEIGHTS`."""
    w = _merge_weights(weights)
    return [
        TitleRule(),
        SemanticContainerRule(weights=w),
        ClassVocabularyRule(weights=w),
        MainRegionRule(weights=w),
        LinkDensityRule(weights=w),
        ProseRule(weights=w),
        BoilerplateTextRule(weights=w),
        HeadingRule(weights=w),
        BylineDatelineRule(weights=w),
        HeaderZoneRule(weights=w),
        CaptionRule(weights=w),
        RelatedLinkRule(weights=w),
        ContextSmoothingRule(weights=w),
        CardContextRule(weights=w),
    ]
