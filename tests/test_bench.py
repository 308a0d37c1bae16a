"""The benchmark runner on a tiny temporary corpus with a fake extractor (no shared corpora, no trafilatura)."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from segmenter import bench
from segmenter.metrics import Caption, Card, Prediction

P1_TEXT = "The council voted to rebuild the pier.\n\nWork starts in May after the season."
P2_GOLD = "Alpha beta gamma delta epsilon."
P2_PRED = "Alpha beta gamma delta epsilon.\n\nShare this story with friends"

# corpus P = mean(1, 2/7) (p3 failed: no precision), R = mean(1, 1, 0)
EXPECTED_P = (1 + 2 / 7) / 2
EXPECTED_R = 2 / 3
EXPECTED_F1 = 2 * EXPECTED_P * EXPECTED_R / (EXPECTED_P + EXPECTED_R)


def _write_corpus(root: Path) -> Path:
    corpus = root / "tiny"
    (corpus / "pages").mkdir(parents=True)
    (corpus / "gold").mkdir()
    (corpus / "pages" / "p1.html.gz").write_bytes(gzip.compress(b"<html><body><p>PAGE-1</p></body></html>"))
    (corpus / "pages" / "p2.html").write_bytes(b"<html><body><p>PAGE-2</p></body></html>")
    (corpus / "pages" / "p3.html").write_bytes(b"<html><body><p>PAGE-3</p></body></html>")
    golds: dict[str, dict[str, Any]] = {
        "p1": {
            "url": "https://example.com/p1",
            "article": {"title": "Pier vote", "text": P1_TEXT},
            "captions": [{"text": "The old pier at dusk", "credit": "Photo: J. Doe"}],
            "related": [
                {"title": "Lobster landings hit a low", "source": "Herald", "age": "3 hours ago", "url": "/a"}
            ],
            "must_include": ["voted to rebuild"],
            "must_exclude": ["Share this"],
        },
        "p2": {
            "url": None,
            "article": {"title": None, "text": P2_GOLD},
            "captions": [],
            "related": None,
            "must_exclude": ["Share this"],
        },
        "p3": {
            "url": None,
            "article": {"title": "Third", "text": "Some text here for page three"},
            "captions": None,
            "related": None,
        },
        "orphan": {"url": None, "article": None, "captions": None, "related": None},
    }
    for page_id, gold in golds.items():
        (corpus / "gold" / f"{page_id}.json").write_text(json.dumps(dict(gold, id=page_id, corpus="tiny")))
    return corpus


def fake_extractor(data: bytes, url: str | None) -> Prediction:
    if b"PAGE-1" in data:
        assert url == "https://example.com/p1"
        return Prediction(
            title="Pier vote",
            text=P1_TEXT,
            captions=(Caption("The old pier at dusk", "Photo: J. Doe"),),
            related=(Card("Lobster landings hit a low", source="Herald", age="3 hrs ago"),),
        )
    if b"PAGE-2" in data:
        return Prediction(title=None, text=P2_PRED)
    raise RuntimeError("boom")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    return _write_corpus(tmp_path)


def _table_lines(out: str, first_word: str) -> list[str]:
    """The header line starting with ``first_word`` and the rows up to the next section."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(first_word))
    block = []
    for line in lines[start:]:
        if not line or line.startswith(("--", "==")):
            break
        block.append(line)
    return block


def test_main_table_json_and_worst(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_json = tmp_path / "out.json"
    rc = bench.main(
        [str(corpus), "--no-peers", "--json", str(out_json), "--worst", "2"],
        extractor=fake_extractor,
    )
    captured = capsys.readouterr()
    assert rc == 1  # the tool under test failed on p3
    assert "segmenter: page p3 failed: RuntimeError: boom" in captured.err
    assert "no page file for gold orphan" in captured.err

    out = captured.out
    assert out.startswith("== tiny (3 pages, 2 with title;")
    main_table = _table_lines(out, "tool ")
    assert main_table[0].split() == [
        "tool", "pages", "fail", "P", "R", "F1", "bag", "F1", "title",
        "snip", "P", "snip", "R", "snip", "F1", "junk", "ms/page", "x", "lxml",
    ]  # fmt: skip
    assert len({len(line) for line in main_table}) == 1  # aligned columns
    seg = main_table[1].split()
    assert seg[:8] == ["segmenter", "3", "1", f"{EXPECTED_P:.3f}", f"{EXPECTED_R:.3f}", f"{EXPECTED_F1:.3f}",
                       f"{(1 + 2 * 5 / 15 + 0) / 3:.3f}", "0.500"]  # fmt: skip
    # snippets: tp 1 (p1), fp 1 (p2 "Share this"), tn 1 (p1): P 0.5, R 1, F1 2/3, junk 1/2
    assert seg[8:12] == ["0.500", "1.000", "0.667", "0.500"]
    assert main_table[2].split()[:3] == ["lxml", "parse", "3"]
    assert main_table[2].split()[-1] == "1.00"

    assert "-- captions (2 pages labeled;" in out
    cap = _table_lines(out.split("-- captions")[1], "tool ")
    assert cap[0].split() == ["tool", "P", "R", "F1", "credit", "leak", "leak*"]
    assert cap[1].split() == ["segmenter", "1.000", "1.000", "1.000", "1.000", "0.000", "0.000"]
    assert "-- related cards (1 pages labeled)" in out
    rel = _table_lines(out.split("-- related cards")[1], "tool ")
    assert rel[1].split() == ["segmenter", "1.000", "1.000", "1.000", "1.000", "1.000"]

    worst = out.split("-- worst 2 pages by segmenter shingle F1\n")[1].splitlines()
    assert worst[0].startswith("p3  P -  R 0.000  F1 0.000  FAILED: RuntimeError: boom")
    assert worst[1] == "    - Some text here for page three"
    assert worst[2] == "p2  P 0.286  R 1.000  F1 0.444"
    assert worst[3] == "    + Share this story with friends"

    doc = json.loads(out_json.read_text())
    assert doc["tools"] == ["segmenter", "lxml parse"]
    tools = doc["corpora"]["tiny"]["tools"]
    summary = tools["segmenter"]["summary"]
    assert summary["pages"] == 3 and summary["failures"] == 1
    assert summary["shingle_precision"] == pytest.approx(EXPECTED_P)
    assert summary["shingle_recall"] == pytest.approx(EXPECTED_R)
    assert summary["shingle_f1"] == pytest.approx(EXPECTED_F1)
    assert summary["snippet_counts"] == {"tp": 1, "fn": 0, "fp": 1, "tn": 1}
    assert summary["caption_counts"]["tp"] == 1 and summary["related_counts"]["age_hits"] == 1
    pages = tools["segmenter"]["pages"]
    assert [p["id"] for p in pages] == ["p1", "p2", "p3"]
    assert pages[1]["shingle_precision"] == pytest.approx(2 / 7)
    assert pages[2]["failed"] is True and pages[2]["ms"] >= 0
    assert tools["segmenter"]["errors"] == {"p3": "RuntimeError: boom"}
    assert [p["id"] for p in tools["lxml parse"]["pages"]] == ["p1", "p2", "p3"]
    assert tools["lxml parse"]["ratio_to_lxml"] == 1.0


def test_ids_and_limit(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main([str(corpus), "--no-peers", "--ids", "p2,p1"], extractor=fake_extractor) == 0
    out = capsys.readouterr().out
    assert out.startswith("== tiny (2 pages, 1 with title;")
    assert _table_lines(out, "tool ")[1].split()[:3] == ["segmenter", "2", "0"]

    assert bench.main([str(corpus), "--no-peers", "--limit", "1"], extractor=fake_extractor) == 0
    out = capsys.readouterr().out
    seg = _table_lines(out, "tool ")[1].split()
    assert seg[:6] == ["segmenter", "1", "0", "1.000", "1.000", "1.000"]
    assert "-- related cards (1 pages labeled)" in out


def test_missing_corpus_is_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no-such-corpus"
    assert bench.main([str(missing), "--no-peers"], extractor=fake_extractor) == 0
    captured = capsys.readouterr()
    assert f"skipping {missing}: not found" in captured.err
    assert captured.out == ""


def test_folder_that_is_not_a_corpus_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main([str(tmp_path), "--no-peers"], extractor=fake_extractor) == 1
    assert "not a corpus" in capsys.readouterr().err


def test_run_with_several_tools(corpus: Path) -> None:
    def nothing(data: bytes, url: str | None) -> Prediction:
        return Prediction()

    out, err = io.StringIO(), io.StringIO()
    tools = [bench.Tool("fake", fake_extractor), bench.Tool("empty", nothing), bench.lxml_tool()]
    assert bench.run([corpus], tools, ids=["p1", "p2"], out=out, err=err) == 0
    table = _table_lines(out.getvalue(), "tool ")
    assert [line.split()[0] for line in table] == ["tool", "fake", "empty", "lxml"]
    # nothing predicted: precision undefined, recall 0, so no F1 either
    assert table[2].split()[1:6] == ["2", "0", "-", "0.000", "-"]
    assert err.getvalue() == ""


def test_missing_trafilatura_prints_note(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(bench, "trafilatura_tool", lambda: None)
    assert bench.main([str(corpus), "--ids", "p1"], extractor=fake_extractor) == 0
    captured = capsys.readouterr()
    assert "trafilatura is not installed" in captured.err
    assert "trafilatura" not in captured.out


def test_as_text_needs_render_and_segment_text(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_module = SimpleNamespace(segment=lambda data, url=None: None)
    monkeypatch.setitem(sys.modules, "segmenter", fake_module)
    assert bench.main([str(corpus), "--no-peers", "--as-text"]) == 2
    err = capsys.readouterr().err
    assert "--as-text needs segmenter.render_text() and segmenter.segment_text()" in err


def test_default_extractor_adapts_segmentation(monkeypatch: pytest.MonkeyPatch) -> None:
    seg = SimpleNamespace(
        article=SimpleNamespace(title="T", text="Body text"),
        captions=[SimpleNamespace(text="Cap", credit=None)],
        related=[SimpleNamespace(title="Other", url="/o", source="S", age_text="1h ago")],
    )
    calls: list[tuple[bytes, str | None]] = []

    def segment(data: bytes, url: str | None = None) -> Any:
        calls.append((data, url))
        return seg

    monkeypatch.setitem(sys.modules, "segmenter", SimpleNamespace(segment=segment))
    tool = bench.segmenter_tool()
    pred = tool.extract(b"<p>x</p>", "https://e.com/")
    assert calls == [(b"<p>x</p>", "https://e.com/")]
    assert pred == Prediction(
        title="T", text="Body text", captions=(Caption("Cap"),), related=(Card("Other", "S", "1h ago", "/o"),)
    )
    no_article = SimpleNamespace(article=None, captions=(), related=())
    assert bench.prediction_from_segmentation(no_article) == Prediction()
    labelled = SimpleNamespace(
        article=None, related=(), captions=[SimpleNamespace(text="Cap", credit="J. Doe", credit_label="Photo:")]
    )
    assert bench.prediction_from_segmentation(labelled).captions == (Caption("Cap", "J. Doe", "Photo:"),)


def test_worst_diff_handles_short_paragraphs_and_duplicates() -> None:
    gold_pars = ["Short head", "This paragraph went missing entirely", "Kept paragraph with four words"]
    pred = "Intro text.\n\nShort head\n\nKept paragraph with four words"
    assert bench._uncovered(gold_pars, pred) == ["This paragraph went missing entirely"]
    assert bench._uncovered(["Related", "Related", "x y"], "", limit=3) == ["Related", "x y"]


TXT = "Menü\n\nDer Text des Artikels über Bäume."


def test_plain_text_pages_go_to_the_text_extractor(tmp_path: Path) -> None:
    corpus = tmp_path / "dumps"
    (corpus / "pages").mkdir(parents=True)
    (corpus / "gold").mkdir()
    (corpus / "pages" / "t1.txt.gz").write_bytes(gzip.compress(TXT.encode()))
    gold = {"id": "t1", "url": None, "article": {"title": None, "text": "Der Text des Artikels über Bäume."}}
    (corpus / "gold" / "t1.json").write_text(json.dumps(dict(gold, captions=None, related=None)))
    seen: list[bytes] = []

    def html_only(data: bytes, url: str | None) -> Prediction:
        raise AssertionError("HTML extractor called for a text page")

    def text_only(data: bytes, url: str | None) -> Prediction:
        seen.append(data)
        return Prediction(text=data.decode().split("\n\n")[1])

    out, err = io.StringIO(), io.StringIO()
    tools = [bench.Tool("seg", html_only, text_only), bench.Tool("html-only", html_only)]
    assert bench.run([corpus], tools, out=out, err=err) == 0
    assert seen == [TXT.encode()]
    rows = _table_lines(out.getvalue(), "tool ")
    assert rows[1].split()[:6] == ["seg", "1", "0", "1.000", "1.000", "1.000"]
    assert rows[2].split()[:3] == ["html-only", "1", "1"]
    assert "html-only: page t1 failed: BenchError: plain-text pages not supported" in err.getvalue()


# ---------------------------------------------------------------------------------------------
# --scaling

SCALING_PAGE = (
    b"<html><head><title>Scaling</title></head><body>"
    + b"<p>A paragraph of ordinary prose, with a comma, for the scaling run of the bench.</p>" * 5
    + b"</body></html>"
)


def _scaling_rows(out: str) -> list[list[str]]:
    """The rows of the scaling table (the lines after its header that start with ``<n>x``)."""
    rows = [line.split() for line in _table_lines(out, "copies")[1:]]
    return [r for r in rows if r[0].endswith("x") and r[0][:-1].isdigit()]


def test_scaling_table_on_a_tiny_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "tiny.html"
    page.write_bytes(SCALING_PAGE)
    out_json = tmp_path / "scaling.json"
    argv = ["--scaling", "--scaling-page", str(page), "--scaling-max-mb", "0.004", "--scaling-repeat", "1"]
    assert bench.main([*argv, "--json", str(out_json)]) == 0
    out = capsys.readouterr().out
    body = len(bench.split_body(SCALING_PAGE)[1])
    want = [k for k in (1, 2, 4, 8, 16, 32, 64) if len(SCALING_PAGE) + (k - 1) * body <= 4000]
    assert want == [1, 2, 4, 8]
    rows = _scaling_rows(out)
    assert _table_lines(out, "copies")[0].split() == ["copies", "MB", "ms", "peak", "MB", "ms/MB"]
    assert [r[0] for r in rows] == [f"{k}x" for k in want]
    sizes = [float(r[1]) for r in rows]
    assert sizes == sorted(sizes) and all(float(r[2]) > 0 and float(r[3]) > 0 for r in rows)
    assert abs(sizes[-1] - len(bench.replicate_body(SCALING_PAGE, 8)) / 1e6) < 0.001
    exponents = {line.split(":")[0]: line.split(":")[1].split()[0] for line in out.splitlines() if "exponent:" in line}
    assert set(exponents) == {"time exponent", "memory exponent"}
    assert all(float(v) > 0 for v in exponents.values())
    doc = json.loads(out_json.read_text())["scaling"]
    assert [r["copies"] for r in doc["rows"]] == want and doc["time_exponent"] is not None


def test_scaling_defaults_to_64x_of_the_first_corpus_page(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    calls: list[tuple[int, str | None]] = []

    def counting(data: bytes, url: str | None) -> Prediction:
        calls.append((data.count(b"PAGE-1"), url))
        return Prediction()

    assert bench.main(["--scaling", str(corpus), "--scaling-repeat", "2"], extractor=counting) == 0
    out = capsys.readouterr().out
    assert out.startswith("== scaling: tiny/p1")
    assert [r[0] for r in _scaling_rows(out)] == ["1x", "2x", "4x", "8x", "16x", "32x", "64x"]
    # two timed runs and one traced run per size, all of the first page (p1.html.gz) with its URL
    assert [n for n, _ in calls] == [k for k in (1, 2, 4, 8, 16, 32, 64) for _ in range(3)]
    assert {u for _, u in calls} == {"https://example.com/p1"}
    assert "time exponent:" in out and "memory exponent:" in out


def test_scaling_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--scaling", "--scaling-page", str(tmp_path / "missing.html")]) == 1
    assert "error:" in capsys.readouterr().err

    def boom(data: bytes, url: str | None) -> Prediction:
        raise RuntimeError("boom")

    page = tmp_path / "p.html"
    page.write_bytes(SCALING_PAGE)
    assert bench.main(["--scaling", "--scaling-page", str(page)], extractor=boom) == 1
    assert "RuntimeError: boom" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        bench.main(["--scaling"])
    assert exc.value.code == 2
    assert bench.main(["--scaling", "--scaling-page", str(page), "--scaling-repeat", "0"]) == 2


def test_replicate_body_and_fit_exponent() -> None:
    page = b"<html><head><title>t</title></head><BODY class=x><p>a</p>\n</body></html>"
    assert bench.replicate_body(page, 3) == (
        b"<html><head><title>t</title></head><BODY class=x>" + b"<p>a</p>\n" * 3 + b"</body></html>"
    )
    assert bench.replicate_body(b"<p>no body</p>", 2) == b"<p>no body</p><p>no body</p>"
    assert bench.replicate_body(b"<body><p>x</p>", 2) == b"<body><p>x</p><p>x</p>"
    assert bench.fit_exponent([1, 2, 4, 8], [3, 12, 48, 192]) == pytest.approx(2.0)
    assert bench.fit_exponent([1, 10, 100], [5, 50, 500]) == pytest.approx(1.0)
    assert bench.fit_exponent([1], [1]) is None
    assert bench.fit_exponent([2, 2], [1, 3]) is None
    assert bench.scaling_factors(1000, 900, None) == [1, 2, 4, 8, 16, 32, 64]
    assert bench.scaling_factors(1000, 900, 0.0005) == [1]
    assert bench.scaling_factors(1000, 1000, 0.004) == [1, 2, 4]


def test_union_table_over_several_corpora(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = _write_corpus(tmp_path / "a")
    second = _write_corpus(tmp_path / "b")
    bench.main([str(first), str(second), "--no-peers"], extractor=fake_extractor)
    out = capsys.readouterr().out
    assert "== union of " in out
    union = out[out.index("== union of ") :]
    row = _table_lines(union, "segmenter")[0].split()
    # the same pages twice: the union's macro means are the single corpus's
    assert row[:6] == ["segmenter", "6", "2", f"{EXPECTED_P:.3f}", f"{EXPECTED_R:.3f}", f"{EXPECTED_F1:.3f}"]


def test_no_union_table_for_one_corpus(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bench.main([str(corpus), "--no-peers"], extractor=fake_extractor)
    assert "union" not in capsys.readouterr().out
