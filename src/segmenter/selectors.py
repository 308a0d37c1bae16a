"""Selectors for selector rules: XPath as is, or a small CSS subset translated to XPath.

Supported CSS: type (``div``), universal (``*``), ``.class``, ``#id``, ``[attr]``,
``[attr=v]``, ``[attr~=v]``, ``[attr^=v]``, ``[attr$=v]``, ``[attr*=v]``, descendant
(whitespace) and child (``>``) combinators, and groups (``a, b``). Anything else raises
:class:`SelectorError` when the rule is built, not when a page is segmented.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import regex
from lxml import etree

__all__ = ["SelectorError", "compile_selector", "css_to_xpath", "select"]


class SelectorError(ValueError):
    """A selector could not be understood."""


_COMPOUND = regex.compile(
    r"""\s*(?P<comb>>)?\s*
    (?P<tag>[A-Za-z][A-Za-z0-9-]*|\*)?
    (?P<rest>(?:\.[\w-]+|\#[\w-]+|\[\s*[\w:-]+\s*(?:[~^$*|]?=\s*(?:"[^"]*"|'[^']*'|[^\]\s]+)\s*)?\])*)
    """,
    regex.VERBOSE,
)
_PART = regex.compile(
    r"""\.(?P<cls>[\w-]+)|\#(?P<id>[\w-]+)|\[\s*(?P<attr>[\w:-]+)\s*(?:(?P<op>[~^$*|]?=)\s*(?P<val>"[^"]*"|'[^']*'|[^\]\s]+)\s*)?\]""",
    regex.VERBOSE,
)


def _literal(value: str) -> str:
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    parts = value.split("'")
    return "concat(" + ", \"'\", ".join(f"'{p}'" for p in parts) + ")"


def _conditions(rest: str) -> list[str]:
    conds: list[str] = []
    for m in _PART.finditer(rest):
        if m.group("cls"):
            conds.append(f"contains(concat(' ', normalize-space(@class), ' '), {_literal(' ' + m.group('cls') + ' ')})")
        elif m.group("id"):
            conds.append(f"@id={_literal(m.group('id'))}")
        else:
            attr, op, val = m.group("attr"), m.group("op"), m.group("val")
            if op is None:
                conds.append(f"@{attr}")
                continue
            if val[:1] in "'\"":
                val = val[1:-1]
            lit = _literal(val)
            if op == "=":
                conds.append(f"@{attr}={lit}")
            elif op == "~=":
                conds.append(f"contains(concat(' ', normalize-space(@{attr}), ' '), {_literal(' ' + val + ' ')})")
            elif op == "^=":
                conds.append(f"starts-with(@{attr}, {lit})")
            elif op == "$=":
                conds.append(f"substring(@{attr}, string-length(@{attr}) - {len(val) - 1})={lit}")
            elif op == "*=":
                conds.append(f"contains(@{attr}, {lit})")
            else:  # |=
                conds.append(f"(@{attr}={lit} or starts-with(@{attr}, {_literal(val + '-')}))")
    return conds


def css_to_xpath(css: str) -> str:
    """Translate a CSS selector of the supported subset to an XPath expression."""
    groups = []
    for group in css.split(","):
        group = group.strip()
        if not group:
            raise SelectorError(f"empty selector in {css!r}")
        pos, steps = 0, []
        while pos < len(group):
            m = _COMPOUND.match(group, pos)
            if m is None or m.end() == pos:
                raise SelectorError(f"cannot read CSS selector {css!r} at {group[pos:]!r}")
            tag = m.group("tag") or "*"
            conds = _conditions(m.group("rest") or "")
            if not m.group("tag") and not conds:
                raise SelectorError(f"cannot read CSS selector {css!r} at {group[pos:]!r}")
            axis = "/" if m.group("comb") else "//"
            steps.append(axis + tag + "".join(f"[{c}]" for c in conds))
            pos = m.end()
        groups.append("." + "".join(steps))
    return " | ".join(groups)


def _looks_like_xpath(sel: str) -> bool:
    s = sel.lstrip()
    return s.startswith(("/", "./", "(", "ancestor", "descendant", "self::"))


@lru_cache(maxsize=256)
def compile_selector(selector: str) -> etree.XPath:
    """A compiled XPath for a CSS or XPath selector (cached: compiled rules are immutable)."""
    xp = selector if _looks_like_xpath(selector) else css_to_xpath(selector)
    try:
        return etree.XPath(xp)
    except etree.XPathSyntaxError as exc:
        raise SelectorError(f"invalid selector {selector!r} ({xp}): {exc}") from None


def select(root: Any, rules: Iterable[Any]) -> dict[Any, frozenset[str]]:
    """Evaluate each rule's selector once on the page; map matched elements to rule names."""
    marks: dict[Any, set[str]] = {}
    for rule in rules:
        sel = rule.selector
        if not sel:
            continue
        try:
            found = compile_selector(sel)(root)
        except etree.XPathEvalError:
            continue
        if not isinstance(found, list):
            continue
        for el in found:
            if isinstance(el, etree._Element):
                marks.setdefault(el, set()).add(rule.rule_name)
    return {el: frozenset(names) for el, names in marks.items()}
