"""Add up the evidence of every rule into exactly one label per block."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType

from .model import Evidence, JunkKind, Label, _unchecked

__all__ = ["Resolution", "resolve"]

# On equal scores the earlier label wins: junk is the safe default (nothing is lost, it is only
# kept out of the article), body beats the rarer labels.
_TIE_ORDER = (
    Label.JUNK, Label.BODY, Label.TITLE, Label.CAPTION, Label.CREDIT, Label.RELATED, Label.BYLINE, Label.DATELINE,
)


_VALUES = MappingProxyType({lab: lab.value for lab in Label})
# the place of each label in _TIE_ORDER (lower wins a tie)
_RANK = MappingProxyType({lab: i for i, lab in enumerate(_TIE_ORDER)})
# (reading a member off an Enum class is a slow class-attribute lookup: read once here)
_JUNK = Label.JUNK
_OTHER = JunkKind.OTHER


@dataclass(frozen=True)
class Resolution:
    """The decision for one block."""

    label: Label
    kind: JunkKind | None
    scores: dict[str, float]


def resolve(evidence: Sequence[Evidence]) -> Resolution:
    """The strongest ``final`` vote decides outright; otherwise the label with the largest summed
    weight wins (a block with no positive score is junk). A junk block's kind is the kind of its
    strongest junk vote that names one."""
    # keyed by the Label itself: Enum.value is a slow descriptor on this hot path
    scores: dict[Label, float] = {}
    get = scores.get
    best_final: Evidence | None = None
    for ev in evidence:
        lab = ev.label
        scores[lab] = get(lab, 0.0) + ev.weight
        if ev.final and (best_final is None or ev.weight > best_final.weight):
            best_final = ev
    if best_final is not None:
        label = best_final.label
    else:
        # the largest positive score, ties going to the label earlier in _TIE_ORDER (a block
        # has votes for two or three labels: walking those beats walking all eight)
        label = _JUNK
        best = 0.0
        for lab, s in scores.items():
            if s > best or (s == best and s > 0.0 and _RANK[lab] < _RANK[label]):
                label, best = lab, s
    kind: JunkKind | None = None
    if label is _JUNK:
        strongest = 0.0
        for ev in evidence:
            if ev.label is _JUNK and ev.kind is not None and ev.weight > strongest:
                kind, strongest = ev.kind, ev.weight
        if kind is None:
            kind = _OTHER
    # (filled in directly: the frozen __init__'s setattr calls cost more than the rest of a
    # typical resolution, and there is one per block, twice for some)
    rounded = {_VALUES[k]: round(v, 4) for k, v in scores.items()}
    return _unchecked(Resolution, {"label": label, "kind": kind, "scores": rounded})
