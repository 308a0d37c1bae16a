"""Word lists and patterns the features and rules read: pure data, compiled once at import.

Every pattern here is anchored or bounded and free of nested quantifiers, so none can backtrack
catastrophically on long input.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

import regex

from .lang import UNION

__all__ = [
    "BLOCK_TAGS",
    "BOILERPLATE",
    "CONSENT",
    "DATE_ONLY",
    "LEADIN",
    "RELATED_HEADING",
    "CATEGORY_KINDS",
    "NEGATIVE_CATEGORIES",
    "SKIP_TAGS",
    "STRONG_CATEGORIES",
    "WIDGET_CATEGORIES",
    "STOPWORDS",
    "TEASER_CUT",
    "hides",
    "is_sr_only",
    "categories_of",
    "classify",
    "split_tokens",
]

#: elements whose subtree a reader never sees as page text
SKIP_TAGS = frozenset(
    {
        # (not "head": libxml2 puts HTML5 elements that follow <meta>/<title> there when a page
        # leaves out <body>; the head's own elements are skipped one by one)
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
        "embed", "canvas", "video", "audio", "textarea", "select", "option", "datalist", "map",
        "frameset", "frame", "dialog", "meta", "link", "title", "base",
    }
)

#: elements that start and end a block of text; inline elements stay inside the block
BLOCK_TAGS = frozenset(
    {
        "html", "body", "address", "article", "aside", "blockquote", "center", "dd", "details",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul", "caption", "legend",
        "button", "label", "menu", "dir", "output", "picture", "noframes", "br", "img", "input",
        "listing", "plaintext", "xmp",
    }
)

#: semantic containers recorded in ``Features.containers``
SEMANTIC_TAGS = frozenset(
    {"article", "main", "nav", "aside", "header", "footer", "figure", "figcaption", "form",
     "blockquote", "table", "li", "time", "address", "button", "label", "menu", "caption", "dl", "pre"}
)

#: screen-reader-only classes: the text is not shown on screen
SR_ONLY_CLASSES = frozenset(
    {"sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "screen-reader-only",
     "screenreader-only", "sr-text", "a11y-hidden", "offscreen", "element-invisible", "u-hidden-visually",
     "hide-visually", "visuallyhidden-focusable"}
)

# Class/id vocabularies. Each category is matched against the *tokens* of a class or id value
# (split at non-alphanumerics and camelCase humps), so "share-tools" and "shareTools" both give
# "share" while "shared" or "address" give nothing. A pattern must match a whole token.
_CATEGORY_PATTERNS: dict[str, str] = {
    # (not "promo" among the ads: many sites call their own story teasers promos; not "pub":
    # it is also short for "published", as in "pub-date")
    "nav": r"nav|navs|navbar|navigation|navi|menu|menus|menubar|submenu|megamenu|breadcrumbs?|crumbs?|"
    r"pagination|pager|skiplink|skiplinks|skipnav|skiptocontent|skiptomain|skiptomaincontent|topbar|toolbar|masthead|drawer|hamburger|jumplinks?",
    "share": r"share|shares|sharing|sharebar|sharetools|social|socials|addthis|sociallinks|follow|"
    r"sharethis|whatsapp|facebook|twitter|linkedin|pinterest",
    # not "paywall"/"premium"/"piano": publishers put those on the article body itself
    "newsletter": r"newsletters?|subscribe|subscription|subscriptions|signup|"
    r"registration|donate|donation|upsell|optin",
    "comments": r"comments?|commentlist|disqus|discussion|respond|replies|reply|talkback|reactions|"
    r"kommentare?|commentaires?|comentarios?",
    # (not "cmp": Adobe's page components are all "cmp-…"; "cmplz" is a consent plugin)
    "cookie": r"cookies?|consent|gdpr|onetrust|cookiebot|cmplz|privacy|cookiebanner|cookienotice|"
    r"cookieconsent|cookiebar|cookielaw|cookiewall|cookiepopup|cookienotification|cookiepolicy",
    "ad": r"ad|ads|adv|advert|adverts|advertisement|advertising|adsense|adslot|adunit|adwrapper|dfp|gpt|"
    r"sponsor|sponsored|sponsors|promoted|revcontent|dianomi|plista|ligatus|nativo|mgid|"
    r"adblade|"
    r"anzeige|werbung|publicidad|billboard|leaderboard|mrec|skyscraper",
    "footer": r"footer|foot|colophon|copyright|legal|imprint|impressum|site-info|siteinfo|disclaimers?",
    # boxes shown over the page: pop-ups, modal dialogs, tooltips (not "overlay" or "lightbox":
    # photo captions are set over their image or repeated in a lightbox)
    "overlay": r"popup|popups|modal|modals|tooltip|tooltips|dialog",
    "sidebar": r"sidebar|sidebars|aside|rail|rightrail|leftrail|widget|widgets|sidecol|sidecolumn|"
    r"secondary|complementary",
    # not "teaser": publishers call the standfirst of an article a teaser too
    "related": r"related|relatedposts|recommend|recommended|recommendations|recirc|recirculation|"
    r"mostread|mostpopular|popular|trending|readnext|morestories|morenews|"
    r"headlines|latest|lesetipp|empfehlungen|ailleurs|relacionadas|correlate|gerelateerd|similar|similars",
    "tags": r"tags?|tagcloud|taglist|keywords?|topics|schlagworte|etiquetas",
    "byline": r"byline|bylines|author|authors|writer|contributor|autor|auteur|autore|signature|"
    r"creditline",
    "date": r"date|dates|dateline|timestamp|published|pubdate|updated|posted|datum|fecha",
    "caption": r"caption|captions|figcaption|cutline|legend|legends|wpcaptiontext|bildunterschrift|"
    r"bildtext|legende|didascalia|leyenda|legenda|onderschrift|imagecaption|mediacaption",
    "credit": r"credit|credits|photocredit|imagecredit|copyrightholder|photographer|bildquelle|"
    r"fotograf|fotocredit|fotonachweis",
    # an article's own apparatus: its footnotes, reference list and bibliography (Wikipedia's
    # "reflist", WordPress's "wp-block-footnotes", DPUB-ARIA's "doc-endnotes")
    "notes": r"references|reflist|refbegin|footnotes?|endnotes?|bibliography",
    "content": r"article|articles|content|entry|post|story|body|text|prose|richtext|articlebody|"
    r"storybody|postbody|entrycontent|postcontent|main|maincontent|artikel|inhalt|contenu|"
    r"contenido|corpo|texto",
}



def _expand(patterns: dict[str, str]) -> Mapping[str, str]:
    # The patterns are plain alternations of words, some with one optional last letter
    # ("tags?"): a token's category is then one dict lookup instead of a regex match. The first
    # category listing a word keeps it, as the first alternative would win in a regex.
    table: dict[str, str] = {}
    for name, pattern in patterns.items():
        for alt in pattern.split("|"):
            forms = (alt[:-2], alt[:-1]) if alt.endswith("?") else (alt,)
            for form in forms:
                table.setdefault(form, name)
    return MappingProxyType(table)


_CATEGORY_WORDS = _expand(_CATEGORY_PATTERNS)

#: categories that make text junk (or at least not body)
NEGATIVE_CATEGORIES = frozenset(
    {"nav", "share", "newsletter", "comments", "cookie", "ad", "footer", "sidebar", "related", "tags", "overlay",
     "dialog"}
)

#: negative categories that stay negative on however large an element (see features._finish);
#: "dialog" has no class words: it comes from ``role="dialog"`` / ``role="alertdialog"``, a box
#: the page opens over itself (a consent notice, a sign-in prompt)
STRONG_CATEGORIES = frozenset({"share", "cookie", "ad", "comments", "newsletter", "dialog"})

#: strong categories of small widgets (a share bar, a signup box): on an element that holds much
#: of the page's prose they name a wrapper ("share-container" around a post, a newsletter's
#: "newsletter-post"), not the widget; comment threads, ads and cookie dialogs can be long
WIDGET_CATEGORIES = frozenset({"share", "newsletter"})

#: the junk kind each negative category implies
CATEGORY_KINDS: dict[str, str] = {
    "nav": "navigation",
    "share": "social",
    "newsletter": "promo",
    "comments": "comments",
    "cookie": "legal",
    "ad": "advertising",
    "footer": "footer",
    "sidebar": "other",
    "related": "promo",
    "tags": "navigation",
    "overlay": "other",
    "dialog": "other",
}

_TOKEN_SPLIT = re.compile(r"[^0-9A-Za-z]+")
_BRACKETED = re.compile(r"\[[^\]]*\]")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


# CMS taxonomy classes name the post's tags and categories ("tag-facebook", "category-sport"),
# not what the element is; layout modifiers ("has-sidebar", "with-rail-right", "no-comments") say
# what the element sits next to or lacks, not what it is: neither carries vocabulary
_TAXONOMY = regex.compile(
    r"^(?:tag|category|categories|post|author|format|status|type|term|topic|section|has|with|no|without)[-_]",
    regex.I,
)


def split_tokens(value: str) -> list[str]:
    """Split a class or id value into lower-case tokens (``"article__body shareTools"`` ->
    ``["article", "body", "share", "tools"]``), plus each hyphen-joined compound without separators.
    Taxonomy classes such as ``tag-facebook`` and layout modifiers such as ``has-sidebar`` are
    left out."""
    out: list[str] = []
    for word in value.split():
        out.extend(_word(word)[0])
    return out


#: the hash CSS Modules append to a class name: two or three underscores, then five or more
#: base64 characters, mixed case or with a digit ("__adKqa", "___3xYq1")
_MODULE_HASH = re.compile(r"_{2,3}(?=[A-Za-z0-9_-]{5,8}$)(?=.*(?:[A-Z].*[a-z]|[a-z].*[A-Z]|\d))[A-Za-z0-9_-]{5,8}$")


#: the controls and blocks that "adv" ("advanced") names in page builders and forms
_ADVANCED = frozenset({"heading", "search", "filter", "filters", "settings", "options", "button", "form"})


def _opaque(humps: list[str]) -> bool:
    """Whether the camel-case humps of one class/id segment are a generated hash: three or
    more humps, most of them one or two characters long ("e|Ad|Nqk"; "get|Ad|Unit|Id" is words)."""
    return len(humps) >= 3 and 2 * sum(len(h) <= 2 for h in humps) > len(humps)


@lru_cache(maxsize=1 << 16)
def _word(word: str) -> tuple[tuple[str, ...], frozenset[str]]:
    # One class name's tokens and categories. Memoised per name, not per attribute value: the
    # same names ("article", "col-md-8") recur across sites in ever new combinations.
    if word.isascii() and word.isalnum() and (word.islower() or word.isdigit()):
        # the common case, one plain lower-case name: no splitting to do
        cat = _CATEGORY_WORDS.get(word)
        return (word,), (frozenset((cat,)) if cat else frozenset())
    if ("-" in word or "_" in word) and _TAXONOMY.match(word):  # (the prefix ends in one of them)
        return (), frozenset()
    if "[" in word:
        # Tailwind's arbitrary variants and values ("[&_figcaption]:mt-xs", "w-[calc(100%-2rem)]")
        # name the descendants they style or a CSS value, not the element: only the utility counts
        word = _BRACKETED.sub("", word)
    if "__" in word:
        # CSS Modules end a class with its file's hash ("table_root__adKqa",
        # "Widget_card___3xYq1"): no words in it
        word = _MODULE_HASH.sub("", word)
    if word.islower():
        parts = [p for p in _TOKEN_SPLIT.split(word) if p]
    else:
        parts = []
        for segment in _TOKEN_SPLIT.split(word):
            humps = _CAMEL.sub("-", segment).split("-")
            # a generated hash ("eAdNqk", "n1AuAdJlVL") splits into humps of one or two
            # characters that spell no words: it stays one opaque token
            parts.extend((segment,) if _opaque(humps) else humps)
        parts = [p for p in parts if p]
    tokens = [p.lower() for p in parts]
    if len(parts) > 1:
        tokens.append("".join(parts).lower())
        if "adv" in tokens and any(t.rstrip("0123456789") in _ADVANCED for t in tokens):
            # "adv" before a control's name is "advanced" (a page builder's "kt-adv-heading",
            # "adv-search"), not an advertorial ("adv-news")
            return tuple(tokens), categories_of([t for t in tokens if t != "adv"])
        if "follow" in tokens and "up" in tokens:
            # "follow-up" (questions, reading) is no follow button
            return tuple(tokens), categories_of([t for t in tokens if t != "follow"])
        if "accordion" in tokens and "drawer" in tokens:
            # an accordion's drawer ("sc-block-accordion_drawer") is a fold of the text that
            # opens in place, not the slide-out drawer of a site menu
            return tuple(tokens), categories_of([t for t in tokens if t != "drawer"])
    return tuple(tokens), categories_of(tokens)


@lru_cache(maxsize=1 << 16)
def classify(value: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """Tokens and vocabulary categories of a class/id value, memoised: pages repeat their class
    names endlessly (a pure function, so the memo is safe to share between threads)."""
    words = value.split()
    if len(words) == 1:
        return _word(words[0])
    tokens: list[str] = []
    cats: frozenset[str] = frozenset()
    for word in words:
        t, c = _word(word)
        tokens.extend(t)
        if c:
            cats = cats | c
    return tuple(tokens), cats


#: an id of this many words or more, all lower-case letters, one of them a stop word, is a
#: heading's slug, the anchor of a section ("receive-and-reply-to-an-inbound-message"): it
#: names the heading's text, not a component ("latest-carousel-item-9f3a-tabpanel" and
#: "nav-mega-menu-why-us" are components)
ID_SLUG_MIN_WORDS = 5
_SLUG_SPLIT = re.compile(r"[-_]")


@lru_cache(maxsize=1 << 14)
def classify_id(value: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """:func:`classify` for an ``id`` value: a heading's slug carries no vocabulary."""
    tokens, cats = classify(value)
    if cats:
        words = _SLUG_SPLIT.split(value.strip())
        if (
            len(words) >= ID_SLUG_MIN_WORDS
            and all(w.isalpha() and w.islower() for w in words)
            and any(w in UNION for w in words)
            # (a component's id opens with what it is: "nav-mega-menu-why-us")
            and words[0] not in _CATEGORY_WORDS
        ):
            return tokens, frozenset()
    return tokens, cats


def categories_of(tokens: list[str]) -> frozenset[str]:
    """The vocabulary categories a list of class/id tokens belongs to."""
    words = _CATEGORY_WORDS
    return frozenset(words[tok] for tok in tokens if tok in words)


#: utility classes that hide an element on every screen (``display: none`` in Bootstrap,
#: Tailwind and most CSS kits); not "hide", which scripts toggle to show text on a click
HIDDEN_CLASSES = frozenset({"hidden", "d-none", "is-hidden", "js-hidden", "invisible", "display-none", "u-hidden"})
_RESPONSIVE_SHOW = ("d-sm-", "d-md-", "d-lg-", "d-xl-", "d-xxl-", "visible-")


@lru_cache(maxsize=1 << 14)
def hides(value: str) -> bool:
    """Whether a class value hides its element on every screen: a hiding utility class with no
    responsive override that shows it on some screens ("hidden md:block", "d-none d-lg-flex")."""
    words = value.lower().split()
    if not any(w in HIDDEN_CLASSES for w in words):
        return False
    return not any(":" in w or w.startswith(_RESPONSIVE_SHOW) for w in words)


@lru_cache(maxsize=1 << 14)
def is_sr_only(value: str) -> bool:
    """Whether a class value names a screen-reader-only element (``sr-only``, ``visually-hidden``…)."""
    return any(c in SR_ONLY_CLASSES for c in value.lower().split())


#: the function words of every language segmenter has a table for, in one set; blocks are
#: measured against their page's own language (see :mod:`segmenter.lang`)
STOPWORDS = UNION

#: the story's attribution on a line of its own: a news agency or reference as the source
#: ("Source: Reuters", "Quelle: dpa", "Bron: BELGA", "Kilde: …") or an agency's sign-off with
#: the editor's initials ("SDA/sep", "(dpa/lno)")
SOURCE_LINE = regex.compile(
    r"^(?:(?:sources?|quellen?|bron(?:nen)?|fuentes?|fontes?|kilder?|källa|källor|lähde|lähteet|źródło|"
    r"источник|источники|kaynak|sumber)\s*:\s*\S"
    r"|(?-i:\(?\p{Lu}{2,6}(?:/\p{Ll}{2,4})+\)?$|\(\p{Ll}{2,5}(?:/\p{Ll}{2,4})+\)$))",
    regex.IGNORECASE,
)

#: the heading of an article's list of sources or references, in a dozen languages
NOTES_HEADING = regex.compile(
    r"^(?:references?|sources?|citations?|bibliography|works cited|notes|footnotes|"
    r"references (?:and|&) sources|sources (?:and|&) references|sources (?:and|&) further reading|"
    r"quellen|quellenangaben|einzelnachweise|literatur|références|bibliographie|referencias|fuentes|"
    r"bibliografía|riferimenti|fonti|bibliografia|referências|fontes|bronnen|referenties|przypisy|"
    r"źródła|bibliografia|источники|литература|примечания|källor|referenser|kaynaklar|kaynakça)\s*:?$",
    regex.IGNORECASE,
)

#: a wire story's credit line, however many names it lists ("Reporting by Jane Doe in Lagos;
#: Editing by …", "With reporting by …", "– additional reporting by …")
WIRE_CREDIT = regex.compile(r"^[-–—]?\s*(?i:(?:with )?(?:additional )?reporting (?:by|from)) \p{Lu}")

#: a lead-in that introduces a link to another article inside the body ("Read more: …")
LEADIN = regex.compile(
    r"^(?:read more|read also|related|more|see also|also read|read next|recommended|watch|"
    r"lesen sie auch|lesen sie mehr|mehr zum thema|auch interessant|à lire aussi|lire aussi|"
    r"voir aussi|lee también|leer más|te puede interesar|leia também|leggi anche|lees ook|"
    r"ook interessant|les også|les mer|læs også|läs också|läs även|lue myös|czytaj też|czytaj także|"
    r"zobacz też|zobacz także|читайте также|смотрите также|ilgili haber|bunu da okuyun)"
    r"\s*[:：»>|–—-]\s*",
    regex.IGNORECASE,
)

#: a teaser's snippet: text cut off with an ellipsis and a "Read more" link after it
TEASER_CUT = regex.compile(
    r"(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*(?:(?:read more|continue reading|read the rest|more|weiterlesen|mehr|"
    r"lire la suite|leer más|leggi tutto|lees meer)[\s.:!»›>→]*){1,3}$",
    regex.IGNORECASE,
)

#: the heading of a box of links to other articles ("Related Articles", "Mehr zum Thema")
RELATED_HEADING = regex.compile(
    r"^(?:related(?: articles| stories| news| content| coverage| topics| posts| reads| guides| videos| links)?|"
    r"read (?:more|also|next|this next)|up next|more like this|similar (?:posts|articles|stories)|explore more|"
    r"more (?:from|on|in|about) (?:[\p{L}\p{N}&'’-]+ ?){1,4}|"
    r"more (?:[\p{L}]+ )?(?:stories|news|articles|galleries|videos|photos|headlines)|"
    r"most (?:read|popular|viewed|shared)(?: in (?:[\p{L}&'’-]+ ?){1,3})?|trending(?: now)?|"
    r"recommended(?: for you| stories| (?:from|by) (?:[\p{L}&'’-]+ ?){1,3})?|"
    r"you (?:may|might) also like|top stories|latest (?:news|stories)|editor'?s picks|"
    r"lesen sie (?:auch|mehr)|mehr zum thema|das könnte sie auch interessieren|meistgelesen|"
    r"à lire aussi|lire aussi|sur le même sujet|les plus lus|lee también|noticias relacionadas|"
    r"lo más leído|leia também|mais lidas|leggi anche|i più letti|lees ook|meest gelezen|"
    r"läs också|läs även|mest lästa?|czytaj (?:też|także)|zobacz (?:też|także)|polecane|"
    r"читайте также|другие новости|похожие новости|по теме|ilgili haberler|benzer haberler|"
    r"en çok okunanlar|berita lainnya|berita terkait|baca juga)\s*:?$",
    regex.IGNORECASE,
)


# Short lines that are page furniture in any context: share prompts, subscription calls,
# copyright notices, the headings of related-link boxes. Matched only against short blocks (see
# rules.builtin.BoilerplateTextRule); each entry is (junk kind, pattern).
BOILERPLATE: tuple[tuple[str, regex.Pattern[str]], ...] = (
    (
        "social",
        regex.compile(
            r"^(?:share(?: this| on| via| the| to| article| story| page| post)*(?: [\p{L}+]{1,20})?|tweet|"
            r"pin it|e-?mail|print|copy link|follow us(?: on)?(?: [\p{L}]{1,20})?|(?:artikel |beitrag )?teilen|"
            r"partager(?: l'article| cet article)?|compartir|condividi|partilhar|delen)\s*[:!.]?"
            r"(?:\s*(?:facebook|twitter|x|whatsapp|telegram|linkedin|pinterest|reddit|e-?mail|mail)\b)*\s*$",
            regex.IGNORECASE,
        ),
    ),
    (
        # a line that is mostly the names of social networks
        "social",
        regex.compile(
            r"^(?:[\p{L} ]{0,20}:\s*)?(?:(?:facebook|twitter|x|whatsapp|telegram|linkedin|pinterest|reddit|"
            r"e-?mail|mail|messenger|flipboard|bluesky|threads|instagram|youtube|tiktok|copy link)\W*){2,}$",
            regex.IGNORECASE,
        ),
    ),
    (
        "promo",
        regex.compile(
            r"^(?:sign up|subscribe|get (?:our|the) newsletter|newsletter|register|log ?in|sign in|skip (?:this )?ad|"
            r"download (?:the|our)(?: [\p{L}\p{N}]+){0,4} app|get the app|advertisement|advertising|anzeige|werbung|publicité|publicidad|"
            r"sponsored|promoted|paid content|abonnieren|jetzt abonnieren|s'abonner|suscríbete|gift this article|support (?:local |independent |quality )?journalism|already a subscriber|"
            r"reklama|reklame|реклама|annons|mainos|pubblicità|publicidade|powered by|fehler gefunden|get our [\w -]{0,30}(?:email|newsletter))\b",
            regex.IGNORECASE,
        ),
    ),
    (
        "legal",
        regex.compile(
            r"(?:^©|^\(c\)|copyright\s*(?:©|\(c\))?\s*\d{4}|all rights reserved|alle rechte vorbehalten|"
            r"tous droits réservés|todos los derechos reservados|privacy policy|terms of (?:use|service)|"
            r"cookie (?:policy|settings)|we use cookies)",
            regex.IGNORECASE,
        ),
    ),
    (
        "navigation",
        regex.compile(
            r"^(?:home|menu|search|skip to (?:main )?content|back to top|next|previous|more|"
            r"read more|see more|show more|load more|view all|click here|startseite|suche|accueil|"
            r"czytaj (?:więcej|dalej)|weiterlesen|mehr lesen|lire la suite|lire plus|leer más|seguir leyendo|"
            r"leia mais|continua a leggere|leggi (?:di )?più|lees meer|verder lezen|läs mer|les mer|læs mere|"
            r"lue lisää|devamını oku|читать далее|baca selengkapnya|"
            r"rechercher|inicio|buscar|show (?:earlier|older|newer|more) (?:updates|posts|entries|comments)|"
            r"\d{1,3}\s*(?:/|of|von|de|sur|di|van)\s*\d{1,3})"
            r"\s*[»›>→]?$",
            regex.IGNORECASE,
        ),
    ),
    (
        # the head of a table of contents, of an author box; a reading-time line
        "navigation",
        regex.compile(
            r"^(?:table of contents|contents|in this article|on this page|jump to section|inhaltsverzeichnis|"
            r"sommaire|índice|indice|inhoudsopgave|about the authors?|written by|über (?:den|die) autor(?:in)?|"
            r"à propos de l'auteur|sobre el autor)\s*[▼▾⌄:]?$"
            r"|(?:^|[·|•]\s*)\d{1,3}\s*(?:min|mins|minutes?|minuten|minutos|minuti)\.?\s*"
            r"(?:read|reading|lesezeit|de lecture|de lectura|di lettura|leestijd)$"
            r"|^(?:reading time|lesezeit|temps de lecture|tiempo de lectura)\s*:?\s*\d{1,3}\s*"
            r"(?:min|mins|minutes?|minuten|minutos)\.?$",
            regex.IGNORECASE,
        ),
    ),
    (
        # a shop's buy-box controls and stock notes ("Add to Cart", "In Stock!"): the line alone
        "promo",
        regex.compile(
            r"^(?:add (?:all )?to (?:cart|bag|basket|wish ?list)|buy (?:it )?now|in stock|out of stock|sold out|"
            r"notify me when available|in den warenkorb|ajouter au panier|añadir al carrito|aggiungi al carrello|"
            r"in winkelwagen)\s*[!.]?$",
            regex.IGNORECASE,
        ),
    ),
    (
        # the marker a page leaves where an ad or a promo interrupts the story
        "promo",
        regex.compile(
            r"^(?:advertisement\s*[-–—:]?\s*)?(?:story|article) continues below(?: this)?(?: advertisement| ad)?$"
            r"|^(?:advertisement\s*[-–—:]?\s*)?continue reading below$",
            regex.IGNORECASE,
        ),
    ),
    (
        # the switches of a cookie-consent dialog
        "legal",
        regex.compile(
            r"^(?:always active|allow all|accept all(?: cookies)?|reject all(?: cookies)?|"
            r"manage (?:cookie )?(?:preferences|settings|consent)|"
            r"(?:strictly necessary|necessary|functional|performance|targeting|analytics|marketing|advertising) cookies)$",
            regex.IGNORECASE,
        ),
    ),
    (
        # the chrome of a media player: its error and loading messages, its "listen to this
        # article" button, the embed code it offers to copy
        "navigation",
        regex.compile(
            r"^(?:we apologi[sz]e, but )?this video has failed to load\.?$|^try refreshing your browser\b"
            r"|^your video will play in \d|^(?:unfortunately, )?this video is (?:no longer |not )available\b.{0,30}$"
            r"|^video (?:not available|unavailable)\.?$|^listen to (?:this|the) article\b.{0,40}$"
            r"|^artikel (?:zum hören|anhören|vorlesen(?: lassen)?)\b.{0,20}$|^écouter (?:cet|l')article\b.{0,20}$"
            r"|^escuchar (?:este |el )?artículo\b.{0,20}$|^keyboard shortcuts for (?:the )?(?:audio|video) player$"
            r"|^<iframe\b",
            regex.IGNORECASE,
        ),
    ),
    # the heading of a box of links to other articles
    ("promo", RELATED_HEADING),
)

#: the fine print of a signup form or a cookie notice ("By signing up, you agree to …", "We use
#: cookies …"): furniture however long its sentence runs
CONSENT = regex.compile(
    r"^(?:by (?:providing|entering|submitting|clicking|tapping|signing up|subscribing|opting in|using|continuing|"
    r"checking|registering|creating|proceeding)\b[^.]{0,200}?\b(?:agree|consent|accept|acknowledg)|"
    r"i (?:consent|agree) to (?:receiv|the (?:terms|privacy|use|processing|storage)|my (?:data|personal|email|information)|"
    r"be contacted|being contacted|\p{Lu}\p{L}* processing)|i consent\b|i would like to (?:be emailed|receive)|"
    r"we use cookies\b|this (?:web)?site uses cookies\b|we and (?:our|selected) (?:\d+ )?(?:third parties|partners)\b|"
    r"to make \w+ work, we log|"
    # the placeholder of an embed that waits for consent ("Empfohlener redaktioneller Inhalt …")
    r"(?:empfohlener redaktioneller inhalt|externer inhalt)\s*[:.]?$|an dieser stelle (?:findest du|finden sie) "
    r"(?:einen |eine |ein )?externe[nr]? inhalt|ich bin damit einverstanden, dass mir (?:externe )?inhalte|"
    r"personenbezogene daten können an drittplattformen|"
    r"(?:this|the) (?:content|embed|video|post) (?:is|may be) (?:hosted|provided) by (?:a )?third[- ]part|"
    # the fine print of a sign-up form
    r"this (?:site|page|form) is protected by recaptcha|(?:passwords? )?must be at least \d+ characters|"
    r"you must be(?: at least)? \d+ (?:years old|or older) to|thank you for (?:registering|signing up|subscribing)\b|"
    r"please refresh the page)",
    regex.IGNORECASE,
)

#: an affiliate-link disclosure ("If you buy through our links, we may earn a commission", "As
#: an Amazon Associate I earn from qualifying purchases", "Dieser Artikel enthält Affiliate-Links"):
#: the site's fine print, not the story; prose about affiliate programmes ("streamers earn a
#: commission when …") names no "we" and no "may"
AFFILIATE_DISCLOSURE = regex.compile(
    r"\b(?:(?:we|i)(?: may| might| can| could| will)?(?: also)?(?: (?:earn|receive|get|make))(?: an?| some)?(?: small| tiny)?"
    r"(?: affiliate)? (?:commissions?|compensation|kickback)"
    r"|may earn (?:us |me )?(?:an? )?(?:small )?(?:affiliate )?commission"
    r"|earns? (?:us|me) (?:an? )?(?:small )?commission"
    r"|as an (?:amazon )?(?:associate|affiliate)(?: marketer)?,? (?:we|i|this (?:site|website|blog)) earns?"
    r"|(?:post|article|page|site|website|blog|story|review|guide)s? (?:may |might )?(?:contains?|includes?|uses?) "
    r"(?:some )?affiliate[- ]links?"
    r"|purchases made through (?:our |these |the )?links"
    r"|(?:enthält|enthalten|sind)\b[^.]{0,40}\baffiliate-links|affiliate-links (?:enthalten|gekennzeichnet))",
    regex.IGNORECASE,
)

#: a live blog's entry stamp: the entry's time and its author's name or a marker, often glued
#: together by the markup ("21:00Jane Example", "20:42KEY EVENT", "10:05 am Jane Example")
LIVE_STAMP = regex.compile(
    r"^\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:gmt|bst|cet|cest|et|pt|uhr))?\s*"
    r"(?:(?-i:\p{Lu}[\p{L}'’.\-]+(?:\s+\p{Lu}[\p{L}'’.\-]+){0,3})|key events?|breaking|pinned(?: post)?)$",
    regex.IGNORECASE,
)

#: a line that is nothing but a date or a time ("23:24 GMT", "Updated 3 March 2024, 10:02")
DATE_ONLY = regex.compile(
    r"^(?:(?:pinned|updated|published|posted|last updated|aktualisiert|veröffentlicht|publié le|"
    r"mis à jour|actualizado|publicado|publisert|oppdatert|sist oppdatert|publicerad|uppdaterad|"
    r"gepubliceerd|bijgewerkt|opublikowano|stand|publiziert|erstellt|publicerad|uppdaterad|"
    r"son güncelleme|güncelleme|yayınlanma|am|on|at|um|le|el)\s*:?\s*)*"
    r"(?:(?:\d{1,4}[:./-]?|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
    r"mär|mai|okt|dez|janv|févr|avr|juil|sept|déc|ene|abr|ago|dic)[\p{L}]{0,7}\.?|am|pm|a\.m\.|p\.m\.|"
    r"gmt|utc|bst|cet|cest|est|edt|pst|pdt|et|pt|uhr|h)[\s,•·|–-]*){1,10}"
    # the reading time printed after the date ("… 18:50 UhrLesedauer: 4 Min.", "… · 5 min read")
    r"(?:(?:lesedauer|reading time|temps de lecture|tiempo de lectura|leestijd)\s*:?\s*\d{1,3}\s*"
    r"(?:min|mins|minutes?|minuten|minutos)\.?|\d{1,3}\s*(?:min|mins|minutes?)\.? read)?$",
    regex.IGNORECASE,
)

