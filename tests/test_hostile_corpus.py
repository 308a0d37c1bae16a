"""The hostile-input regression corpus (tests/hostile/, written by tests/hostile/make_corpus.py).

Each stored file is segmented as bytes and, where it decodes, as str; the error policy is checked
as in tests/test_hostile.py: no exception, a structurally sound result within the time limit, and
every visible word listed in MANIFEST.json in some block, and none of its hidden text. Files that run into a known library bug
are strict xfail (in the form the bug shows in).

Inputs too big to store (5 MB pages, 100,000 levels of nesting) are generated here at run time.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

import hostile_strategies as H

CORPUS = Path(__file__).resolve().parent / "hostile"
MANIFEST: dict[str, dict[str, Any]] = json.loads((CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))


def _cases() -> list[Any]:
    cases = []
    for name, meta in sorted(MANIFEST.items()):
        forms = ["bytes"] + (["str"] if meta["as_str"] else [])
        for form in forms:
            marks = []
            if meta["known_bug"] and meta["bug_in"] in ("both", form):
                marks.append(pytest.mark.xfail(strict=True, reason=f"known bug: {meta['known_bug']}"))
            cases.append(pytest.param(name, form, marks=marks, id=f"{name}-{form}"))
    return cases


@pytest.mark.parametrize("name,form", _cases())
def test_corpus_file(name: str, form: str) -> None:
    meta = MANIFEST[name]
    data = (CORPUS / name).read_bytes()
    errors = "surrogatepass" if meta["as_str"] == "surrogatepass" else "strict"
    page: str | bytes = data if form == "bytes" else data.decode("utf-8", errors)
    known = bool(meta["known_bug"])
    result = H.check_hostile(H.Hostile(page, tuple(meta["visible"]), f"{name} as {form}"), excuse_known=not known)
    shown = [h for h in meta["hidden"] if h in H.block_text(result)]
    assert not shown, f"text a browser does not show is in blocks: {shown}"


def test_corpus_files_are_small_and_listed() -> None:
    files = {p.name for p in CORPUS.iterdir() if p.is_file()} - {"MANIFEST.json", "make_corpus.py", ".gitattributes"}
    assert files == set(MANIFEST)
    assert all((CORPUS / n).stat().st_size < 50_000 for n in files)
    # every category of the strategies has a file
    for prefix in ("deep-", "misnested", "attr-", "siblings-", "control-", "lone-surrogates", "invalid-utf8",
                   "mixed-encodings", "meta-", "comments", "cdata", "entity-", "script-unclosed", "plaintext",
                   "xmp", "table-soup", "br-runs"):
        assert any(n.startswith(prefix) for n in files), prefix


def test_corpus_is_up_to_date() -> None:
    """The stored files are exactly what make_corpus.py writes (it is deterministic)."""
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    make_corpus = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = make_corpus  # dataclasses look their module up there
    try:
        spec.loader.exec_module(make_corpus)
    finally:
        del sys.modules["make_corpus"]
    assert make_corpus.stale(CORPUS) == [], "run: python tests/hostile/make_corpus.py"


# ---------------------------------------------------------------------------------------------
# big inputs, generated at run time
# ---------------------------------------------------------------------------------------------

MB5 = 5_000_000
MB1 = 1_000_000


def _big_cases() -> list[Any]:
    prose = "The council voted on Tuesday to rebuild the pier, and work starts in May. "
    paragraph = "<p>" + prose * (50_000 // len(prose)) + "</p>"
    return [
        pytest.param(
            "<p>qzb " + "lorem ipsum dolor sit amet " * (MB5 // 27) + " qzc</p>", ("qzb", "qzc"), id="one-5MB-text-node"
        ),
        pytest.param(
            "<p>qzb</p>" + paragraph * (MB5 // len(paragraph)) + "<p>qzc</p>", ("qzb", "qzc"), id="5MB-of-50KB-paragraphs"
        ),
        # a class of 500,000 tokens: linear, but ~4 s/MB, so 1 MB here
        pytest.param(f'<div class="{"x " * (MB1 // 2)}">qzb</div> qzc', ("qzb", "qzc"), id="1MB-class-attribute"),
        pytest.param(f'<div title="{"x" * MB5}">qzb</div> qzc', ("qzb", "qzc"), id="5MB-attribute"),
        pytest.param("<p>qzb</p><!--" + "hz " * (MB5 // 3) + "--> qzc", ("qzb", "qzc"), id="5MB-comment"),
        pytest.param("<p>qzb</p><script>" + "var a = '</p>';" * (MB5 // 15), ("qzb",), id="5MB-unclosed-script"),
        pytest.param("<p>qzb " + "&amp;" * (MB5 // 5) + " qzc</p>", ("qzb", "qzc"), id="5MB-of-entities"),
        # 250,000 elements: linear, but ~3 s/MB, so 1 MB here
        pytest.param("<p>qzb</p>" + "<br>" * (MB1 // 4) + " qzc", ("qzb", "qzc"), id="1MB-of-br"),
        pytest.param("<p>qzb</p>" + "<!---->" * (MB5 // 7) + " qzc", ("qzb", "qzc"), id="5MB-of-empty-comments"),
        pytest.param(
            H.nest(["<div>", "<span>"], 100_000, {0: "qzb", 99_999: "qzc"}, "none", inner=" qzd "),
            ("qzb", "qzc", "qzd"),
            id="100k-deep-unclosed",
        ),
        pytest.param(
            H.nest(["<table><tr><td>"], 100_000, {0: "qzb"}, "all", inner=" qzc "), ("qzb", "qzc"), id="100k-deep-table"
        ),
    ]


@pytest.mark.parametrize("html,visible", _big_cases())
def test_big_input(html: str, visible: tuple[str, ...]) -> None:
    assert len(html) >= 500_000
    H.check_hostile(H.Hostile(html, visible, "big"), limit=30)


def test_big_input_as_bytes_with_invalid_sequences() -> None:
    """5 MB of bytes in long paragraphs, UTF-8 and Latin-1 mixed, with invalid sequences. (The
    same 5 MB in 400,000 tiny paragraphs takes minutes: ~300 µs per block, see docs/fuzzing.md.)"""
    prose = "The council voted on Tuesday to rebuild the pier, and work starts in May. "
    chunk = (
        f"<p>qzb café {prose * 300}</p>".encode() + b"<p>\xff\xfe \xc3 qzc " + prose.encode() * 300 + b"</p>"
        + f"<p>Grüße {prose * 300}</p>".encode("latin-1")
    )
    data = chunk * (MB5 // len(chunk))
    H.check_hostile(H.Hostile(data, ("qzb", "qzc"), "5 MB of mixed bytes"), limit=30)
