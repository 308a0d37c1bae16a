"""Turn what the caller gave us (``str``, ``bytes``, an lxml element, a BeautifulSoup object) into
an lxml tree, decoding bytes exactly once and never touching the network."""

from __future__ import annotations

import codecs
import warnings as warnings_module
from dataclasses import dataclass
from typing import Any

import regex
from bs4.dammit import UnicodeDammit
from lxml import etree

__all__ = ["ParsedPage", "decode", "parse_html", "to_tree"]

# libxml2 refuses documents nested deeper than 2048 (even with XML_PARSE_HUGE) and then drops the
# whole document; we flatten anything deeper and parse again (see _cap_depth).
_DEPTH_CAP = 1800

_META_CHARSET = regex.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", regex.IGNORECASE
)
_TAG = regex.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,40})([^<>]{0,4096}?)(/?)>")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
     "track", "wbr", "keygen", "command", "basefont", "frame", "isindex", "spacer"}
)
_XML_DECL = regex.compile(r"^\s*<\?xml[^>]{0,200}\?>")


@dataclass(frozen=True)
class ParsedPage:
    """A parsed document and what was recovered from on the way."""

    root: Any  # lxml.etree._Element (typed loosely: lxml's stubs do not cover HTML trees well)
    warnings: tuple[str, ...]


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    if m is None:
        return None
    name = m.group(1).decode("ascii", "replace").strip().lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decode page bytes once: a BOM first, then the page's declared ``<meta charset>``, then
    UnicodeDammit's detection. Undecodable bytes become U+FFFD (and a warning), never an error."""
    warnings: list[str] = []
    if not data.strip():
        return "", warnings
    declared = _declared_charset(data)
    known = [declared] if declared else []
    with warnings_module.catch_warnings():  # bs4 warns on replacement characters; we report it below
        warnings_module.simplefilter("ignore")
        dammit = UnicodeDammit(data, known_definite_encodings=known, is_html=True)
    text = dammit.unicode_markup
    if text is None:
        text = data.decode("utf-8", "replace")
        warnings.append("could not detect the encoding; decoded as UTF-8 with replacement characters")
    elif dammit.contains_replacement_characters:
        warnings.append(f"some bytes were not valid {dammit.original_encoding}; replaced with U+FFFD")
    return text, warnings


def _cap_depth(html: str, cap: int) -> str:
    """Drop start and end tags nested deeper than ``cap`` (their text stays), so libxml2 keeps the
    document. Linear: one regex scan with bounded repetition."""
    out: list[str] = []
    depth = 0
    pos = 0
    for m in _TAG.finditer(html):
        closing, name, _, selfclose = m.group(1), m.group(2).lower(), m.group(3), m.group(4)
        keep = True
        if name in _VOID or selfclose:
            keep = depth < cap
        elif closing:
            keep = depth <= cap
            depth = max(0, depth - 1)
        else:
            depth += 1
            keep = depth <= cap
        if not keep:
            out.append(html[pos : m.start()])
            out.append(" ")
            pos = m.end()
    out.append(html[pos:])
    return "".join(out)


def _clean_text(html: str, warnings: list[str]) -> str:
    if "\x00" in html:
        html = html.replace("\x00", "\ufffd")
        warnings.append("NUL characters replaced with U+FFFD")
    return html


def parse_html(html: str, *, warnings: list[str] | None = None) -> ParsedPage:
    """Parse HTML text with lxml's forgiving parser (``recover``, ``huge_tree``, no network)."""
    warns = [] if warnings is None else warnings
    html = _clean_text(html, warns)
    html = _XML_DECL.sub("", html, count=1)
    # Encode to UTF-8 ourselves and tell the parser so: a stale <meta charset> inside the text
    # must not make libxml2 decode it a second time.
    try:
        data = html.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: not text, and libxml2 cannot take them
        data = html.encode("utf-8", "surrogatepass").decode("utf-8", "replace").encode("utf-8")
        warns.append("lone surrogate characters replaced with U+FFFD")
    root, too_deep = _parse_bytes(data)
    if too_deep:
        data = _cap_depth(data.decode("utf-8"), _DEPTH_CAP).encode("utf-8")
        root, _ = _parse_bytes(data)
        warns.append(f"nesting deeper than {_DEPTH_CAP} elements was flattened (libxml2 limit)")
    if root is None:
        root = etree.fromstring(b"<html><body></body></html>", _parser())
    return ParsedPage(root, tuple(warns))


def _parser() -> etree.HTMLParser:
    return etree.HTMLParser(
        recover=True, huge_tree=True, remove_comments=True, remove_pis=True, no_network=True,
        encoding="utf-8",
    )


def _parse_bytes(data: bytes) -> tuple[Any, bool]:
    """Parse; also say whether libxml2 gave up on the nesting depth (it then silently returns an
    empty or truncated tree, so we must notice it from the error log)."""
    if not data.strip():
        return None, False
    parser = _parser()
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None, False
    too_deep = any(
        "depth" in e.message.lower() for e in parser.error_log.filter_from_level(etree.ErrorLevels.FATAL)
    )
    return root, too_deep


def to_tree(page: object) -> ParsedPage:
    """Accept ``str``/``bytes`` HTML, an lxml element or tree, or a BeautifulSoup object."""
    if isinstance(page, bytes | bytearray | memoryview):
        text, warns = decode(bytes(page))
        return parse_html(text, warnings=warns)
    if isinstance(page, str):
        return parse_html(page)
    if isinstance(page, etree._ElementTree):
        return ParsedPage(page.getroot(), ())
    if isinstance(page, etree._Element):
        return ParsedPage(page, ())
    try:
        from bs4 import BeautifulSoup
    except ImportError:  # pragma: no cover - bs4 is a dependency
        BeautifulSoup = None  # type: ignore[assignment,misc]
    if BeautifulSoup is not None and isinstance(page, BeautifulSoup):
        return parse_html(str(page))
    raise TypeError(
        "segment() takes HTML as str or bytes, an lxml element or a BeautifulSoup object, "
        f"not {type(page).__name__}"
    )
