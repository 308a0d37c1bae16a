"""The ``segmenter`` command: segment saved web pages and print the result as JSON, text or Markdown.

::

    segmenter page.html                        # one JSON document
    segmenter --format text --explain page.html
    segmenter --jsonl pages/*.html.gz > out.jsonl
    curl -s https://example.com/story | segmenter --url https://example.com/story -

Exit status: 0 when every page was segmented; 1 when a page could not be read (each failure is one
line on stderr and the other pages are still processed); 2 for usage errors. The command never
touches the network: pages come from files or stdin only.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import importlib
import json
import logging
import os
import re
import sys
import warnings
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .model import Caption, ParagraphKind, RelatedCard, Segmentation
from .rules import Rule, RuleError, RuleSet, site_rules
from .segmenter import Segmenter
from .selectors import SelectorError

__all__ = ["main"]

PROG = "segmenter"
FORMATS = ("json", "text", "markdown")
_GZIP_MAGIC = b"\x1f\x8b"

_EPILOG = """\
examples:
  segmenter story.html                          JSON for one page
  segmenter --format text --explain story.html  article text plus every block's evidence
  segmenter --jsonl pages/*.html.gz -o out.jsonl
  curl -s https://example.com/a | segmenter --url https://example.com/a --format markdown -
  segmenter --rules myrules:NoCookieWalls --site-rules sites.json --url https://news.example.com/x page.html

exit status: 0 ok; 1 if a page could not be read (one line per failure on stderr, other pages
still processed); 2 for usage errors.
"""


class _UsageError(Exception):
    """An option value that cannot be used (reported like an argparse error, exit status 2)."""


class _ReadError(Exception):
    """A page that could not be read; the message is ready to print after the page name."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Split saved web pages into the primary article, photo captions, related-article cards\n"
            "and labelled junk, and explain why each block got its label. Pages are read from files\n"
            "(.gz files are decompressed) or from stdin ('-'); nothing is fetched from the network."
        ),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "pages", metavar="PAGE", nargs="+", help="an HTML file (optionally gzipped) or '-' for stdin"
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="json",
        help="output format (default: json; one document per page, an array for several pages)",
    )
    p.add_argument(
        "--jsonl", action="store_true", help="with --format json: one compact JSON object per line"
    )
    p.add_argument(
        "--explain",
        action="store_true",
        help="show every block with its label and the rules that voted (json: add the 'explanations' key)",
    )
    p.add_argument(
        "--url",
        metavar="URL",
        help="the page's URL (resolves relative links, scopes site rules); one PAGE only",
    )
    p.add_argument(
        "--rules",
        metavar="MODULE:ATTR",
        action="append",
        default=[],
        help="load a Rule class, instance or factory; it is registered on top of the built-in rules "
        "(repeatable)",
    )
    p.add_argument(
        "--site-rules",
        metavar="FILE.json",
        help="declarative site rules: a JSON list of objects with domain, selector, label, ... (needs --url)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE instead of stdout")
    p.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    return p


# -- loading rules -----------------------------------------------------------------------------


def _as_rule_list(obj: object, spec: str) -> list[Rule]:
    """A Rule instance, a Rule subclass, a factory returning rule(s), or an iterable of rules."""
    if isinstance(obj, type):
        if not issubclass(obj, Rule):
            raise _UsageError(f"--rules {spec!r}: {obj.__name__} is not a segmenter.Rule subclass")
        obj = obj()
    elif not isinstance(obj, Rule) and callable(obj):
        obj = obj()
    if isinstance(obj, Rule):
        return [obj]
    if isinstance(obj, (str, bytes)) or not hasattr(obj, "__iter__"):
        raise _UsageError(
            f"--rules {spec!r}: expected a Rule class, instance or factory, got {type(obj).__name__}"
        )
    rules = list(obj)
    for r in rules:
        if not isinstance(r, Rule):
            raise _UsageError(f"--rules {spec!r}: {r!r} is not a segmenter.Rule")
    return rules


def load_rule_spec(spec: str) -> list[Rule]:
    """Import ``MODULE:ATTR`` (``ATTR`` may be dotted) and return the rules it names.

    The current directory is searched first, as ``python -m`` would.

    :raises _UsageError: when the module or attribute cannot be loaded or is not a rule.
    """
    module_name, sep, attr = spec.partition(":")
    if not sep or not module_name or not attr:
        raise _UsageError(f"--rules {spec!r}: expected MODULE:ATTR, e.g. myrules:NoCookieWalls")
    cwd = os.getcwd()
    added = cwd not in sys.path
    if added:
        sys.path.insert(0, cwd)
    try:
        obj: Any = importlib.import_module(module_name)
        for part in attr.split("."):
            obj = getattr(obj, part)
        return _as_rule_list(obj, spec)
    except _UsageError:
        raise
    except Exception as exc:  # a plug-in can fail in any way; report it as one line
        raise _UsageError(f"--rules {spec!r}: {type(exc).__name__}: {exc}") from None
    finally:
        if added:
            with contextlib.suppress(ValueError):
                sys.path.remove(cwd)


def load_site_rules(path: str) -> list[Rule]:
    """Read a JSON list of site-rule objects and build them with :func:`segmenter.site_rules`.

    :raises _UsageError: when the file cannot be read or holds an invalid rule.
    """
    try:
        data = json.loads(Path(path).read_bytes())
    except OSError as exc:
        raise _UsageError(f"--site-rules: cannot read {_quote(path)}: {exc.strerror or exc}") from None
    except ValueError as exc:  # JSONDecodeError and undecodable bytes
        raise _UsageError(f"--site-rules: {_quote(path)} is not valid JSON: {exc}") from None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise _UsageError(f"--site-rules: {_quote(path)} must hold a JSON list of objects")
    try:
        return list(site_rules(data))
    except (RuleError, SelectorError, ValueError, TypeError) as exc:
        raise _UsageError(f"--site-rules: {_quote(path)}: {exc}") from None


def build_segmenter(rule_specs: Sequence[str], site_rules_path: str | None) -> Segmenter:
    """The built-in rules plus the ``--rules`` and ``--site-rules`` ones, in one :class:`Segmenter`."""
    ruleset = RuleSet.default()
    extra: list[Rule] = []
    for spec in rule_specs:
        extra.extend(load_rule_spec(spec))
    if site_rules_path is not None:
        extra.extend(load_site_rules(site_rules_path))
    for rule in extra:
        try:
            ruleset.register(rule)
        except RuleError as exc:
            raise _UsageError(str(exc)) from None
    return Segmenter(ruleset)


# -- reading pages -----------------------------------------------------------------------------


def _quote(name: str) -> str:
    if name.isprintable() and "'" not in name:
        return f"'{name}'"
    return repr(name)


def _display_name(page: str) -> str:
    return "<stdin>" if page == "-" else page


def read_page(page: str) -> bytes:
    """The bytes of a PAGE argument: a file, or stdin for ``-``; gzip data is decompressed.

    :raises _ReadError: with a one-line reason when the page cannot be read.
    """
    try:
        if page == "-":
            stream: Any = sys.stdin
            if stream is None:
                raise _ReadError("stdin is closed")
            buffer = getattr(stream, "buffer", None)
            raw = buffer.read() if buffer is not None else stream.read()
            data = raw.encode("utf-8") if isinstance(raw, str) else bytes(raw)
        else:
            data = Path(page).read_bytes()
    except OSError as exc:
        raise _ReadError(exc.strerror or str(exc)) from None
    if data[:2] == _GZIP_MAGIC:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise _ReadError(f"corrupt gzip data ({exc})") from None
    return data


@contextlib.contextmanager
def _quiet_libraries() -> Iterator[None]:
    """Keep parser chatter (bs4's encoding log lines, Python warnings) off stderr: what matters
    already ends up in ``Segmentation.warnings``."""
    bs4_logger = logging.getLogger("bs4")
    old_level = bs4_logger.level
    bs4_logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        bs4_logger.setLevel(old_level)


# -- formatting --------------------------------------------------------------------------------


def _explanations(seg: Segmentation) -> list[str]:
    return [str(seg.explain(b)) for b in seg.blocks]


def _age(card: RelatedCard) -> str | None:
    if card.age_text:
        return card.age_text
    if card.published is not None:
        return card.published.isoformat()
    return None


def _caption_line(c: Caption) -> str:
    text = c.text
    if c.credit:
        shown = _credit_shown(c)
        text = f"{text} ({shown})" if text else shown
    return text


def format_text(seg: Segmentation, *, explain: bool = False) -> str:
    """Plain text: title, byline/dateline, article text, then captions, related cards and (with
    ``explain``) every block's explanation."""
    out: list[str] = []
    art = seg.article
    if art is None:
        # a list page has no article but still a title
        out += [seg.title, "(no article)"] if seg.title else ["(no article)"]
    else:
        out.append(art.title or "(untitled)")
        meta = [x for x in (art.byline, art.dateline) if x]
        if meta:
            out.append(" · ".join(meta))
        if art.paragraphs:
            out += ["", art.text]
    if seg.captions:
        out += ["", "Captions:"]
        out += [f"  - {_caption_line(c)}" for c in seg.captions]
    if seg.related:
        out += ["", "Related:"]
        for card in seg.related:
            line = f"  - {card.title}"
            if card.url:
                line += f" <{card.url}>"
            extra = [x for x in (card.source, _age(card)) if x]
            if extra:
                line += " — " + ", ".join(extra)
            out.append(line)
            if card.snippet:
                out.append(f"    {card.snippet}")
    if seg.warnings:
        out += ["", "Warnings:"]
        out += [f"  - {w}" for w in seg.warnings]
    if explain:
        out += ["", "Blocks:"]
        out += _explanations(seg)
    return "\n".join(out) + "\n"


_MD_INLINE = str.maketrans({c: "\\" + c for c in "\\`*_[]<"})
_MD_BLOCK_START = ("#", ">", "-", "+", "=", "|", "~")
_MD_ORDERED = re.compile(r"(\d{1,9})[.)](?:\s|$)")


def _md(text: str) -> str:
    """Escape text so Markdown renders it literally (inline markup and block markers)."""
    text = text.translate(_MD_INLINE)
    if text.startswith(_MD_BLOCK_START):
        return "\\" + text
    m = _MD_ORDERED.match(text)
    if m:  # "1. " would start an ordered list
        return m.group(1) + "\\" + text[len(m.group(1)) :]
    return text


def _md_url(url: str) -> str:
    if any(c in url for c in " ()<>"):
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url


def format_markdown(seg: Segmentation, *, explain: bool = False) -> str:
    """Markdown: ``# title``, the article (sub-headings as ``##``, list items as ``-``), then
    ``## Captions`` and ``## Related`` (linked titles with source and age) and, with ``explain``,
    the explanations in a code block."""
    chunks: list[str] = []
    art = seg.article
    if art is None:
        if seg.title:
            chunks.append("# " + _md(seg.title))
        chunks.append("_(no article)_")
    else:
        chunks.append("# " + _md(art.title or "(untitled)"))
        meta = [_md(x) for x in (art.byline, art.dateline) if x]
        if meta:
            chunks.append("_" + " · ".join(meta) + "_")
        prev: ParagraphKind | None = None
        for p in art.paragraphs:
            if p.kind is ParagraphKind.HEADING:
                piece = "## " + _md(p.text)
            elif p.kind is ParagraphKind.LIST_ITEM:
                piece = "- " + _md(p.text)
            elif p.kind is ParagraphKind.QUOTE:
                piece = "> " + _md(p.text)
            elif p.kind is ParagraphKind.PREFORMATTED:
                fence = "````" if "```" in p.text else "```"
                piece = f"{fence}\n{p.text}\n{fence}"
            else:
                piece = _md(p.text)
            if prev is ParagraphKind.LIST_ITEM and p.kind is ParagraphKind.LIST_ITEM:
                chunks[-1] += "\n" + piece  # a tight list
            else:
                chunks.append(piece)
            prev = p.kind
    if seg.captions:
        lines = ["## Captions", ""]
        for c in seg.captions:
            line = "- " + _md(c.text) if c.text else "-"
            if c.credit:
                line += (" — " if c.text else " ") + "_" + _md(_credit_shown(c)) + "_"
            if c.image is not None and c.image.src:
                line += f" ([image]({_md_url(c.image.src)}))"
            lines.append(line)
        chunks.append("\n".join(lines))
    if seg.related:
        lines = ["## Related", ""]
        for card in seg.related:
            title = _md(card.title)
            line = f"- [{title}]({_md_url(card.url)})" if card.url else f"- {title}"
            extra = [_md(x) for x in (card.source, _age(card)) if x]
            if extra:
                line += " — " + ", ".join(extra)
            lines.append(line)
            if card.snippet:
                lines.append("  " + _md(card.snippet))
        chunks.append("\n".join(lines))
    if seg.warnings:
        chunks.append("\n".join(["## Warnings", ""] + ["- " + _md(w) for w in seg.warnings]))
    if explain:
        body = "\n".join(_explanations(seg))
        fence = "````" if "```" in body else "```"
        chunks.append(f"## Explanation\n\n{fence}text\n{body}\n{fence}")
    return "\n\n".join(chunks) + "\n"


# -- main --------------------------------------------------------------------------------------


def _write(out: TextIO, text: str) -> None:
    try:
        out.write(text)
    except UnicodeEncodeError:  # e.g. a legacy console code page
        enc = getattr(out, "encoding", None) or "ascii"
        out.write(text.encode(enc, "backslashreplace").decode(enc))


def _run(args: argparse.Namespace, seg: Segmenter, out: TextIO, err: TextIO) -> int:
    status = 0
    results: list[dict[str, Any]] = []
    many = len(args.pages) > 1
    first = True
    for page in args.pages:
        name = _display_name(page)
        try:
            data = read_page(page)
        except _ReadError as exc:
            print(f"{PROG}: cannot read {_quote(name)}: {exc}", file=err)
            status = 1
            continue
        try:
            with _quiet_libraries():
                result = seg.segment(data, url=args.url)
        except Exception as exc:  # never a traceback for a bad page
            print(f"{PROG}: cannot segment {_quote(name)}: {type(exc).__name__}: {exc}", file=err)
            status = 1
            continue
        if args.format == "json":
            d = result.to_dict(explain=args.explain)
            if args.jsonl:
                _write(out, json.dumps(d, ensure_ascii=False, separators=(",", ":")) + "\n")
            elif many:
                results.append(d)
            else:
                _write(out, json.dumps(d, ensure_ascii=False, indent=2) + "\n")
        elif args.format == "text":
            header = f"==> {name} <==\n" if many else ""
            _write(out, ("" if first else "\n") + header + format_text(result, explain=args.explain))
        else:
            _write(out, ("" if first else "\n---\n\n") + format_markdown(result, explain=args.explain))
        first = False
    if args.format == "json" and many and not args.jsonl:
        _write(out, json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    return status


def main(argv: list[str] | None = None) -> int:
    """Run the ``segmenter`` command with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    Usage errors (and ``--help``/``--version``) are reported by argparse and returned as their
    status instead of raising :class:`SystemExit`, so the function is safe to call in-process.
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
        if args.url is not None and len(args.pages) > 1:
            parser.error("--url applies to a single PAGE")
        if args.jsonl and args.format != "json":
            parser.error("--jsonl only works with --format json")
        if args.pages.count("-") > 1:
            parser.error("stdin ('-') can be read only once")
        try:
            seg = build_segmenter(args.rules, args.site_rules)
        except _UsageError as exc:
            parser.error(str(exc))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)

    if args.site_rules is not None and args.url is None:
        print(
            f"{PROG}: warning: site rules apply only to pages whose URL host matches their domain; "
            "give --url",
            file=sys.stderr,
        )

    err = sys.stderr
    try:
        if args.output is None:
            return _run(args, seg, sys.stdout, err)
        try:
            out = open(args.output, "w", encoding="utf-8")
        except OSError as exc:
            print(f"{PROG}: cannot write {_quote(args.output)}: {exc.strerror or exc}", file=err)
            return 1
        with out:
            return _run(args, seg, out, err)
    except BrokenPipeError:  # e.g. piped into `head`
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=err)
        return 130


def _credit_shown(caption: Caption) -> str:
    """The credit as the page shows it, label included ("Photo: Jane Doe")."""
    return f"{caption.credit_label} {caption.credit}" if caption.credit_label else caption.credit or ""
