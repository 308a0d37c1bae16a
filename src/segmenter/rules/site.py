"""Declarative site rules: plain data compiled into ordinary rules.

>>> rule = SiteRule.from_dict({"domain": "news.example.com", "selector": ".promo-box",
...                            "label": "junk", "weight": 5, "kind": "promo"})

A site rule votes for its label on every block inside an element its selector matches, on pages
whose URL host is the domain (or a subdomain). Site rules are opt-in: register them yourself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..features import Page
from ..model import Evidence, Features, JunkKind, Label
from ..selectors import compile_selector
from .base import Rule, RuleError

__all__ = ["SiteRule", "site_rules"]


class SiteRule(Rule):
    """A rule from data: ``{"domain", "selector", "label", "weight", "final", "kind", "name", "reason"}``."""

    requires = frozenset({"marks"})

    def __init__(
        self,
        *,
        domain: str | Iterable[str],
        selector: str,
        label: Label | str,
        weight: float = 5.0,
        final: bool = False,
        kind: JunkKind | str | None = None,
        name: str | None = None,
        reason: str | None = None,
        priority: float = 150,
    ) -> None:
        domains = (domain,) if isinstance(domain, str) else tuple(domain)
        if not domains or not all(isinstance(d, str) and d for d in domains):
            raise RuleError("a site rule needs a domain")
        self.domains = tuple(d.lower().lstrip(".") for d in domains)
        try:
            self.label = Label(label)
        except ValueError:
            raise RuleError(f"site rule for {domains[0]}: unknown label {label!r}") from None
        self.kind = None if kind is None else JunkKind(kind)
        compile_selector(selector)  # fail now, not on the first page
        self.selector = selector
        self.weight = float(weight)
        self.final = bool(final)
        self.name = name or f"site:{self.domains[0]}:{selector}"
        self.reason = reason or f"site rule for {self.domains[0]}: matches {selector}"
        self.emits = frozenset({self.label})
        self.priority = priority

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SiteRule:
        """Build a site rule from a mapping (e.g. one item of a JSON file)."""
        allowed = {"domain", "selector", "label", "weight", "final", "kind", "name", "reason", "priority"}
        unknown = set(data) - allowed
        if unknown:
            raise RuleError(f"site rule has unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
        missing = {"domain", "selector", "label"} - set(data)
        if missing:
            raise RuleError(f"site rule is missing {sorted(missing)}")
        return cls(**data)

    def evaluate(self, block: Features, page: Page) -> Iterator[Evidence]:
        if self.name in block.marks:
            yield self.vote(self.label, self.weight, self.reason, final=self.final, kind=self.kind)


def site_rules(items: Iterable[Mapping[str, Any]]) -> list[SiteRule]:
    """Build site rules from a list of mappings."""
    return [SiteRule.from_dict(item) for item in items]
