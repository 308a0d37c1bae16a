"""The rule plug-in API: :class:`Rule` and the :class:`RuleSet` registry.

A rule looks at one block (its :class:`~segmenter.model.Features`) and the page around it and
returns evidence: votes for labels, each with a weight and a reason. Rules never change the tree,
the page or each other; the resolver adds their votes up.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..features import Page
from ..model import FEATURE_NAMES, Evidence, Features, JunkKind, Label

__all__ = ["CONTEXT", "STAGES", "BLOCK", "Rule", "RuleSet", "RuleError"]

#: rules of the first stage see each block on its own (plus the page)
BLOCK = "block"
#: rules of the second stage also see the provisional labels of all blocks (``page.provisional``)
CONTEXT = "context"
STAGES = (BLOCK, CONTEXT)


_new = object.__new__


class RuleError(ValueError):
    """A rule or rule set is not valid; the message names the rule."""


class Rule:
    """Base class of every rule.

    Subclasses set the class attributes and implement :meth:`evaluate`::

        class NoCookieWalls(Rule):
            name = "no-cookie-walls"
            requires = frozenset({"text"})
            emits = frozenset({Label.JUNK})

            def evaluate(self, block, page):
                if "cookie" in block.text.lower():
                    yield self.vote(Label.JUNK, 2.0, "mentions cookies")

    ``priority`` orders rules (lower runs first; it matters for explanations and for ties between
    final votes); built-in rules use multiples of 100 so others can slot in between.
    ``stage`` is :data:`BLOCK` (context-free) or :data:`CONTEXT` (sees provisional labels).
    ``selector`` (CSS or XPath), when set, is evaluated once per page before the walk and the
    blocks inside its matches carry the rule's name in ``Features.marks``.
    ``domains``, when set, limits the rule to pages whose URL host is one of them or a subdomain.
    """

    # Plain class attributes (not ClassVar): rules built from data, such as site rules, set
    # them per instance.
    name: str = ""
    priority: float = 500
    requires: frozenset[str] = frozenset()
    emits: frozenset[Label] = frozenset()
    stage: str = BLOCK
    selector: str | None = None
    domains: tuple[str, ...] = ()

    def evaluate(self, block: Features, page: Page) -> Iterable[Evidence]:
        """Return (or yield) the evidence this rule sees for ``block``."""
        raise NotImplementedError

    def vote(
        self, label: Label | str, weight: float, reason: str, *, final: bool = False, kind: JunkKind | str | None = None
    ) -> Evidence:
        """Evidence from this rule (fills in the rule's name; ``kind`` may be a
        :class:`~segmenter.JunkKind` or its string value)."""
        # (the conversions only run for strings: enum calls are slow on the hot path; and the
        # instance is filled in directly: the frozen __init__'s six setattr calls cost more than
        # the rest of a typical rule)
        ev = _new(Evidence)
        ev.__dict__.update(
            label=label if isinstance(label, Label) else Label(label),
            weight=weight,
            rule=self.name or type(self).__name__,
            reason=reason,
            final=final,
            kind=kind if kind is None or isinstance(kind, JunkKind) else JunkKind(kind),
        )
        return ev

    def _shared_vote(
        self, label: Label, weight: float, reason: str, *, final: bool = False, kind: JunkKind | None = None
    ) -> Evidence:
        """:meth:`vote` for a ``Label`` and a ``JunkKind`` (not strings) and a reason from a few
        fixed strings: equal votes share one (frozen) instance, so the built-in rules, which
        vote about five times per block, mostly make no new object."""
        if not weight:
            # 0.0 and -0.0 are one key to the cache, but not one weight in an explanation
            return self.vote(label, weight, reason, final=final, kind=kind)
        return _shared_evidence(label, weight, self.name or type(self).__name__, reason, final, kind)

    @property
    def rule_name(self) -> str:
        """``name``, or the class name when a subclass forgot to set one."""
        return self.name or type(self).__name__

    def applies_to(self, host: str | None) -> bool:
        """Whether the rule runs on a page of this host (always, unless ``domains`` is set)."""
        domains = self.domains
        if not domains:
            return True
        if not host:
            return False
        host = host.lower()
        return any(host == d or host.endswith("." + d) for d in domains)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.rule_name!r} priority={self.priority}>"


# typed: a vote of weight 1 (an int) is not the vote of weight 1.0
@lru_cache(maxsize=1 << 12, typed=True)
def _shared_evidence(
    label: Label, weight: float, rule: str, reason: str, final: bool, kind: JunkKind | None
) -> Evidence:
    ev = _new(Evidence)
    ev.__dict__.update(label=label, weight=weight, rule=rule, reason=reason, final=final, kind=kind)
    return ev


@dataclass(frozen=True)
class _Entry:
    priority: float
    order: int
    rule: Rule


class RuleSet:
    """A registry of rules, kept in priority order (like Python-Markdown's ``util.Registry``).

    >>> rules = RuleSet.default()
    >>> rules.register(MyRule(), priority=450)      # doctest: +SKIP
    >>> rules.deregister("link-density")            # doctest: +SKIP

    Registration validates the rule: it must have a name not already used, read only known
    features, emit only known labels and belong to a known stage.
    """

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._entries: dict[str, _Entry] = {}
        self._counter = 0
        for rule in rules:
            self.register(rule)

    # -- construction -------------------------------------------------------------------
    @classmethod
    def default(cls, weights: Mapping[str, float] | None = None) -> RuleSet:
        """A fresh registry holding the built-in rules, with ``weights`` overriding entries of
        :data:`segmenter.rules.WEIGHTS` (unknown names raise :class:`ValueError`)."""
        from .builtin import default_rules

        return cls(default_rules(weights))

    @classmethod
    def from_entry_points(cls, group: str = "segmenter.rules", *, base: RuleSet | None = None) -> RuleSet:
        """The built-in rules (or ``base``) plus third-party rules from an entry-point group.

        Each entry point may name a :class:`Rule` subclass, a rule instance, or a callable
        returning an iterable of rules. Discovery is opt-in: :func:`segmenter.segment` never
        loads entry points by itself.
        """
        from importlib.metadata import entry_points

        rules = base.copy() if base is not None else cls.default()
        for ep in entry_points(group=group):
            obj = ep.load()
            for rule in _as_rules(obj, ep.name):
                rules.register(rule)
        return rules

    def copy(self) -> RuleSet:
        new = RuleSet()
        new._entries = dict(self._entries)
        new._counter = self._counter
        return new

    # -- mutation -----------------------------------------------------------------------
    def register(
        self,
        rule: Rule,
        *,
        priority: float | None = None,
        before: str | None = None,
        after: str | None = None,
    ) -> None:
        """Add ``rule``. ``priority`` overrides the rule's own; ``before``/``after`` place it
        just before or after a registered rule (sugar for a priority in between)."""
        if not isinstance(rule, Rule):
            raise RuleError(f"{rule!r} is not a Rule instance (did you pass the class instead of Rule()?)")
        name = rule.rule_name
        if name in self._entries:
            raise RuleError(f"rule {name!r} is already registered; use replace() to swap it")
        _validate(rule)
        if (before is not None) + (after is not None) + (priority is not None) > 1:
            raise RuleError(f"rule {name!r}: give at most one of priority, before, after")
        if before is not None or after is not None:
            priority = self._between(name, before, after)
        prio = float(rule.priority if priority is None else priority)
        if prio != prio or prio in (float("inf"), float("-inf")):
            raise RuleError(f"rule {name!r}: priority must be a finite number, not {prio!r}")
        self._counter += 1
        self._entries[name] = _Entry(prio, self._counter, rule)

    def deregister(self, name: str, *, strict: bool = True) -> Rule | None:
        """Remove the rule called ``name`` and return it."""
        entry = self._entries.pop(name, None)
        if entry is None:
            if strict:
                raise KeyError(f"no rule named {name!r}; registered: {', '.join(self.names())}")
            return None
        return entry.rule

    def replace(self, name: str, rule: Rule) -> None:
        """Put ``rule`` where ``name`` was, at the same priority."""
        old = self._entries.get(name)
        if old is None:
            raise KeyError(f"no rule named {name!r}; registered: {', '.join(self.names())}")
        _validate(rule)
        new_name = rule.rule_name
        if new_name != name and new_name in self._entries:
            raise RuleError(f"rule {new_name!r} is already registered")
        del self._entries[name]
        self._entries[new_name] = _Entry(old.priority, old.order, rule)

    def _between(self, name: str, before: str | None, after: str | None) -> float:
        prio = self._midpoint(name, before, after)
        if prio is None:
            # Floating point ran out of room between two neighbours (after dozens of placements
            # at the same spot): spread every rule out again, keeping the order.
            self._entries = {
                e.rule.rule_name: _Entry(100.0 * (i + 1), e.order, e.rule) for i, e in enumerate(self._sorted())
            }
            prio = self._midpoint(name, before, after)
            assert prio is not None
        return prio

    def _midpoint(self, name: str, before: str | None, after: str | None) -> float | None:
        ordered = self._sorted()
        anchor = before if before is not None else after
        idx = next((i for i, e in enumerate(ordered) if e.rule.rule_name == anchor), None)
        if idx is None:
            raise RuleError(f"rule {name!r}: cannot place it relative to unknown rule {anchor!r}")
        if before is not None:
            hi = ordered[idx].priority
            lo = ordered[idx - 1].priority if idx > 0 else hi - 100
        else:
            lo = ordered[idx].priority
            hi = ordered[idx + 1].priority if idx + 1 < len(ordered) else lo + 100
        mid = (lo + hi) / 2
        return mid if lo < mid < hi else None

    # -- reading ------------------------------------------------------------------------
    def _sorted(self) -> list[_Entry]:
        return sorted(self._entries.values(), key=lambda e: (e.priority, e.order))

    def __iter__(self) -> Iterator[Rule]:
        return (e.rule for e in self._sorted())

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __getitem__(self, name: str) -> Rule:
        return self._entries[name].rule

    def names(self) -> list[str]:
        """Rule names in priority order."""
        return [e.rule.rule_name for e in self._sorted()]

    def priority_of(self, name: str) -> float:
        return self._entries[name].priority

    def ordered(self) -> tuple[Rule, ...]:
        """An immutable snapshot, in priority order (what a :class:`Segmenter` keeps)."""
        return tuple(self)

    def __repr__(self) -> str:
        return f"RuleSet({self.names()!r})"


def _validate(rule: Rule) -> None:
    name = rule.rule_name
    if not name or not isinstance(name, str):
        raise RuleError(f"{type(rule).__name__}: a rule needs a non-empty string name")
    unknown = set(rule.requires) - FEATURE_NAMES
    if unknown:
        raise RuleError(
            f"rule {name!r} requires unknown feature(s) {sorted(unknown)}; known: {sorted(FEATURE_NAMES)}"
        )
    bad_labels = [lab for lab in rule.emits if not isinstance(lab, Label)]
    if bad_labels:
        raise RuleError(f"rule {name!r} emits unknown label(s) {bad_labels!r}; use segmenter.Label members")
    if rule.stage not in STAGES:
        raise RuleError(f"rule {name!r} has unknown stage {rule.stage!r}; use one of {STAGES}")
    if type(rule).evaluate is Rule.evaluate:
        raise RuleError(f"rule {name!r} does not implement evaluate(block, page)")


def _as_rules(obj: Any, origin: str) -> list[Rule]:
    if isinstance(obj, Rule):
        return [obj]
    if isinstance(obj, type) and issubclass(obj, Rule):
        return [obj()]
    if callable(obj):
        out = list(obj())
        for r in out:
            if not isinstance(r, Rule):
                raise RuleError(f"entry point {origin!r} returned {r!r}, not a Rule")
        return out
    raise RuleError(f"entry point {origin!r} is neither a Rule, a Rule class nor a factory of rules")
