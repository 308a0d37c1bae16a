"""Declarative site rules: plain data compiled into ordinary rules.

>>> rule = SiteRule.from_dict({"domain": "news.example.com", "selector": ".promo-box",
...                            "label": "junk", "weight": 5, "kind": "promo"})

A site rule votes for its label on every block inside an element its selector matches, on pages
whose URL host is the domain (or a subdomain). Site rules are opt-in: register them yourself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import regex

from ..features import Page
from ..model import Evidence, Features, JunkKind, Label
from ..selectors import compile_selector
from .base import Rule, RuleError

__all__ = ["SiteRule", "site_rules"]


class SiteRule(Rule):
    """A rule from data: ``{"domain", "selector", "pattern", "label", "weight", "final", "kind", "name",
    "reason"}``. ``selector`` (CSS or XPath) picks elements; ``pattern`` (a regular expression,
    run with ``pattern_timeout`` seconds at most per block) picks blocks by their text; with both,
    a block must match both."""

    requires = frozenset({"marks"})

    def __init__(
        self,
        *,
        domain: str | Iterable[str],
        selector: str | None = None,
        label: Label | str,
        weight: float = 5.0,
        final: bool = False,
        kind: JunkKind | str | None = None,
        name: str | None = None,
        reason: str | None = None,
        priority: float = 150,
        pattern: str | None = None,
        pattern_timeout: float = 0.05,
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
        if selector is None and pattern is None:
            raise RuleError(f"site rule for {domains[0]}: give a selector, a text pattern or both")
        if selector is not None:
            compile_selector(selector)  # fail now, not on the first page
        self.selector = selector
        try:
            # user-supplied patterns run with a timeout: a pattern that backtracks without end
            # must not hang a batch job
            self.pattern = None if pattern is None else regex.compile(pattern)
        except regex.error as exc:
            raise RuleError(f"site rule for {domains[0]}: bad pattern {pattern!r}: {exc}") from None
        self.pattern_timeout = float(pattern_timeout)
        self.weight = float(weight)
        self.final = bool(final)
        what = " and ".join(x for x in (selector, pattern and f"/{pattern}/") if x)
        self.name = name or f"site:{self.domains[0]}:{what}"
        self.reason = reason or f"site rule for {self.domains[0]}: matches {what}"
        self.requires = frozenset({"marks", "text"})
        self.emits = frozenset({self.label})
        self.priority = priority

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SiteRule:
        """Build a site rule from a mapping (e.g. one item of a JSON file)."""
        allowed = {
            "domain", "selector", "label", "weight", "final", "kind", "name", "reason", "priority", "pattern",
            "pattern_timeout",
        }
        unknown = set(data) - allowed
        if unknown:
            raise RuleError(f"site rule has unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
        missing = {"domain", "label"} - set(data)
        if missing:
            raise RuleError(f"site rule is missing {sorted(missing)}")
        return cls(**data)

    def evaluate(self, block: Features, page: Page) -> Iterator[Evidence]:
        if self.selector is not None and self.name not in block.marks:
            return
        if self.pattern is not None:
            try:
                if self.pattern.search(block.text, timeout=self.pattern_timeout) is None:
                    return
            except TimeoutError:
                return  # too slow to tell: no vote
        yield self.vote(self.label, self.weight, self.reason, final=self.final, kind=self.kind)


def site_rules(items: Iterable[Mapping[str, Any]]) -> list[SiteRule]:
    """Build site rules from a list of mappings."""
    return [SiteRule.from_dict(item) for item in items]
