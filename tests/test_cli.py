"""The ``segmenter`` command, run in-process on small synthetic pages."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

import segmenter
from segmenter.cli import main

PROSE = (
    "The town council voted on Tuesday to rebuild the harbour pier, which was badly damaged in the "
    "winter storms, at a cost that councillors described as high but unavoidable for the town."
)

PAGE = f"""<html lang="en"><head><title>Pier to be rebuilt | Example News</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article>
<h1>Pier to be rebuilt</h1>
<p class="byline">By Jane Doe</p>
<p>{PROSE}</p>
<figure><img src="/img/pier.jpg" alt="The pier"><figcaption>The old pier at dusk.</figcaption>
<span class="credit">Photo: J. Smith</span></figure>
<h2>Work starts in May</h2>
<p>Work is expected to start in May, after the busy holiday season ends, and should take a year. {PROSE}</p>
<ul><li>New decking made of hardwood.</li><li>A wider walkway for boats.</li></ul>
<p class="quote-box">Fishermen welcomed the decision, saying the pier was vital for their trade.</p>
<p>Read more: <a href="/news/lighthouse">Lighthouse reopens to visitors after repairs</a></p>
</article>
<footer><p>Copyright 2024 Example News. All rights reserved.</p></footer>
</body></html>"""

OTHER = f"""<html><head><title>Ferry timetable changes - Example News</title></head><body><main>
<h1>Ferry timetable changes</h1><p>{PROSE.replace("pier", "ferry")}</p>
</main></body></html>"""

URL = "https://news.example.com/pier"


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "pier.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


@pytest.fixture
def other(tmp_path: Path) -> Path:
    path = tmp_path / "ferry.html"
    path.write_text(OTHER, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# -- json ---------------------------------------------------------------------------------------


def test_json_is_the_default(capsys: pytest.CaptureFixture[str], page: Path) -> None:
    code, out, err = run(capsys, page, "--url", URL)
    assert code == 0 and err == ""
    d = json.loads(out)
    assert set(d) == {
        "schema_version",
        "url",
        "lang",
        "language",
        "title",
        "article",
        "captions",
        "related",
        "junk",
        "blocks",
        "warnings",
    }
    assert d["url"] == URL
    assert d["article"]["title"] == "Pier to be rebuilt"
    assert PROSE in d["article"]["text"]
    assert d["captions"][0]["image"]["src"] == "https://news.example.com/img/pier.jpg"
    assert d == segmenter.segment(PAGE.encode(), url=URL).to_dict()


def test_json_explain_adds_explanations(capsys: pytest.CaptureFixture[str], page: Path) -> None:
    code, out, _ = run(capsys, "--explain", page)
    assert code == 0
    d = json.loads(out)
    assert len(d["explanations"]) == len(d["blocks"])
    assert d["explanations"][0]["evidence"][0]["rule"]


def test_several_pages_give_an_array(capsys: pytest.CaptureFixture[str], page: Path, other: Path) -> None:
    code, out, _ = run(capsys, page, other)
    assert code == 0
    docs = json.loads(out)
    assert [d["article"]["title"] for d in docs] == ["Pier to be rebuilt", "Ferry timetable changes"]


def test_jsonl_prints_one_compact_object_per_line(
    capsys: pytest.CaptureFixture[str], page: Path, other: Path
) -> None:
    code, out, _ = run(capsys, "--jsonl", page, other)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["article"]["title"] for line in lines] == [
        "Pier to be rebuilt",
        "Ferry timetable changes",
    ]


def test_gzipped_page_is_decompressed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "pier.html.gz"
    path.write_bytes(gzip.compress(PAGE.encode("utf-8")))
    code, out, _ = run(capsys, path)
    assert code == 0
    assert json.loads(out)["article"]["title"] == "Pier to be rebuilt"


def test_output_file(capsys: pytest.CaptureFixture[str], page: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    code, out, _ = run(capsys, page, "-o", target)
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["article"]["title"] == "Pier to be rebuilt"


# -- text and markdown --------------------------------------------------------------------------


def test_text_format(capsys: pytest.CaptureFixture[str], page: Path) -> None:
    code, out, _ = run(capsys, "--format", "text", "--url", URL, page)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Pier to be rebuilt"
    assert PROSE in lines
    assert "Captions:" in lines
    assert "  - The old pier at dusk. (Photo: J. Smith)" in lines
    assert "Related:" in lines
    assert any(line.startswith("  - Lighthouse reopens") and URL.rsplit("/", 1)[0] in line for line in lines)
    assert "Copyright" not in out  # junk stays out
    assert "Blocks:" not in out


def test_markdown_format(capsys: pytest.CaptureFixture[str], page: Path) -> None:
    code, out, _ = run(capsys, "--format", "markdown", "--url", URL, page)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "# Pier to be rebuilt"
    assert PROSE in lines
    assert "## Work starts in May" in lines
    assert "- New decking made of hardwood." in lines
    assert "## Captions" in lines and "## Related" in lines
    assert (
        "- [Lighthouse reopens to visitors after repairs](https://news.example.com/news/lighthouse)" in lines
    )


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_explain_prints_every_block_with_rules(
    capsys: pytest.CaptureFixture[str], page: Path, fmt: str
) -> None:
    code, out, _ = run(capsys, "--format", fmt, "--explain", page)
    assert code == 0
    result = segmenter.segment(PAGE.encode())
    for block in result.blocks:
        assert f"#{block.index} {block.label.value} " in out
    for rule in ("semantic-containers", "main-region", "captions"):
        assert f" {rule}: " in out
    assert "+2.00" in out  # weights are printed


def test_no_article(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "nav.html"
    path.write_text('<html><body><nav><a href="/">Home</a></nav></body></html>')
    code, out, _ = run(capsys, "--format", "text", path)
    assert code == 0 and out.startswith("(no article)")
    code, out, _ = run(capsys, path)
    assert code == 0 and json.loads(out)["article"] is None


def test_no_article_shows_the_page_title(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "list.html"
    items = "".join(f'<li><a href="/s/{i}">Story {i} on the harbour works</a></li>' for i in range(12))
    path.write_text(f"<html><body><h1>Harbour news</h1><ul>{items}</ul></body></html>")
    code, out, _ = run(capsys, "--format", "text", path)
    assert code == 0 and out.startswith("Harbour news\n(no article)")
    code, out, _ = run(capsys, "--format", "markdown", path)
    assert code == 0 and out.startswith("# Harbour news\n\n_(no article)_")


# -- input --------------------------------------------------------------------------------------


def test_dash_reads_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(PAGE.encode("utf-8"))))
    code, out, err = run(capsys, "--format", "text", "-")
    assert code == 0 and err == ""
    assert out.splitlines()[0] == "Pier to be rebuilt"


def test_gzipped_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(gzip.compress(PAGE.encode()))))
    code, out, _ = run(capsys, "-")
    assert code == 0 and json.loads(out)["article"]["title"] == "Pier to be rebuilt"


def test_missing_file_is_reported_and_others_still_print(
    capsys: pytest.CaptureFixture[str], page: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "x.html"
    code, out, err = run(capsys, "--format", "text", missing, page)
    assert code == 1
    assert err.splitlines() == [f"segmenter: cannot read '{missing}': No such file or directory"]
    assert "Pier to be rebuilt" in out


def test_unreadable_inputs_never_raise(
    capsys: pytest.CaptureFixture[str], page: Path, tmp_path: Path
) -> None:
    bad_gz = tmp_path / "bad.html.gz"
    bad_gz.write_bytes(gzip.compress(PAGE.encode())[:40])
    code, out, err = run(capsys, tmp_path, bad_gz, page)
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"segmenter: cannot read '{tmp_path}': ")
    assert lines[1].startswith(f"segmenter: cannot read '{bad_gz}': corrupt gzip data")
    assert len(json.loads(out)) == 1  # an array: several PAGE arguments


def test_odd_bytes_are_segmented_quietly(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.html"
    binary.write_bytes(bytes(range(256)) * 4)
    code, out, err = run(capsys, "--jsonl", empty, binary)
    assert code == 0 and err == ""
    assert len(out.splitlines()) == 2


# -- usage errors -------------------------------------------------------------------------------


def test_url_with_several_pages_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], page: Path, other: Path
) -> None:
    code, out, err = run(capsys, "--url", URL, page, other)
    assert code == 2 and out == ""
    assert "--url" in err and "usage:" in err


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--format", "yaml", "p.html"],
        ["--jsonl", "--format", "text", "p.html"],
        ["-", "-"],
        ["--rules", "no-colon", "p.html"],
        ["--rules", "segmenter_no_such_module:Rule", "p.html"],
        ["--rules", "segmenter:NoSuchRule", "p.html"],
        ["--rules", "segmenter:Page", "p.html"],
    ],
)
def test_usage_errors(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert "Traceback" not in err
    assert err.splitlines()[-1].startswith("segmenter: error: ")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"segmenter {segmenter.__version__}"


def test_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "usage: segmenter" in out and "examples:" in out


# -- rules --------------------------------------------------------------------------------------


def _label_of(out: str, text: str) -> str:
    d = json.loads(out)
    return next(b["label"] for b in d["blocks"] if b["text"].startswith(text))


def test_site_rules_change_a_label(capsys: pytest.CaptureFixture[str], page: Path, tmp_path: Path) -> None:
    code, out, _ = run(capsys, page, "--url", URL)
    assert code == 0 and _label_of(out, "Fishermen welcomed") == "body"
    rules = tmp_path / "sites.json"
    rules.write_text(
        json.dumps(
            [
                {
                    "domain": "example.com",
                    "selector": ".quote-box",
                    "label": "junk",
                    "weight": 50,
                    "kind": "promo",
                }
            ]
        )
    )
    code, out, err = run(capsys, page, "--url", URL, "--site-rules", rules)
    assert code == 0 and err == ""
    assert _label_of(out, "Fishermen welcomed") == "junk"
    block = next(b for b in json.loads(out)["blocks"] if b["text"].startswith("Fishermen"))
    assert block["kind"] == "promo"


def test_site_rules_need_a_url(capsys: pytest.CaptureFixture[str], page: Path, tmp_path: Path) -> None:
    rules = tmp_path / "sites.json"
    rules.write_text(json.dumps([{"domain": "example.com", "selector": ".quote-box", "label": "junk"}]))
    code, _, err = run(capsys, page, "--site-rules", rules)
    assert code == 0
    assert "warning" in err and "--url" in err


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        '{"domain": "example.com"}',
        '[{"domain": "example.com", "selector": ".x"}]',
        '[{"domain": "example.com", "selector": ".x", "label": "sidebar"}]',
        '[{"domain": "example.com", "selector": ".x", "label": "junk", "colour": "red"}]',
    ],
)
def test_bad_site_rules_are_usage_errors(
    capsys: pytest.CaptureFixture[str], page: Path, tmp_path: Path, content: str
) -> None:
    rules = tmp_path / "sites.json"
    rules.write_text(content)
    code, out, err = run(capsys, page, "--site-rules", rules)
    assert code == 2 and out == ""
    assert err.splitlines()[-1].startswith("segmenter: error: --site-rules")


RULE_MODULE = """
from segmenter import Label, Rule


class QuoteIsJunk(Rule):
    name = "quote-is-junk"
    requires = frozenset({"text"})
    emits = frozenset({Label.JUNK})

    def evaluate(self, block, page):
        if block.text.startswith("Fishermen"):
            yield self.vote(Label.JUNK, 50.0, "a test rule", final=True)


def factory():
    return [QuoteIsJunk()]
"""


@pytest.mark.parametrize("attr", ["QuoteIsJunk", "factory"])
def test_rules_plugin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, page: Path, tmp_path: Path, attr: str
) -> None:
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "segmenter_test_plugin.py").write_text(RULE_MODULE)
    monkeypatch.syspath_prepend(str(plugins))
    monkeypatch.delitem(sys.modules, "segmenter_test_plugin", raising=False)
    code, out, err = run(
        capsys, page, "--rules", f"segmenter_test_plugin:{attr}", "--format", "text", "--explain"
    )
    assert code == 0 and err == ""
    assert "quote-is-junk: a test rule" in out
    assert "Fishermen welcomed" not in out.split("Blocks:")[0]


def test_python_dash_m(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import runpy

    monkeypatch.setattr(sys, "argv", ["segmenter", "--version"])
    with pytest.raises(SystemExit) as exc:
        runpy.run_module("segmenter", run_name="__main__")
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("segmenter ")
