"""The public API: inputs, outputs, the rule registry, site rules, explanations."""

from __future__ import annotations

import dataclasses
import pickle
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree

import segmenter
from segmenter import JunkKind, Label, Rule, RuleError, RuleSet, Segmenter, SiteRule
from segmenter.testing import make_features, make_page

ROOT = Path(__file__).resolve().parent.parent

PARA = (
    "The harbour authority said on Monday that the new ferry terminal would open in the spring, "
    "after two years of delays caused by the rising cost of steel and a shortage of workers."
)
PAGE = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Ferry terminal to open in spring | Coast News</title>
<meta property="og:title" content="Ferry terminal to open in spring"></head>
<body>
<nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Ferry terminal to open in spring</h1>
<p class="byline">By Jane Example</p>
<div class="story-body">
<p>{PARA}</p>
<figure><img src="/img/ferry.jpg" alt="ferry"><figcaption>The terminal under construction.</figcaption></figure>
<p>{PARA.replace("Monday", "Tuesday")}</p>
<h2>What comes next</h2>
<p>{PARA.replace("harbour", "port")}</p>
</div>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
</article>
<footer class="site-footer"><p>© 2024 Coast News. All rights reserved.</p></footer>
</body></html>"""


def test_segment_str_and_bytes_agree():
    a = segmenter.segment(PAGE)
    b = segmenter.segment(PAGE.encode("utf-8"))
    assert a.to_dict() == b.to_dict()
    assert a.article is not None
    assert a.article.title == "Ferry terminal to open in spring"
    assert a.article.text.split("\n\n") == [
        PARA,
        PARA.replace("Monday", "Tuesday"),
        "What comes next",
        PARA.replace("harbour", "port"),
    ]
    kinds = [p.kind for p in a.article.paragraphs]
    assert kinds[2] is segmenter.ParagraphKind.HEADING
    assert a.article.byline == "By Jane Example"


def test_captions_and_junk_are_kept_out_of_the_body():
    r = segmenter.segment(PAGE, url="https://coast.example.com/news/ferry")
    assert [c.text for c in r.captions] == ["The terminal under construction."]
    assert r.captions[0].image is not None
    assert r.captions[0].image.src == "https://coast.example.com/img/ferry.jpg"
    assert "Share on Facebook" not in r.article.text
    junk_kinds = {j.text: j.kind for j in r.junk}
    assert junk_kinds["Home"] is JunkKind.NAVIGATION
    assert junk_kinds["© 2024 Coast News. All rights reserved."] in (JunkKind.FOOTER, JunkKind.LEGAL)


def test_segment_accepts_lxml_and_beautifulsoup():
    expected = segmenter.segment(PAGE).article.text
    tree = etree.fromstring(PAGE.encode(), etree.HTMLParser())
    assert segmenter.segment(tree).article.text == expected
    assert segmenter.segment(tree.getroottree()).article.text == expected
    assert segmenter.segment(BeautifulSoup(PAGE, "html.parser")).article.text == expected


@pytest.mark.parametrize("bad", [None, 42, 3.5, ["<p>x</p>"], object()])
def test_wrong_types_raise_type_error(bad):
    with pytest.raises(TypeError, match="str or bytes"):
        segmenter.segment(bad)


def test_now_must_be_aware():
    with pytest.raises(TypeError, match="aware"):
        segmenter.segment(PAGE, now=datetime(2024, 1, 1))
    segmenter.segment(PAGE, now=datetime(2024, 1, 1, tzinfo=timezone.utc))


def test_empty_pages_give_empty_results():
    for page in ("", b"", "   ", b"  \n", "<html></html>"):
        r = segmenter.segment(page)
        assert r.article is None and r.blocks == ()


def test_nul_characters_are_kept_visible_and_reported():
    r = segmenter.segment("<p>a\x00b</p>")
    assert [b.text for b in r.blocks] == ["a\ufffdb"]
    assert any("NUL" in w for w in r.warnings)


def test_blocks_partition_and_explain():
    r = segmenter.segment(PAGE)
    assert [b.index for b in r.blocks] == list(range(len(r.blocks)))
    for b in r.blocks:
        assert isinstance(b.label, Label)
        assert b.xpath.startswith("/html")
        exp = r.explain(b)
        assert exp.label is b.label
        assert exp.evidence, f"block {b.index} has no evidence"
    title = next(b for b in r.blocks if b.label is Label.TITLE)
    text = str(r.explain(title))
    assert "title" in text and "og:title" in text or "title metadata" in text
    with pytest.raises(IndexError):
        r.explain(len(r.blocks))


def test_xpath_points_at_the_block_element():
    r = segmenter.segment(PAGE)
    tree = etree.fromstring(PAGE.encode(), etree.HTMLParser())
    for b in r.blocks:
        found = tree.getroottree().xpath(b.xpath)
        assert len(found) == 1, b.xpath
        assert b.text.split()[0] in " ".join(found[0].itertext())


def test_to_json_round_trips():
    import json

    r = segmenter.segment(PAGE)
    d = json.loads(r.to_json())
    assert d["article"]["title"] == r.article.title
    assert len(d["blocks"]) == len(r.blocks)
    d2 = json.loads(r.to_json(explain=True))
    assert len(d2["explanations"]) == len(r.blocks)


def test_segmenter_is_picklable_and_options_are_checked():
    seg = Segmenter(min_article_chars=50)
    clone = pickle.loads(pickle.dumps(seg))
    assert clone.segment(PAGE).to_dict() == seg.segment(PAGE).to_dict()
    with pytest.raises(TypeError, match="known options"):
        Segmenter(no_such_option=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        seg.options.min_article_chars = 3  # type: ignore[misc]


def test_keep_evidence_off_saves_explanations():
    r = Segmenter(keep_evidence=False).segment(PAGE)
    assert r.explain(0).evidence == ()


def test_list_page_has_no_article():
    items = "".join(
        f'<li class="teaser"><a href="/s/{i}">Council story number {i} about the bridge</a></li>' for i in range(12)
    )
    r = segmenter.segment(f"<html><body><nav><a href='/'>Home</a></nav><ul>{items}</ul></body></html>")
    assert r.article is None


# -- the registry -----------------------------------------------------------------------


class Nothing(Rule):
    name = "nothing"
    priority = 450
    requires = frozenset({"text"})
    emits = frozenset({Label.JUNK})

    def evaluate(self, block, page):
        return ()


def test_default_rules_are_in_priority_order_with_gaps():
    rules = RuleSet.default()
    prios = [rules.priority_of(n) for n in rules.names()]
    assert prios == sorted(prios)
    assert len(set(prios)) == len(prios)


def test_register_deregister_replace():
    rules = RuleSet.default()
    rules.register(Nothing())
    names = rules.names()
    assert names.index("link-density") < names.index("nothing") < names.index("prose")
    with pytest.raises(RuleError, match="already registered"):
        rules.register(Nothing())
    assert isinstance(rules.deregister("nothing"), Nothing)
    with pytest.raises(KeyError, match="no rule named"):
        rules.deregister("nothing")
    assert rules.deregister("nothing", strict=False) is None
    rules.replace("prose", Nothing())
    assert "prose" not in rules and rules.priority_of("nothing") == 500


def test_before_and_after_placement():
    rules = RuleSet.default()
    rules.register(Nothing(), before="title")
    assert rules.names()[0] == "nothing"
    rules.deregister("nothing")
    rules.register(Nothing(), after="captions")
    names = rules.names()
    assert names[names.index("captions") + 1] == "nothing"
    rules.deregister("nothing")
    with pytest.raises(RuleError, match="unknown rule"):
        rules.register(Nothing(), before="no-such-rule")


def test_validation_names_the_rule():
    class BadFeature(Nothing):
        name = "bad-feature"
        requires = frozenset({"no_such_feature"})

    class BadLabel(Nothing):
        name = "bad-label"
        emits = frozenset({"body"})  # a string, not a Label

    class NoEvaluate(Rule):
        name = "no-evaluate"

    for cls, msg in ((BadFeature, "unknown feature"), (BadLabel, "unknown label"), (NoEvaluate, "evaluate")):
        with pytest.raises(RuleError, match=msg) as info:
            RuleSet().register(cls())
        assert cls.name in str(info.value)
    with pytest.raises(RuleError, match="Rule instance"):
        RuleSet().register(Nothing)  # type: ignore[arg-type]


def test_a_rule_that_emits_nothing_changes_nothing():
    rules = RuleSet.default()
    rules.register(Nothing())
    assert Segmenter(rules).segment(PAGE).to_dict() == segmenter.segment(PAGE).to_dict()


def test_entry_points(monkeypatch):
    class EP:
        name = "third-party"

        def load(self):
            return Nothing

    import importlib.metadata as md

    monkeypatch.setattr(md, "entry_points", lambda group: [EP()] if group == "segmenter.rules" else [])
    rules = RuleSet.from_entry_points()
    assert "nothing" in rules and "title" in rules


# -- site rules ---------------------------------------------------------------------------


def test_site_rule_applies_only_on_its_domain_and_explains_itself():
    rule = SiteRule.from_dict(
        {"domain": "coast.example.com", "selector": "div.story-body > h2", "label": "junk", "weight": 20, "kind": "promo"}
    )
    rules = RuleSet.default()
    rules.register(rule)
    seg = Segmenter(rules)
    on = seg.segment(PAGE, url="https://www.coast.example.com/a")
    assert "What comes next" not in on.article.text
    block = next(b for b in on.blocks if b.text == "What comes next")
    assert block.kind is JunkKind.PROMO
    assert any(e.rule == rule.name for e in on.explain(block).evidence)
    off = seg.segment(PAGE, url="https://other.example.org/a")
    assert "What comes next" in off.article.text


def test_site_rule_xpath_and_errors():
    rule = SiteRule(domain="coast.example.com", selector="//footer//p", label=Label.BODY, weight=1)
    assert rule.selector == "//footer//p"
    with pytest.raises(RuleError, match="unknown label"):
        SiteRule(domain="a.com", selector="p", label="nonsense")
    with pytest.raises(RuleError, match="unknown key"):
        SiteRule.from_dict({"domain": "a.com", "selector": "p", "label": "junk", "colour": "red"})
    with pytest.raises(segmenter.SelectorError):
        SiteRule(domain="a.com", selector="p:hover::before ~~", label="junk")


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        ("div.promo", 1),
        ("#main p", 2),
        ("article > p", 1),
        ("p[data-x='1'], span", 2),
        ("[class*=pro]", 1),
    ],
)
def test_css_subset(css, expected):
    from segmenter.selectors import compile_selector

    html = "<html><body><div id='main'><div class='promo big'><p>a</p></div><article><p data-x='1'>b</p></article><span>c</span></div></body></html>"
    root = etree.fromstring(html, etree.HTMLParser())
    assert len(compile_selector(css)(root)) == expected


# -- the README example -------------------------------------------------------------------


def test_readme_custom_rule_example_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- example: custom-rule -->\s*```python\n(.*?)```", readme, re.S)
    assert m, "README lost its custom-rule example"
    code = m.group(1)
    assert len(code.strip().splitlines()) <= 22
    html = PAGE.replace("<p>© 2024", "<p>Sponsored: buy a boat today<p>© 2024")
    ns: dict[str, object] = {"html": html}
    exec(compile(code, "README.md", "exec"), ns)
    result = ns["result"]
    block = next(b for b in result.blocks if b.text.startswith("Sponsored"))
    assert block.kind is JunkKind.ADVERTISING
    assert any(e.rule == "sponsored-lines" for e in result.explain(block).evidence)


# -- size and depth -------------------------------------------------------------------------


def test_five_megabyte_page():
    body = "".join(f"<div class='item'><p>{PARA} ({i})</p></div>" for i in range(24000))
    page = f"<html><body><h1>Big</h1>{body}</body></html>"
    assert len(page) > 5_000_000
    r = segmenter.segment(page)
    assert len(r.blocks) > 24000


@pytest.mark.parametrize("depth", [10_000, 100_000])
def test_deeply_nested_page(depth):
    page = "<html><body>" + "<div>" * depth + f"<p>{PARA}</p>" + "</div>" * depth + "<p>after</p></body></html>"
    r = segmenter.segment(page)
    texts = [b.text for b in r.blocks]
    assert PARA in texts and "after" in texts
    assert any("flattened" in w for w in r.warnings)


def test_testing_helpers_reject_unknown_features():
    with pytest.raises(TypeError, match="unknown feature"):
        make_features("x", colour="red")
    page = make_page([make_features("a"), make_features("b")])
    assert [b.index for b in page.blocks] == [0, 1]


# -- limits and user patterns (hostile input) -------------------------------------------------

LONG_PAGE = "<html><body>" + "".join(f"<p>Paragraph {i} of a long page, with words.</p>" for i in range(3000)) + "</body></html>"


@pytest.mark.parametrize(
    ("options", "says"),
    [({"max_nodes": 200}, "max_nodes=200"), ({"max_bytes": 5000}, "max_bytes=5000"), ({"time_budget": 0.0}, "time_budget")],
)
def test_limits_give_a_partial_result_that_says_so(options, says):
    full = segmenter.segment(LONG_PAGE)
    r = Segmenter(**options).segment(LONG_PAGE)
    assert any(says in w for w in r.warnings), r.warnings
    assert len(r.blocks) < len(full.blocks) or all(b.label is Label.JUNK for b in r.blocks)
    for b in r.blocks:  # what is there is real text of the page, in order (the last may be cut)
        assert full.blocks[b.index].text.startswith(b.text)


def test_no_limit_no_warning():
    assert segmenter.segment(LONG_PAGE).warnings == ()


def test_site_rule_text_patterns_run_with_a_timeout():
    rule = SiteRule(domain="coast.example.com", pattern=r"^What comes", label="junk", weight=20)
    rules = RuleSet.default()
    rules.register(rule)
    r = Segmenter(rules).segment(PAGE, url="https://coast.example.com/a")
    assert "What comes next" not in r.article.text
    evil = SiteRule(domain="coast.example.com", pattern=r"(a+)+$", label="junk", weight=20, pattern_timeout=0.01)
    rules = RuleSet.default()
    rules.register(evil)
    page = "<html><body><p>" + "a" * 40 + "!</p></body></html>"
    r = Segmenter(rules).segment(page, url="https://coast.example.com/a")  # returns, no hang
    assert r.blocks
    with pytest.raises(RuleError, match="bad pattern"):
        SiteRule(domain="a.com", pattern="(", label="junk")
    with pytest.raises(RuleError, match="selector, a text pattern"):
        SiteRule(domain="a.com", label="junk")


def test_segment_restores_the_garbage_collector_state() -> None:
    import gc

    assert gc.isenabled()
    segmenter.segment("<p>Some words here.</p>")
    assert gc.isenabled()
    with pytest.raises(TypeError):
        segmenter.segment(42)  # type: ignore[arg-type]
    assert gc.isenabled()
    gc.disable()
    try:
        segmenter.segment("<p>Some words here.</p>")
        assert not gc.isenabled()  # the caller's choice is kept
    finally:
        gc.enable()


def test_unchecked_instances_equal_the_dataclass_constructor() -> None:
    from segmenter.model import Block, Features, _unchecked

    page = segmenter.segment("<article><h1>A title here</h1><p>Some words, and more words.</p></article>")
    for block in page.blocks:
        values = {f.name: getattr(block.features, f.name) for f in dataclasses.fields(Features)}
        fast = _unchecked(Features, values)
        assert fast == Features(**values) and hash(fast) == hash(Features(**values))
        with pytest.raises(dataclasses.FrozenInstanceError):
            fast.words = 3  # type: ignore[misc]
        assert vars(block) == {f.name: getattr(block, f.name) for f in dataclasses.fields(Block)}
    # every field is given: a missing one would surface here, not as an AttributeError later
    assert set(vars(page.blocks[0].features)) == {f.name for f in dataclasses.fields(Features)}


def test_a_page_re_saved_as_utf8_under_an_old_latin1_meta_is_read_as_utf8():
    body = "<p>Die Straße über den Fluß wird für Fußgänger geöffnet, sagte die Bürgermeisterin.</p>" * 4
    html = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body>{body}</body></html>'
    result = segmenter.segment(html.encode("utf-8"))
    assert "Fußgänger" in result.blocks[0].text and "Ã" not in result.blocks[0].text
    assert any("iso8859-1" in w and "UTF-8" in w for w in result.warnings)
    # the same page truly in Latin-1 stays Latin-1, with no warning
    result = segmenter.segment(html.encode("latin-1"))
    assert "Fußgänger" in result.blocks[0].text and not result.warnings


def test_what_decoding_recovered_from_reaches_the_warnings_of_an_html_page():
    page = b"\xef\xbb\xbf<html><body><p>A paragraph with a broken byte \xff in the middle of it.</p></body></html>"
    result = segmenter.segment(page)
    assert any("U+FFFD" in w for w in result.warnings)
