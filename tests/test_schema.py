"""The shipped JSON Schema documents exactly what ``Segmentation.to_dict()`` produces.

The validator below is deliberately tiny (no schema library at run time): it supports only the
keywords the schema uses and refuses any other, so the schema cannot quietly grow keywords that
nobody checks.
"""

from __future__ import annotations

import copy
import dataclasses
import importlib.resources
import json
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

import segmenter
from segmenter import (
    Caption,
    Evidence,
    Image,
    JunkKind,
    Label,
    ParagraphKind,
    RelatedCard,
    Segmentation,
)
from segmenter.model import SCHEMA_VERSION

# -- a minimal JSON Schema validator ------------------------------------------------------------

_ANNOTATIONS = {"$schema", "$id", "$defs", "title", "description"}
_CHECKED = {
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "enum",
    "$ref",
    "anyOf",
    "minimum",
}
_TYPES: dict[str, Any] = {
    "null": lambda v: v is None,
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "string": lambda v: isinstance(v, str),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}


def _same(a: Any, b: Any) -> bool:
    # JSON equality: True is not 1, and 1 is not "1"
    return type(a) is type(b) and a == b


def _resolve(ref: str, root: dict[str, Any]) -> dict[str, Any]:
    prefix = "#/$defs/"
    if not ref.startswith(prefix):
        raise ValueError(f"unsupported $ref {ref!r}")
    return root["$defs"][ref[len(prefix) :]]


def validate(
    instance: Any, schema: dict[str, Any], root: dict[str, Any] | None = None, path: str = "$"
) -> list[str]:
    """Return the validation errors of ``instance`` (an empty list when it is valid)."""
    root = schema if root is None else root
    unknown = set(schema) - _ANNOTATIONS - _CHECKED
    if unknown:
        raise ValueError(f"{path}: the test validator does not support {sorted(unknown)}")
    errors: list[str] = []
    if "$ref" in schema:
        errors += validate(instance, _resolve(schema["$ref"], root), root, path)
    if "anyOf" in schema:
        if not any(not validate(instance, sub, root, path) for sub in schema["anyOf"]):
            errors.append(f"{path}: matches none of anyOf")
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_TYPES[t](instance) for t in types):
            errors.append(f"{path}: {instance!r:.60} is not of type {types}")
            return errors
    if "enum" in schema and not any(_same(instance, v) for v in schema["enum"]):
        errors.append(f"{path}: {instance!r:.60} is not one of {schema['enum']}")
    if "minimum" in schema and _TYPES["number"](instance) and instance < schema["minimum"]:
        errors.append(f"{path}: {instance} < minimum {schema['minimum']}")
    if isinstance(instance, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in instance:
                errors.append(f"{path}: missing required key {key!r}")
        if "additionalProperties" in schema:
            if schema["additionalProperties"] is not False:
                raise ValueError(f"{path}: only additionalProperties: false is supported")
            for key in instance:
                if key not in props:
                    errors.append(f"{path}: unexpected key {key!r}")
        for key, sub in props.items():
            if key in instance:
                errors += validate(instance[key], sub, root, f"{path}.{key}")
    if isinstance(instance, list) and "items" in schema:
        for i, item in enumerate(instance):
            errors += validate(item, schema["items"], root, f"{path}[{i}]")
    return errors


# -- the schema ---------------------------------------------------------------------------------

SCHEMA_RESOURCE = importlib.resources.files("segmenter") / "schema" / "segmentation.schema.json"


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_RESOURCE.read_text(encoding="utf-8"))


def test_schema_ships_in_the_package() -> None:
    assert SCHEMA_RESOURCE.is_file()


def test_schema_declares_draft_2020_12(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_enums_match_the_model(schema: dict[str, Any]) -> None:
    defs = schema["$defs"]
    assert defs["label"]["enum"] == [m.value for m in Label]
    assert defs["junk_kind"]["enum"] == [m.value for m in JunkKind]
    assert defs["paragraph_kind"]["enum"] == [m.value for m in ParagraphKind]
    assert set(defs["scores"]["properties"]) == {m.value for m in Label}
    assert schema["properties"]["schema_version"]["enum"] == [SCHEMA_VERSION]


# -- synthetic pages ----------------------------------------------------------------------------

_PROSE = (
    "The town council voted on Tuesday to rebuild the harbour pier, which was badly damaged in the "
    "winter storms, at a cost that councillors described as high but unavoidable for the town."
)

NEWS = f"""<html lang="en"><head><title>Pier to be rebuilt | Example News</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article>
<h1>Pier to be rebuilt</h1>
<p class="byline">By Jane Doe</p>
<p class="date"><time datetime="2024-03-05">5 March 2024</time></p>
<p>{_PROSE}</p>
<figure><img src="/img/pier.jpg" alt="The pier" width="640" height="480">
<figcaption>The old pier at dusk.</figcaption><span class="credit">Photo: J. Smith</span></figure>
<h2>Work starts in May</h2>
<p>{_PROSE} Work is expected to start in May, after the busy holiday season ends.</p>
<ul><li>New decking made of hardwood.</li><li>A wider walkway for boats.</li></ul>
<blockquote><p>It is vital for our livelihoods and for the whole of the town, said a fisherman.</p></blockquote>
<p>Read more: <a href="/news/lighthouse">Lighthouse reopens to visitors after repairs</a></p>
</article>
<div class="related-stories">
<div class="card"><a href="/a">Ferry service cut back over the long winter months</a></div>
<div class="card"><a href="/b">New lifeboat station opens on the north beach</a></div>
<div class="card"><a href="/c">Harbour master retires after forty years of service</a></div>
</div>
<div class="comments"><p>Great news, finally!</p></div>
<footer><p>Copyright 2024 Example News. All rights reserved.</p></footer>
</body></html>"""

LIST_PAGE = """<html><head><title>World news</title></head><body>
<h1>World</h1>
<ul>
<li><a href="/1">Storm hits the coast as residents are told to stay at home</a></li>
<li><a href="/2">Elections called for the spring after the government falls</a></li>
<li><a href="/3">Markets fall sharply on worries about the price of energy</a></li>
<li><a href="/4">Scientists find a new species of frog in the rainforest</a></li>
</ul></body></html>"""

NON_ENGLISH = f"""<html lang="de"><head><meta charset="utf-8"><title>Brücke</title></head><body>
<main><h1>Die Brücke wird erneuert</h1>
<p>Der Gemeinderat hat am Dienstag beschlossen, die alte Brücke über den Fluss zu erneuern, weil sie
nach den Stürmen des Winters stark beschädigt war und nicht mehr sicher ist für den Verkehr.</p>
<p>Lesen Sie auch: <a href="/x">Die Fähre fährt wieder</a></p>
<pre>code  block</pre><table><tr><td>Kosten: zwei Millionen Euro für die gesamte Brücke</td></tr></table>
</main><p>{_PROSE}</p></body></html>"""

PAGES: dict[str, bytes] = {
    "news": NEWS.encode("utf-8"),
    "list": LIST_PAGE.encode("utf-8"),
    "non-english": NON_ENGLISH.encode("utf-8"),
    "malformed": b"<html><body><div><p>Unclosed <b>tags <i>everywhere<p>and \xff bad bytes</div></td>",
    "empty": b"",
    "plain-text": b"Just a line of text, no markup at all.",
}


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("url", [None, "https://news.example.com/story"])
@pytest.mark.parametrize("explain", [False, True])
def test_segment_output_validates(schema: dict[str, Any], name: str, url: str | None, explain: bool) -> None:
    result = segmenter.segment(PAGES[name], url=url)
    d = result.to_dict(explain=explain)
    assert validate(d, schema) == []
    assert ("explanations" in d) is explain
    # what to_json writes is what the schema documents too
    assert validate(json.loads(result.to_json(explain=explain)), schema) == []


def test_synthetic_news_page_exercises_the_schema(schema: dict[str, Any]) -> None:
    d = segmenter.segment(PAGES["news"], url="https://news.example.com/story").to_dict(explain=True)
    assert d["article"] is not None and d["article"]["paragraphs"]
    assert d["captions"] and d["junk"]
    assert any("kind" in b for b in d["blocks"])
    assert any(ev for e in d["explanations"] for ev in e["evidence"])
    assert validate(d, schema) == []


def _full(result: Segmentation) -> Segmentation:
    """``result`` with every optional field the pipeline may leave empty filled in."""
    image = Image("https://x.example/i.jpg", "alt text", "640", "480")
    card = RelatedCard(
        title="Another story",
        url="https://x.example/another",
        source="Example News",
        age_text="3 hours ago",
        age=timedelta(hours=3),
        published=datetime(2024, 3, 5, 9, 30, tzinfo=timezone.utc),
        snippet="What happened next.",
        image=image,
        blocks=(0, 1),
    )
    caption = Caption("A caption", "Photo: J. Smith", image, -1, (0,))
    credit_only = Caption("", "Photo: agency", None, 0, (1,))
    evidence = tuple(
        (*ev, Evidence(Label.JUNK, -1.5, "test-rule", "a junk vote with a kind", kind=JunkKind.PROMO))
        for ev in result._evidence
    )
    return dataclasses.replace(
        result, related=(card,), captions=(caption, credit_only), lang="en", _evidence=evidence
    )


def test_every_optional_field_validates(schema: dict[str, Any]) -> None:
    result = _full(segmenter.segment(PAGES["news"], url="https://news.example.com/story"))
    for explain in (False, True):
        d = result.to_dict(explain=explain)
        assert validate(d, schema) == []
    card = result.to_dict()["related"][0]
    assert card["age_seconds"] == 10800.0 and card["published"].startswith("2024-03-05T09:30")


# -- the validator can fail ---------------------------------------------------------------------


def _valid() -> dict[str, Any]:
    result = _full(segmenter.segment(PAGES["news"], url="https://news.example.com/story"))
    return result.to_dict(explain=True)


def _set(path: list[Any], value: Any) -> Any:
    def mutate(d: dict[str, Any]) -> None:
        target: Any = d
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def _delete(path: list[Any]) -> Any:
    def mutate(d: dict[str, Any]) -> None:
        target: Any = d
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return mutate


BROKEN = {
    "extra top-level key": _set(["extra"], 1),
    "missing top-level key": _delete(["warnings"]),
    "wrong schema version": _set(["schema_version"], 2),
    "language null": _set(["language"], None),
    "language missing": _delete(["language"]),
    "unknown block label": _set(["blocks", 0, "label"], "sidebar"),
    "unknown junk kind": _set(["junk", 0, "kind"], "spam"),
    "unknown paragraph kind": _set(["article", "paragraphs", 0, "kind"], "aside"),
    "index as a string": _set(["blocks", 0, "index"], "0"),
    "index as a bool": _set(["blocks", 0, "index"], True),
    "negative block index": _set(["junk", 0, "block"], -1),
    "position below -1": _set(["captions", 0, "position"], -2),
    "extra key in a block": _set(["blocks", 0, "score"], 1.0),
    "article as a list": _set(["article"], []),
    "image missing alt": _delete(["captions", 0, "image", "alt"]),
    "related title null": _set(["related", 0, "title"], None),
    "age_seconds as text": _set(["related", 0, "age_seconds"], "3h"),
    "warnings not strings": _set(["warnings"], [1]),
    "blocks not a list": _set(["blocks"], {}),
    "evidence without final": _delete(["explanations", 0, "evidence", 0, "final"]),
    "score for an unknown label": _set(["explanations", 0, "scores", "sidebar"], 1.0),
    "context-free label unknown": _set(["explanations", 0, "context_free_label"], "?"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_output_fails_validation(schema: dict[str, Any], case: str) -> None:
    d = copy.deepcopy(_valid())
    assert validate(d, schema) == []
    BROKEN[case](d)
    assert validate(d, schema), f"{case}: the broken document validated"


def test_validator_refuses_unknown_keywords() -> None:
    with pytest.raises(ValueError, match="does not support"):
        validate("x", {"type": "string", "pattern": "^x$"})
