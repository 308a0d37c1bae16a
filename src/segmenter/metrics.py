"""The reference metrics of the shared gold format (``GOLD-FORMAT.md``), as pure functions.

Nothing here reads files or times anything; :mod:`segmenter.bench` does that. One page is scored
by :func:`score_page` into a :class:`PageScore`; :meth:`CorpusScore.from_pages` aggregates them.

Choices the gold format leaves open, made here:

* Tokens are ``\\w+`` matches of the :mod:`regex` module (Unicode word characters, which, unlike
  :mod:`re`, include combining marks, so Devanagari or Thai words are not split at vowel signs).
* Shingles are counted as a **multiset** (a :class:`~collections.Counter`), exactly like the
  article-extraction-benchmark: a sentence repeated twice in the prediction but once in the gold
  text costs precision. A text with 1-3 tokens is one shingle of all its tokens; a text without
  tokens has no shingles.
* Shingle precision enters the corpus mean only for pages where something was predicted, and
  recall only for pages whose gold text has tokens (again as in the article-extraction-benchmark).
  So a page whose gold article is null counts only when something is predicted (precision 0), and
  an empty (or failed) prediction of a real article counts as recall 0 but not as precision.
* Matching of captions and related cards is one-to-one and greedy: all pairs whose word-bag F1 is
  at least :data:`MATCH_THRESHOLD` are taken in order of decreasing score (ties: gold order, then
  predicted order).
* Gold corpora differ in how they write a caption's credit: some keep the label as shown
  ("Photo: Jane Doe/AFP"), some drop it ("Jane Doe/AFP"), and some leave the whole credit line in the
  caption text ("The pier at dusk. Photo by Jane Doe"). A predicted caption carries its credit
  without the label and the label apart (:attr:`Caption.credit_label`), so both spellings are
  tried: a caption pair scores the better of the text alone and the text followed by the credit
  as shown; a credit agrees when the bare credit or the credit with its label agrees.
* Caption leakage counts every gold caption text found in the predicted article text; a second
  figure (:attr:`CaptionCounts.own_leakage`) leaves out gold captions whose tokens the gold article
  text holds too, in a row: pages that print a caption again as body text.
* Credit and source agree when their word-bag F1 is at least :data:`MATCH_THRESHOLD` or both are
  null/blank. Ages agree when equal after whitespace collapsing, when both are blank, or when both
  parse as the same English "N units ago" (case-insensitive, e.g. "3 hrs ago" = "3 hours ago").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

import regex

__all__ = [
    "MATCH_THRESHOLD",
    "Caption",
    "CaptionCounts",
    "Card",
    "CorpusScore",
    "Gold",
    "PageScore",
    "Prediction",
    "RelatedCounts",
    "ShingleCounts",
    "SnippetCounts",
    "age_seconds",
    "collapse_ws",
    "greedy_match",
    "same_age",
    "score_captions",
    "score_page",
    "score_related",
    "score_snippets",
    "shingle_counts",
    "shingles",
    "title_hit",
    "tokens",
    "word_bag_f1",
]

#: word-bag F1 at or above which two titles / captions / credits count as the same
MATCH_THRESHOLD = 0.8
#: tokens per shingle
SHINGLE_SIZE = 4

_TOKEN = regex.compile(r"\w+")
_AGE = regex.compile(
    r"(\d+|an?|one)\s*"
    r"(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mos?|months?|y|yrs?|years?)"
    r"\.?\s+ago",
    regex.IGNORECASE,
)
_UNIT_SECONDS = {
    "s": 1,
    "m": 60,
    "h": 3600,
    "d": 86400,
    "w": 7 * 86400,
    "mo": 30 * 86400,
    "y": 365 * 86400,
}


# ---------------------------------------------------------------------------------------------
# Inputs


@dataclass(frozen=True)
class Caption:
    """A photo or video caption (gold or predicted). ``credit_label`` is the label a predicted
    credit was shown with ("Photo:", "Foto von"), kept apart from ``credit``; gold leaves it null."""

    text: str
    credit: str | None = None
    credit_label: str | None = None

    @property
    def shown_credit(self) -> str | None:
        """The credit as the page shows it: label and credit."""
        if _blank(self.credit):
            return self.credit
        return f"{self.credit_label} {self.credit}" if self.credit_label else self.credit


@dataclass(frozen=True)
class Card:
    """A related-article card (gold or predicted)."""

    title: str
    source: str | None = None
    age: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Prediction:
    """What an extractor returned for one page; the empty prediction stands for "nothing"."""

    title: str | None = None
    text: str = ""
    captions: tuple[Caption, ...] = ()
    related: tuple[Card, ...] = ()


@dataclass(frozen=True)
class Gold:
    """The labels of one page, from a gold JSON file. ``None`` means "not labeled" (or no article)."""

    id: str
    url: str | None = None
    has_article: bool = True
    title: str | None = None
    text: str = ""
    captions: tuple[Caption, ...] | None = None
    related: tuple[Card, ...] | None = None
    must_include: tuple[str, ...] | None = None
    must_exclude: tuple[str, ...] | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any], default_id: str = "") -> Gold:
        """Build from the parsed gold JSON of ``GOLD-FORMAT.md``."""
        article = data.get("article")
        captions = data.get("captions")
        related = data.get("related")
        include = data.get("must_include")
        exclude = data.get("must_exclude")
        return cls(
            id=str(data.get("id") or default_id),
            url=data.get("url"),
            has_article=article is not None,
            title=article.get("title") if article else None,
            text=(article.get("text") or "") if article else "",
            captions=None
            if captions is None
            else tuple(Caption(c.get("text") or "", c.get("credit")) for c in captions),
            related=None
            if related is None
            else tuple(
                Card(r.get("title") or "", r.get("source"), r.get("age"), r.get("url")) for r in related
            ),
            must_include=None if include is None else tuple(include),
            must_exclude=None if exclude is None else tuple(exclude),
        )


# ---------------------------------------------------------------------------------------------
# Text primitives


def tokens(text: str | None) -> list[str]:
    """The ``\\w+`` tokens of ``text``, case preserved."""
    return _TOKEN.findall(text or "")


def collapse_ws(text: str | None) -> str:
    """``text`` with every run of whitespace turned into one space, stripped."""
    return " ".join((text or "").split())


def shingles(text: str | None, n: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """The multiset of ``n``-token shingles of ``text`` (case-sensitive).

    Fewer than ``n`` tokens make one shingle of all tokens; no tokens make no shingle.
    """
    toks = tokens(text)
    if not toks:
        return Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)))


def word_bag_f1(gold: str | None, pred: str | None) -> float:
    """F1 of the multisets of lower-cased tokens; 1.0 when both have no tokens, 0.0 when one has none."""
    g = Counter(t.lower() for t in tokens(gold))
    p = Counter(t.lower() for t in tokens(pred))
    total = sum(g.values()) + sum(p.values())
    if total == 0:
        return 1.0
    return 2 * sum((g & p).values()) / total


def title_hit(gold: str | None, pred: str | None) -> bool:
    """Whether a predicted title counts as the gold title (word-bag F1 >= 0.8)."""
    return word_bag_f1(gold, pred) >= MATCH_THRESHOLD


def _blank(text: str | None) -> bool:
    return not collapse_ws(text)


def _same_text(gold: str | None, pred: str | None) -> bool:
    """Credit / source agreement: both blank, or word-bag F1 >= 0.8."""
    if _blank(gold) or _blank(pred):
        return _blank(gold) and _blank(pred)
    return word_bag_f1(gold, pred) >= MATCH_THRESHOLD


def _same_credit(gold: str | None, pred: Caption) -> bool:
    """A predicted credit agrees with the gold one bare or as shown with its label."""
    return _same_text(gold, pred.credit) or (
        pred.credit_label is not None and _same_text(gold, pred.shown_credit)
    )


def age_seconds(age: str | None) -> int | None:
    """Seconds of an English "N unit(s) ago" (also "an hour ago", "5m ago", "14 MINS AGO"), else None."""
    m = _AGE.fullmatch(collapse_ws(age))
    if m is None:
        return None
    count = m.group(1).lower()
    number = int(count) if count.isdigit() else 1
    unit = m.group(2).lower()
    key = "mo" if unit.startswith("mo") else unit[0]
    return number * _UNIT_SECONDS[key]


def same_age(gold: str | None, pred: str | None) -> bool:
    """Whether two age texts agree: same text after whitespace collapsing, or same "N units ago"."""
    g, p = collapse_ws(gold), collapse_ws(pred)
    if g == p:
        return True
    gs, ps = age_seconds(g), age_seconds(p)
    return gs is not None and gs == ps


def greedy_match(
    gold: Sequence[str], pred: Sequence[str], alternatives: Sequence[str | None] | None = None
) -> list[tuple[int, int]]:
    """One-to-one pairs ``(gold index, pred index)`` of texts with word-bag F1 >= 0.8, best first.

    ``alternatives`` (one per predicted text, or None) is a second spelling of a predicted text;
    a pair scores the better of the two."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            score = word_bag_f1(g, p)
            alt = alternatives[pi] if alternatives is not None else None
            if alt is not None:
                score = max(score, word_bag_f1(g, alt))
            if score >= MATCH_THRESHOLD:
                candidates.append((-score, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def _ratio(num: float, den: float) -> float | None:
    return num / den if den else None


# ---------------------------------------------------------------------------------------------
# Per-page counts


@dataclass(frozen=True)
class ShingleCounts:
    """Shingle overlap of one page: true positives, false positives, false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        """tp / (tp + fp); None when nothing was predicted."""
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """tp / (tp + fn); None when the gold text has no tokens."""
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        """2tp / (2tp + fp + fn); 1.0 when both gold and prediction are empty."""
        den = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / den if den else 1.0


def shingle_counts(gold: str | None, pred: str | None) -> ShingleCounts:
    """Multiset overlap of the 4-token shingles of the gold and predicted texts."""
    g, p = shingles(gold), shingles(pred)
    tp = sum((g & p).values())
    return ShingleCounts(tp=tp, fp=sum(p.values()) - tp, fn=sum(g.values()) - tp)


@dataclass(frozen=True)
class SnippetCounts:
    """must_include found (tp) / missed (fn), must_exclude found (fp) / absent (tn)."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    def __add__(self, other: SnippetCounts) -> SnippetCounts:
        return SnippetCounts(self.tp + other.tp, self.fn + other.fn, self.fp + other.fp, self.tn + other.tn)

    @property
    def precision(self) -> float | None:
        """tp / (tp + fp)."""
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """tp / (tp + fn)."""
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        """2tp / (2tp + fp + fn)."""
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    @property
    def junk_leakage(self) -> float | None:
        """Share of must_exclude snippets found in the article text (lower is better)."""
        return _ratio(self.fp, self.fp + self.tn)


def score_snippets(
    pred_text: str | None, must_include: Iterable[str] = (), must_exclude: Iterable[str] = ()
) -> SnippetCounts:
    """Case-sensitive substring tests after whitespace collapsing; blank snippets are ignored."""
    text = collapse_ws(pred_text)
    inc = [s for s in map(collapse_ws, must_include) if s]
    exc = [s for s in map(collapse_ws, must_exclude) if s]
    tp = sum(s in text for s in inc)
    fp = sum(s in text for s in exc)
    return SnippetCounts(tp=tp, fn=len(inc) - tp, fp=fp, tn=len(exc) - fp)


@dataclass(frozen=True)
class CaptionCounts:
    """Caption matching of one page (or summed): matches, unmatched predicted / gold, credits, leaks."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    credit_hits: int = 0
    leaked: int = 0
    leak_total: int = 0
    #: leaked gold captions whose text the gold article text holds too (the page prints it as
    #: body text as well, so finding it in the predicted text is no leak)
    leaked_in_gold_text: int = 0

    def __add__(self, other: CaptionCounts) -> CaptionCounts:
        return CaptionCounts(
            self.tp + other.tp,
            self.fp + other.fp,
            self.fn + other.fn,
            self.credit_hits + other.credit_hits,
            self.leaked + other.leaked,
            self.leak_total + other.leak_total,
            self.leaked_in_gold_text + other.leaked_in_gold_text,
        )

    @property
    def precision(self) -> float | None:
        """Matched / predicted captions."""
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """Matched / gold captions."""
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        """2tp / (2tp + fp + fn)."""
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    @property
    def credit_accuracy(self) -> float | None:
        """Share of matched captions whose credit agrees."""
        return _ratio(self.credit_hits, self.tp)

    @property
    def leakage(self) -> float | None:
        """Share of gold caption texts found inside the predicted article text."""
        return _ratio(self.leaked, self.leak_total)

    @property
    def own_leakage(self) -> float | None:
        """:attr:`leakage` without the gold captions that the gold article text holds too."""
        return _ratio(self.leaked - self.leaked_in_gold_text, self.leak_total)


def score_captions(
    gold: Sequence[Caption], pred: Sequence[Caption], pred_text: str | None, gold_text: str | None = None
) -> CaptionCounts:
    """Match captions by text, check credits of the matches, and count gold captions leaked into the
    text (and how many of those the gold article text holds too: same tokens in a row)."""
    # a gold caption may hold its credit line in its text: the prediction's text with its credit
    # as shown is the second spelling
    with_credit = [f"{c.text} {c.shown_credit}" if not _blank(c.credit) else None for c in pred]
    pairs = greedy_match([c.text for c in gold], [c.text for c in pred], with_credit)
    text = collapse_ws(pred_text)
    gold_texts = [t for t in (collapse_ws(c.text) for c in gold) if t]
    leaks = [t for t in gold_texts if t in text]
    gold_body = " " + " ".join(tokens(gold_text)) + " "
    return CaptionCounts(
        tp=len(pairs),
        fp=len(pred) - len(pairs),
        fn=len(gold) - len(pairs),
        credit_hits=sum(_same_credit(gold[g].credit, pred[p]) for g, p in pairs),
        leaked=len(leaks),
        leak_total=len(gold_texts),
        leaked_in_gold_text=sum(" " + " ".join(tokens(t)) + " " in gold_body for t in leaks),
    )


@dataclass(frozen=True)
class RelatedCounts:
    """Related-card matching of one page (or summed): matches, unmatched, agreeing sources and ages."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    source_hits: int = 0
    age_hits: int = 0

    def __add__(self, other: RelatedCounts) -> RelatedCounts:
        return RelatedCounts(
            self.tp + other.tp,
            self.fp + other.fp,
            self.fn + other.fn,
            self.source_hits + other.source_hits,
            self.age_hits + other.age_hits,
        )

    @property
    def precision(self) -> float | None:
        """Matched / predicted cards."""
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """Matched / gold cards."""
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        """2tp / (2tp + fp + fn)."""
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    @property
    def source_accuracy(self) -> float | None:
        """Share of matched cards whose source agrees."""
        return _ratio(self.source_hits, self.tp)

    @property
    def age_accuracy(self) -> float | None:
        """Share of matched cards whose age agrees."""
        return _ratio(self.age_hits, self.tp)


def score_related(gold: Sequence[Card], pred: Sequence[Card]) -> RelatedCounts:
    """Match cards by title, then compare source and age of the matches."""
    pairs = greedy_match([c.title for c in gold], [c.title for c in pred])
    return RelatedCounts(
        tp=len(pairs),
        fp=len(pred) - len(pairs),
        fn=len(gold) - len(pairs),
        source_hits=sum(_same_text(gold[g].source, pred[p].source) for g, p in pairs),
        age_hits=sum(same_age(gold[g].age, pred[p].age) for g, p in pairs),
    )


# ---------------------------------------------------------------------------------------------
# Page and corpus


@dataclass(frozen=True)
class PageScore:
    """Everything measured on one page. Optional parts are None when the gold does not label them."""

    id: str
    failed: bool
    shingles: ShingleCounts
    word_bag_f1: float
    #: None when the gold has no title
    title_hit: bool | None = None
    snippets: SnippetCounts | None = None
    captions: CaptionCounts | None = None
    related: RelatedCounts | None = None

    def to_dict(self) -> dict[str, Any]:
        """Flat JSON-ready numbers."""
        d: dict[str, Any] = {
            "id": self.id,
            "failed": self.failed,
            "shingle_tp": self.shingles.tp,
            "shingle_fp": self.shingles.fp,
            "shingle_fn": self.shingles.fn,
            "shingle_precision": self.shingles.precision,
            "shingle_recall": self.shingles.recall,
            "shingle_f1": self.shingles.f1,
            "word_bag_f1": self.word_bag_f1,
            "title_hit": self.title_hit,
        }
        for name, part in (
            ("snippets", self.snippets),
            ("captions", self.captions),
            ("related", self.related),
        ):
            d[name] = None if part is None else asdict(part)
        return d


def score_page(gold: Gold, pred: Prediction | None) -> PageScore:
    """Score one prediction against its gold; ``None`` means the extractor failed (empty prediction)."""
    failed = pred is None
    p = pred if pred is not None else Prediction()
    gold_text = gold.text if gold.has_article else ""
    snippets = None
    if gold.must_include is not None or gold.must_exclude is not None:
        snippets = score_snippets(p.text, gold.must_include or (), gold.must_exclude or ())
    return PageScore(
        id=gold.id,
        failed=failed,
        shingles=shingle_counts(gold_text, p.text),
        word_bag_f1=word_bag_f1(gold_text, p.text),
        title_hit=title_hit(gold.title, p.title) if gold.has_article and gold.title is not None else None,
        snippets=snippets,
        captions=None if gold.captions is None else score_captions(gold.captions, p.captions, p.text, gold_text),
        related=None if gold.related is None else score_related(gold.related, p.related),
    )


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


_Counts = TypeVar("_Counts", SnippetCounts, CaptionCounts, RelatedCounts)


def _sum_parts(parts: Iterable[_Counts | None]) -> _Counts | None:
    """The sum of the parts that are not None; None when all are."""
    total: _Counts | None = None
    for part in parts:
        if part is not None:
            total = part if total is None else total + part
    return total


@dataclass(frozen=True)
class CorpusScore:
    """Corpus-level aggregate of :class:`PageScore` objects (see the module docstring for the rules)."""

    pages: int = 0
    failures: int = 0
    shingle_precision: float | None = None
    shingle_recall: float | None = None
    word_bag_f1: float | None = None
    title_pages: int = 0
    title_accuracy: float | None = None
    #: summed over the pages that label them; None when no page does
    snippets: SnippetCounts | None = None
    captions: CaptionCounts | None = None
    related: RelatedCounts | None = None
    caption_pages: int = 0
    related_pages: int = 0
    per_page: tuple[PageScore, ...] = field(default=(), repr=False)

    @property
    def shingle_f1(self) -> float | None:
        """F1 of the mean precision and the mean recall."""
        p, r = self.shingle_precision, self.shingle_recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    @classmethod
    def from_pages(cls, pages: Sequence[PageScore]) -> CorpusScore:
        """Aggregate: macro means for shingles / word bag / title, summed counts for the rest."""
        precisions = [x for x in (p.shingles.precision for p in pages) if x is not None]
        recalls = [x for x in (p.shingles.recall for p in pages) if x is not None]
        titles = [p.title_hit for p in pages if p.title_hit is not None]
        return cls(
            pages=len(pages),
            failures=sum(p.failed for p in pages),
            shingle_precision=_mean(precisions),
            shingle_recall=_mean(recalls),
            word_bag_f1=_mean([p.word_bag_f1 for p in pages]),
            title_pages=len(titles),
            title_accuracy=_mean([float(t) for t in titles]),
            snippets=_sum_parts(p.snippets for p in pages),
            captions=_sum_parts(p.captions for p in pages),
            related=_sum_parts(p.related for p in pages),
            caption_pages=sum(p.captions is not None for p in pages),
            related_pages=sum(p.related is not None for p in pages),
            per_page=tuple(pages),
        )

    def summary(self) -> dict[str, Any]:
        """Flat JSON-ready numbers (counts and derived rates; None where undefined)."""
        d: dict[str, Any] = {
            "pages": self.pages,
            "failures": self.failures,
            "shingle_precision": self.shingle_precision,
            "shingle_recall": self.shingle_recall,
            "shingle_f1": self.shingle_f1,
            "word_bag_f1": self.word_bag_f1,
            "title_pages": self.title_pages,
            "title_accuracy": self.title_accuracy,
        }
        s, c, r = self.snippets, self.captions, self.related
        if s is not None:
            d.update(
                snippet_counts=asdict(s),
                snippet_precision=s.precision,
                snippet_recall=s.recall,
                snippet_f1=s.f1,
                junk_leakage=s.junk_leakage,
            )
        if c is not None:
            d.update(
                caption_pages=self.caption_pages,
                caption_counts=asdict(c),
                caption_precision=c.precision,
                caption_recall=c.recall,
                caption_f1=c.f1,
                credit_accuracy=c.credit_accuracy,
                caption_leakage=c.leakage,
                caption_own_leakage=c.own_leakage,
            )
        if r is not None:
            d.update(
                related_pages=self.related_pages,
                related_counts=asdict(r),
                related_precision=r.precision,
                related_recall=r.recall,
                related_f1=r.f1,
                source_accuracy=r.source_accuracy,
                age_accuracy=r.age_accuracy,
            )
        return d
