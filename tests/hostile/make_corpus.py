#!/usr/bin/env python3
"""Write the hostile-input regression corpus (tests/hostile/): small, deterministic files, one or
a few per category of tests/hostile_strategies.py, and MANIFEST.json with, per file, the words a
browser shows (each must land in some block), how to read the file as str, and the known library
bug it runs into (such files are strict xfail in tests/test_hostile_corpus.py).

    python tests/hostile/make_corpus.py            # (re)write the corpus next to this script
    python tests/hostile/make_corpus.py --check    # exit 1 if the stored corpus is stale

Every file stays under 50 KB; inputs of megabytes or 100,000 levels are made at test time.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import hostile_strategies as H  # noqa: E402

MAX_BYTES = 50_000
MANIFEST = "MANIFEST.json"


@dataclass(frozen=True)
class Entry:
    """One corpus file: its bytes, visible words, how it reads as str, and its known bug."""

    data: bytes
    visible: tuple[str, ...]
    #: "utf-8" (the str form is the UTF-8 decoding), "surrogatepass" (UTF-8 with lone surrogates
    #: passed through) or None (bytes only: not valid UTF-8)
    as_str: str | None = "utf-8"
    #: the known library bug the file runs into (strict xfail), or None
    known_bug: str | None = None
    #: the form the known bug shows in: "both", "bytes" or "str"
    bug_in: str = "both"
    #: text a browser does not show (script source, comments): it must be in no block
    hidden: tuple[str, ...] = ()


class Words:
    """Visible words ``qzb``, ``qzc`` … in order (see hostile_strategies.make_word)."""

    def __init__(self) -> None:
        self.used: list[str] = []

    def __call__(self) -> str:
        """The next word, with a space on each side (inline tags around it must not join it to
        its neighbours: a browser would not separate them either)."""
        w = H.make_word(len(self.used) + 1)
        self.used.append(w)
        return f" {w} "


def page(build: Callable[[Words], str], **kw: object) -> Entry:
    """An entry from a builder of str markup that draws its visible words from ``w``."""
    w = Words()
    html = build(w)
    as_str = "surrogatepass" if any("\ud800" <= c <= "\udfff" for c in html) else "utf-8"
    data = html.encode("utf-8", "surrogatepass")
    return Entry(data, tuple(w.used), as_str=as_str, **kw)  # type: ignore[arg-type]


def raw(data: bytes, visible: tuple[str, ...], **kw: object) -> Entry:
    """An entry of given bytes; as_str is "utf-8" where they decode, else None."""
    try:
        data.decode("utf-8")
        as_str: str | None = "utf-8"
    except UnicodeDecodeError:
        as_str = None
    return Entry(data, visible, as_str=as_str, **kw)  # type: ignore[arg-type]


HEAD = "<!DOCTYPE html><html><head><title>hostile</title></head><body>"

# --------------------------------------------------------------------------------------------
# the builders, by category


def deep_div(w: Words) -> str:
    return HEAD + H.nest(["<div>"], 3000, {0: w(), 1500: w(), 2999: w()}, "all", inner=f" {w()} ") + f" {w()} "


def deep_mixed_unclosed(w: Words) -> str:
    pattern = ["<div class=a>", "<section>", "<span>", "<b>", "<li>"]
    return HEAD + H.nest(pattern, 2500, {10: w(), 1799: w(), 1801: w(), 2400: w()}, "none", inner=w())


def deep_wrong_order(w: Words) -> str:
    return f"<p>{w()}</p>" + H.nest(["<i>", "<em>", "<u>"], 2100, {5: w(), 2050: w()}, "wrong", inner=w()) + w()


def deep_table(w: Words) -> str:
    return HEAD + H.nest(["<table><tr><td>"], 700, {0: w(), 350: w()}, "half", inner=w()) + f" {w()}"


def misnested(w: Words) -> str:
    return HEAD + (
        f"<b>{w()}<i>{w()}</b>{w()}</i>{w()}"
        f"<a href=#>{w()}<p>{w()}</a>{w()}</p>"
        f"<p>{w()}<div>{w()}</p>{w()}</div>"
        f"<ul><li>{w()}<li>{w()}<ol><li>{w()}</ul>{w()}"
        f"<h1>{w()}<h2>{w()}</h1>{w()}</h2>"
        f"<a href=1>{w()}<a href=2>{w()}</a>{w()}</a>"
        f"<form>{w()}<form>{w()}</form>{w()}</form>"
        f"<table><b>{w()}<tr><td>{w()}</b>{w()}</table>{w()}"
        f"</p></div></span></x-y>{w()}<p><p><p>{w()}</body>{w()}"
    )


def unclosed_everything(w: Words) -> str:
    return "".join(f"<{t}>{w()} " for t in H.SAFE_TAGS)


def huge_class(w: Words) -> str:
    return HEAD + f'<div class="{"x1 y-2 " * 5700}"><p>{w()}</p></div><p>{w()}</p>'


def huge_style(w: Words) -> str:
    return HEAD + f'<p style="{"color:red;border:none;overflow:hidden;" * 1100}">{w()}</p>{w()}'


def many_attributes(w: Words) -> str:
    attrs = "".join(f" a{k}={k}" for k in range(3000))
    return HEAD + f"<div{attrs}>{w()}</div><span {'class=a ' * 2000}>{w()}</span>{w()}"


def attribute_with_markup(w: Words) -> str:
    value = "<p>&amp;</p>'\"<script>" * 1500
    return HEAD + f"<div data-x='{value.replace(chr(39), '&#39;')}'>{w()}</div>{w()}"


def siblings_br(w: Words) -> str:
    return HEAD + "<p>" + H.siblings("<br>", 5000, {0: w(), 2500: w(), 4999: w()}) + "</p>"


def siblings_p(w: Words) -> str:
    return HEAD + H.siblings("<p></p>", 3000, {0: w(), 1500: w()}) + H.siblings("<p>", 2000, {1999: w()})


def siblings_li(w: Words) -> str:
    return HEAD + "<ul>" + H.siblings("<li>x", 4000, {1000: w(), 3999: w()}) + "</ul>"


def control_chars(w: Words) -> str:
    junk = "".join(H.CONTROL_CHARS)
    return HEAD + "".join(f" {c} {w()} " for c in H.CONTROL_CHARS) + f'<p title="{junk}">{w()}</p><b {junk}>{w()}</b>'


def lone_surrogates(w: Words) -> str:
    s = "".join(H.LONE_SURROGATES)
    return HEAD + f'<p title="{s}">{w()} {s} {w()}</p><{s}>{w()}</{s}> \udfff\ud800 {w()}'


def comments(w: Words) -> str:
    parts = [c.replace("{n}", "hz -- <!-- hz") for c in H._COMMENTISH]
    return HEAD + "".join(f"{p} {w()} " for p in parts)


def cdata_and_pis(w: Words) -> str:
    return HEAD + (
        f"<![CDATA[hz]]> {w()} <![CDATA[hz]> {w()} <?php echo 'hz' ?> {w()} <?xml-stylesheet hz?> {w()}"
        f"<!DOCTYPE hz> {w()} <!ELEMENT hz> {w()} </ hz> {w()} <!> {w()}"
    )


def comment_unclosed(w: Words) -> str:
    return HEAD + f"<p>{w()}</p><!-- <p>hzhidden</p> -- >"


def entity_amp(w: Words) -> str:
    return HEAD + f"<p>{w()} {'&amp;' * 8000} {w()}</p>"


def entity_numeric(w: Words) -> str:
    return HEAD + "<p>" + "".join(f" {e} {w()}" for e in H.ENTITIES) + "</p>"


def entity_bomb_dtd(w: Words) -> str:
    return H.ENTITY_BOMB_DTD + f"<p>{w()} &j; &i; {w()}</p>"


def script_unclosed(w: Words) -> str:
    return HEAD + f"<p>{w()}</p><script>var a = '<p>hzhidden</p>'; </scr"


def style_unclosed(w: Words) -> str:
    return HEAD + f"<p>{w()}</p><style>p {{ color: red }} </p> hzhidden"


def script_tricky(w: Words) -> str:
    return HEAD + (
        f"<script>document.write('</scr' + 'ipt>'); if (a<b) {{}} '</p>'</script> {w()}"
        f"<script><!-- x </script> {w()} <SCRIPT>x</SCRIPT > {w()} <script>y</script foo=bar> {w()}"
        f"<style></p></style> {w()}"
    )


def plaintext(w: Words) -> str:
    return HEAD + f"<p>{w()}</p><plaintext><p>{w()}</p><script>{w()}</script></plaintext> {w()}"


def xmp(w: Words) -> str:
    return HEAD + f"<xmp><p>{w()}</p><script>{w()}</script><!-- {w()} --></xmp> {w()}"


def table_soup(w: Words) -> str:
    ops = H.TABLE_OPS * 3
    return HEAD + "".join(f"{op} {w()} " for op in ops)


def br_runs(w: Words) -> str:
    spellings = ["<br>", "</br>", "<br/>", "<br></br>", "<BR clear=all>", "<br\n>"]
    return HEAD + "".join(f"{s * 400} {w()} " for s in spellings)


def html5_in_body(w: Words) -> str:
    return HEAD + f"<header>{w()}</header><main><article><p>{w()}</p></article></main><x-card>{w()}</x-card>"


# known bugs


def after_html(w: Words) -> str:
    return HEAD + f"<p>{w()}</p></body></html>{w()} <p>{w()}</p>"


def html5_after_head(w: Words) -> str:
    return f"<!doctype html><meta charset=utf-8><title>T</title><header>{w()}</header><main><p>{w()}</p></main>"


def svg_unclosed(w: Words) -> str:
    return HEAD + f"<p>{w()}</p><svg><use href='#i'><div><p>{w()}</p></div><p>{w()}</p>"


def deep_lt_attribute(w: Words) -> str:
    return f"<p>{w()}</p>" + '<div title="<">' * 2100 + f" {w()}"


def leading_comment(w: Words) -> str:
    return "<!--" + "hzlicense " * 500 + f"--><!DOCTYPE html><html><body><p>{w()}</p><script>hzhidden()</script>"


def deep_script(w: Words) -> str:
    return HEAD + "<b>" * 2100 + f" {w()} <script>a</b</script> {w()}"


def deep_bogus_comments(w: Words) -> str:
    # bogus comments end at their first '>' and tag names run to whitespace, '/' or '>': the
    # flattening scan must agree with libxml2, or a tag it drops takes that '>' (and the words)
    return (
        HEAD + "<div>" * 2100 + f"{w()} </3hz<b title=x>{w()} <?hz <i hzhidden>{w()} </ hz <u>>{w()}"
        f" <a.b <c>{w()}</a.b> <p><noscript>hz</p>{w()}</noscript> <!--hzhidden--!>{w()}"
    )


def meta_page(charset: str, w: Words) -> str:
    return f'<html><head><meta charset="{charset}"></head><body><p>{w()} {w()}</p><p>{w()}</p></body></html>'


def meta(charset: str, **kw: object) -> Entry:
    e = page(lambda w: meta_page(charset, w), **kw)
    pad = b" " * (-len(e.data) % 4)  # whole UTF-16/UTF-32 code units
    return Entry(e.data + pad, e.visible, e.as_str, e.known_bug, e.bug_in, e.hidden)


CHARSET_BUG = "a <meta charset> naming a non-ASCII-compatible codec is trusted for an ASCII page"


def build() -> dict[str, Entry]:
    """Every corpus file by name."""
    ascii_words = ("qzb", "qzc", "qzd")
    bin_page = H.encode_page(f"{HEAD}<p>qzb café</p><p>qzc naïve</p><p>qzd €</p>", "cp1252")
    mixed = (
        "<p>qzb Grüße</p>".encode() + "<p>qzc Grüße</p>".encode("latin-1") + "<p>qzd 日本語</p>".encode("shift_jis")
        + "<p>qzf Привет</p>".encode("koi8-r") + b"<p>qzg \xed\xa0\x80 \xc0\xaf \xff\xfe</p>"
    )
    entries = {
        "deep-div-3000.html": page(deep_div),
        "deep-mixed-unclosed-2500.html": page(deep_mixed_unclosed),
        "deep-wrong-order-2100.html": page(deep_wrong_order),
        "deep-table-700.html": page(deep_table),
        "misnested.html": page(misnested),
        "unclosed-everything.html": page(unclosed_everything),
        "attr-huge-class.html": page(huge_class),
        "attr-huge-style.html": page(huge_style),
        "attr-many.html": page(many_attributes),
        "attr-markup-in-value.html": page(attribute_with_markup),
        "siblings-br-5000.html": page(siblings_br),
        "siblings-p-5000.html": page(siblings_p),
        "siblings-li-4000.html": page(siblings_li),
        "control-chars.html": page(control_chars),
        "lone-surrogates.html": page(lone_surrogates),
        "nul-bytes.html": raw(
            HEAD.encode() + b"\x00<p\x00 class=\x00>hz\x00 qzb</p\x00>\x00 qzc " + b"<p>qzd</p>" * 40, ("qzb", "qzc", "qzd")
        ),
        "invalid-utf8.html": raw(
            HEAD.encode() + b"<p>qzb \xff\xfe \xc3 \xed\xa0\x80 \xf8\x88\x80\x80\x80 qzc</p><p>qzd \xc0\xaf</p>" * 10,
            ascii_words,
        ),
        "cp1252.html": raw(bin_page, ascii_words),
        "mixed-encodings.html": raw(HEAD.encode() + mixed * 5, ("qzb", "qzc", "qzd", "qzf", "qzg")),
        "utf16-bom.html": raw(H.encode_page(f"{HEAD}<p>qzb 日本語</p><p>qzc</p>", "utf-16"), ("qzb", "qzc")),
        "utf8-bom.html": raw(H.encode_page(f"{HEAD}<p>qzb café</p><p>qzc</p>", "utf-8-sig"), ("qzb", "qzc")),
        "meta-utf8-ie-edge.html": meta("utf-8, ie=edge"),
        "meta-x-unknown.html": meta("x-unknown"),
        "meta-long.html": meta("utf-8" * 3000),
        "meta-latin1-but-utf8.html": raw(
            b'<meta charset="iso-8859-1"><body><p>qzb caf\xc3\xa9</p><p>qzc</p>', ("qzb", "qzc")
        ),
        "meta-utf8-but-cp1252.html": raw(
            b'<meta charset="utf-8"><body><p>qzb caf\xe9 \x9d</p><p>qzc</p>', ("qzb", "qzc")
        ),
        "comments.html": page(comments),
        "cdata-and-pis.html": page(cdata_and_pis),
        "comment-unclosed.html": page(comment_unclosed, hidden=("hzhidden",)),
        "entity-amp-8000.html": page(entity_amp),
        "entity-numeric.html": page(entity_numeric),
        "entity-bomb-dtd.html": page(entity_bomb_dtd),
        "script-unclosed.html": page(script_unclosed, hidden=("hzhidden",)),
        "style-unclosed.html": page(style_unclosed, hidden=("hzhidden",)),
        "script-tricky.html": page(script_tricky),
        "plaintext.html": page(plaintext),
        "xmp.html": page(xmp),
        "table-soup.html": page(table_soup),
        "br-runs.html": page(br_runs),
        "html5-in-body.html": page(html5_in_body),
        "empty.html": raw(b"", ()),
        "whitespace.html": raw(b" \n\t\r\n ", ()),
        # once known bugs, now regressions to guard (file names kept)
        "bug-after-html.html": page(after_html),
        "bug-html5-after-head.html": page(html5_after_head),
        "bug-svg-unclosed.html": page(svg_unclosed),
        "bug-deep-lt-attribute.html": page(deep_lt_attribute),
        "bug-deep-script.html": page(deep_script),
        "bug-deep-bogus-comments.html": page(deep_bogus_comments, hidden=("hzhidden",)),
        "bug-meta-utf16.html": meta("utf-16"),
        "bug-meta-ebcdic.html": meta("cp037"),
        "bom-only.html": raw(b"\xef\xbb\xbf", ()),
        "bug-long-leading-comment.html": page(leading_comment, hidden=("hzhidden", "hzlicense")),
    }
    for name, e in entries.items():
        assert len(e.data) < MAX_BYTES, f"{name}: {len(e.data)} bytes"
    return entries


def manifest(entries: dict[str, Entry]) -> str:
    """MANIFEST.json's text."""
    doc = {
        name: {
            "visible": list(e.visible), "hidden": list(e.hidden), "as_str": e.as_str, "known_bug": e.known_bug,
            "bug_in": e.bug_in,
        }
        for name, e in sorted(entries.items())
    }
    return json.dumps(doc, indent=1, ensure_ascii=True) + "\n"


def stale(out: Path) -> list[str]:
    """The corpus files in ``out`` that differ from what :func:`build` makes (or are missing)."""
    entries = build()
    bad = [n for n, e in sorted(entries.items()) if not (out / n).is_file() or (out / n).read_bytes() != e.data]
    m = out / MANIFEST
    if not m.is_file() or m.read_text(encoding="utf-8") != manifest(entries):
        bad.append(MANIFEST)
    known = set(entries) | {MANIFEST, "make_corpus.py", ".gitattributes"}
    bad += sorted(p.name for p in out.iterdir() if p.is_file() and p.name not in known)
    return bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=HERE, help="where to write (default: next to this script)")
    parser.add_argument("--check", action="store_true", help="only report stale files; exit 1 if any")
    args = parser.parse_args(argv)
    if args.check:
        bad = stale(args.out)
        for name in bad:
            print(f"stale: {name}")
        return 1 if bad else 0
    entries = build()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, e in entries.items():
        (args.out / name).write_bytes(e.data)
    (args.out / MANIFEST).write_text(manifest(entries), encoding="utf-8")
    print(f"wrote {len(entries)} files and {MANIFEST} to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
