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
    best_final: Evidence | None = None
    for ev in evidence:
        lab = ev.label
        scores[lab] = scores.get(lab, 0.0) + ev.weight
        if ev.final and (best_final is None or ev.weight > best_final.weight):
            best_final = ev
    if best_final is not None:
        label = best_final.label
    else:
        label = Label.JUNK
        best = 0.0
        for lab in _TIE_ORDER:
            s = scores.get(lab)
            if s is not None and s > best:
                label, best = lab, s
    kind: JunkKind | None = None
    if label is Label.JUNK:
        strongest = 0.0
        for ev in evidence:
            if ev.label is Label.JUNK and ev.kind is not None and ev.weight > strongest:
                kind, strongest = ev.kind, ev.weight
        if kind is None:
            kind = JunkKind.OTHER
    # (filled in directly: the frozen __init__'s setattr calls cost more than the rest of a
    # typical resolution, and there is one per block, twice for some)
    rounded = {_VALUES[k]: round(v, 4) for k, v in scores.items()}
    return _unchecked(Resolution, {"label": label, "kind": kind, "scores": rounded})
