"""Rules: the plug-in API (:class:`Rule`, :class:`RuleSet`), the built-in rules and site rules."""

from .base import BLOCK, CONTEXT, Rule, RuleError, RuleSet
from .builtin import WEIGHTS, default_rules
from .site import SiteRule, site_rules

__all__ = ["BLOCK", "CONTEXT", "WEIGHTS", "Rule", "RuleError", "RuleSet", "SiteRule", "default_rules", "site_rules"]
