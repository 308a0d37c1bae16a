"""Turn what the caller gave us (``str``, ``bytes``, an lxml element, a BeautifulSoup object) into
an lxml tree, decoding bytes exactly once and never touching the network."""

from __future__ import annotations

import codecs
import warnings as warnings_module
from dataclasses import dataclass
from html import escape as html_escape
from types import MappingProxyType
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
# HTML's whitespace (not Python's \s: a vertical tab or U+00A0 is part of a name)
_WS = r"\t\n\f\r "
# A tag, tokenized as the HTML standard (and libxml2 since 2.14) does: its name runs to whitespace,
# '/' or '>'; a quote opens a value only right after '='; a value that opened must close before
# the tag can. Possessive throughout, so a tag that never closes costs one scan and
# the match is never a different (wrong) reading of the same text. Group "u" is an unquoted
# value: a '/' that ends one does not make the tag self-closing.
_TAG = regex.compile(
    rf"""<(/?)([A-Za-z][^{_WS}/>]*+)("""
    rf"""(?:[{_WS}/]++"""
    rf"""|[^{_WS}/>][^{_WS}/>=]*+"""
    rf"""(?:[{_WS}]*+=[{_WS}]*+(?:"[^"]*+"|'[^']*+'|(?P<u>[^{_WS}>"'][^{_WS}>]*+)|(?=>))"""
    rf"""|(?![{_WS}]*+=)))*+)>"""
)
# where markup may start: '<' then '!' (comment, doctype, bogus comment), '/' (end tag or bogus
# comment), '?' (bogus comment) or a letter (start tag); any other '<' is text
_MARKUP = regex.compile(r"<[!/?A-Za-z]")
_COMMENT_END = regex.compile(r"--!?>")
# elements whose content is raw text: flattening must not expose it as markup
_RAWTEXT = frozenset({"script", "style", "xmp", "textarea", "title", "iframe", "noembed", "noframes"})
# their end tags: "</name" then whitespace, '/' or '>', as the standard's tokenizer wants
_RAWTEXT_CLOSE = MappingProxyType(
    {name: regex.compile(rf"</{name}(?=[{_WS}/>])", regex.IGNORECASE) for name in _RAWTEXT}
)
_END_HTML = regex.compile(r"</(?:html|body)\s*>", regex.IGNORECASE)
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


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# codecs a page may not declare for itself: a <meta> that could be read as ASCII cannot be in them
# (browsers ignore such labels too), and some are not text encodings of the web at all
_NOT_WEB = frozenset({"utf_7", "unicode_escape", "raw_unicode_escape", "punycode", "idna", "rot_13", "base64"})
# without a BOM no browser reads a page as UTF-16/32; a detector's guess of them is mojibake
_NEVER_GUESSED = [
    f"utf{sep}{bits}{end}" for sep in ("-", "_") for bits in ("16", "32") for end in ("", "le", "be", "-le", "-be", "_le", "_be")
] + ["utf-7", "utf_7"]
_PROBE = b"<meta charset='x'>"


def _single_byte(codec: str) -> bool:
    """Whether ``codec`` gives every byte one character (Latin-1, Windows-1252, KOI8-R …; the
    ``"replace"`` handler gives an invalid byte one character too, so not for UTF-8)."""
    return len(_HIGH_BYTES.decode(codec, "replace")) == len(_HIGH_BYTES)


_HIGH_BYTES = bytes(range(128, 256))


def _declared_charset(data: bytes) -> tuple[str | None, str | None]:
    """The page's ``<meta charset>`` as ``(usable codec, refused label)``."""
    m = _META_CHARSET.search(data[:4096])
    if m is None:
        return None, None
    name = m.group(1).decode("ascii", "replace").strip().lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None, None
    try:
        ascii_compatible = _PROBE.decode(codec) == _PROBE.decode("ascii")
    except (UnicodeError, ValueError, LookupError, TypeError):
        ascii_compatible = False  # not a text codec at all ("rot-13", "base64" …)
    if not ascii_compatible or codec.replace("-", "_") in _NOT_WEB:
        return None, codec
    return codec, None


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decode page bytes once: a byte order mark decides first; then the page's declared
    ``<meta charset>`` (when it names an ASCII-compatible web encoding), except that bytes which
    are valid UTF-8 are UTF-8 when the declaration names a one-byte encoding (with a warning);
    then UTF-8 if the bytes are valid UTF-8; then UnicodeDammit's detection. Undecodable bytes
    become U+FFFD (and a warning), never an error."""
    warnings: list[str] = []
    if not data.strip():
        return "", warnings
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data.decode(codec, "replace")
            if "\ufffd" in text:
                warnings.append(f"some bytes were not valid {codec}; replaced with U+FFFD")
            return text.lstrip("\ufeff"), warnings
    declared, refused = _declared_charset(data)
    if refused:
        warnings.append(f"ignored <meta charset> {refused!r}: a page that declares it in ASCII cannot be in it")
    if declared is None or (declared != "utf-8" and _single_byte(declared) and not data.isascii()):
        # Valid UTF-8 is UTF-8: no guessing. A page that declares a one-byte encoding (Latin-1,
        # Windows-1252 …) but whose bytes are valid UTF-8 was re-saved as UTF-8 under its old
        # <meta>: text in a one-byte encoding almost never forms valid UTF-8 sequences ("Ã¼"
        # would have to follow every accented letter), so the declaration is the mistake.
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if declared is not None:
                warnings.append(f"the page declares {declared} but its bytes are UTF-8; read as UTF-8")
            return text, warnings
    known = [declared] if declared else []
    exclude = ([refused] if refused else []) + _NEVER_GUESSED
    with warnings_module.catch_warnings():  # bs4 warns on replacement characters; we report it below
        warnings_module.simplefilter("ignore")
        dammit = UnicodeDammit(data, known_definite_encodings=known, exclude_encodings=exclude, is_html=True)
    text = dammit.unicode_markup
    if text is None:
        text = data.decode("utf-8", "replace")
        warnings.append("could not detect the encoding; decoded as UTF-8 with replacement characters")
    elif dammit.contains_replacement_characters:
        warnings.append(f"some bytes were not valid {dammit.original_encoding}; replaced with U+FFFD")
    return text, warnings


def _markup_end(html: str, start: int) -> int:
    """Where the comment, doctype or bogus comment at ``start`` ends (one past its last
    character; the page's length if it never ends), read as the HTML standard's tokenizer (and
    libxml2 since 2.14) reads it."""
    n = len(html)
    if html.startswith("<!--", start):
        body = start + 4
        if html.startswith((">", "->"), body):
            return html.index(">", body) + 1  # "<!-->" and "<!--->" are empty comments
        # a comment ends at "-->" or at "--!>", whichever comes first (one search: two finds
        # would each run to the end of the page for every comment that lacks one of them)
        m = _COMMENT_END.search(html, body)
        return n if m is None else m.end()
    # "<!doctype …>", "<![CDATA[ … ]]>" (outside SVG and MathML), "<!x>", "<?x>", "</3x>", "</ x>":
    # all end at the first '>', whatever quotes or brackets come before it
    end = html.find(">", start + 2)
    return n if end < 0 else end + 1


def _cap_depth(html: str, cap: int) -> str:
    """Drop start and end tags nested deeper than ``cap`` (their text stays), so libxml2 keeps the
    document. An end tag closes the nearest open element of its name; a stray one closes
    nothing. Raw-text elements (script, style …) are skipped whole; past the cap they are dropped
    whole, their content being no text of the page. Linear: one regex scan.

    The scan must split the page into tags, comments and text exactly where libxml2 will: a
    dropped "tag" that libxml2 reads as part of a comment or of another tag's attributes takes
    away the '>' that ends it, and the page's words after it vanish into that comment or tag."""
    out: list[str] = []
    open_tags: list[str] = []
    pos = 0
    scan = 0
    n = len(html)
    while scan < n:
        m = _MARKUP.search(html, scan)
        if m is None:
            break
        start = m.start()
        second = html[start + 1]
        third = html[start + 2 : start + 3]
        if second == "/" and not (third.isascii() and third.isalpha()):
            if third in ("", ">"):
                scan = start + 2  # "</>" is dropped by every parser; "</" at the end is text
                continue
            scan = _markup_end(html, start)  # "</3x>", "</ x>": a bogus comment
            continue
        if second in "!?":
            # comments, doctypes and bogus comments: tags inside them are no tags; one that
            # never closes runs to the end of the page
            scan = _markup_end(html, start)
            continue
        m = _TAG.match(html, start)
        if m is None:
            break  # a tag that never closes: the rest of the page is inside it, no text
        closing, name = m.group(1), m.group(2).lower()
        scan = m.end()
        selfclose = html[scan - 2] == "/" and m.end("u") != scan - 1
        if name == "plaintext" and not closing:
            break  # everything after <plaintext> is text
        if closing:
            # the nearest open element of this name (looking back a little way only)
            k = len(open_tags) - 1
            while k >= 0 and k >= len(open_tags) - 64 and open_tags[k] != name:
                k -= 1
            if k < 0 or open_tags[k] != name:
                keep = len(open_tags) <= cap  # stray: closes nothing
            else:
                keep = k < cap
                del open_tags[k:]
        elif name in _VOID or selfclose:
            keep = len(open_tags) < cap
        else:
            keep = len(open_tags) < cap
            if name in _RAWTEXT:
                end = _rawtext_end(html, name, scan)
                if not keep:
                    out.append(html[pos:start])
                    out.append(" ")
                    if name == "xmp":  # its content shows as text: keep it, escaped
                        close = _rawtext_close(html, name, scan)
                        out.append(html_escape(html[scan:close], quote=False))
                        out.append(" ")
                    pos = end
                scan = end
                continue
            open_tags.append(name)
        if not keep:
            out.append(html[pos:start])
            out.append(" ")
            pos = scan
    out.append(html[pos:])
    return "".join(out)


def _rawtext_close(html: str, name: str, start: int) -> int:
    """Where the raw-text element ``name`` whose content begins at ``start`` has its end tag (the
    page's length if there is none)."""
    close = _RAWTEXT_CLOSE[name].search(html, start)
    return len(html) if close is None else close.start()


def _rawtext_end(html: str, name: str, start: int) -> int:
    """One past the end tag of the raw-text element ``name`` whose content begins at ``start``
    (the page's length if it has none, or if that end tag never closes)."""
    close = _rawtext_close(html, name, start)
    m = _TAG.match(html, close) if close < len(html) else None
    return len(html) if m is None else m.end()


def _clean_text(html: str, warnings: list[str]) -> str:
    if "\x00" in html:
        html = html.replace("\x00", "\ufffd")
        warnings.append("NUL characters replaced with U+FFFD")
    # libxml2 drops whatever follows </html>; browsers show it: the end tags are optional anyway
    html = _END_HTML.sub("", html)
    return html.lstrip("\ufeff")


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
        source = data.decode("utf-8")
        root, too_deep = _parse_bytes(_cap_depth(source, _DEPTH_CAP).encode("utf-8"))
        warns.append(f"nesting deeper than {_DEPTH_CAP} elements was flattened (libxml2 limit)")
        if too_deep:
            # nesting the scan could not follow (libxml2 built it deeper than the scan counted):
            # keep the text, drop every tag, rather than lose the page
            root, _ = _parse_bytes(_cap_depth(source, 0).encode("utf-8"))
            warns.append("the page's markup was too deep to follow; only its text was kept")
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
