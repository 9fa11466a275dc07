"""The overlay applier: Overlay 1.0 merge semantics, plus our strictness."""

from pathlib import Path
from typing import Any

import pytest

from generator.errors import PipelineError
from generator.overlay import apply_all, apply_overlay


def overlay(*actions: dict[str, Any]) -> dict[str, Any]:
    full = [{"description": "why", "x-evidence": ["https://developer.ebay.com/x"], **a} for a in actions]
    return {"overlay": "1.0.0", "info": {"title": "t", "version": "1"}, "actions": full}


def doc() -> dict[str, Any]:
    return {
        "info": {"title": "T", "version": "1", "contact": {"name": "a"}},
        "tags": [{"name": "a"}],
        "paths": {
            "/x": {"get": {"operationId": "getX", "parameters": [{"name": "p"}]}},
            "/y": {"post": {"operationId": "postY"}, "get": {"operationId": "getY"}},
        },
    }


def test_update_merges_objects_recursively_and_replaces_scalars() -> None:
    d = doc()
    apply_overlay(d, overlay({"target": "$.info", "update": {"title": "New", "contact": {"url": "u"}}}), "o")
    assert d["info"] == {"title": "New", "version": "1", "contact": {"name": "a", "url": "u"}}


def test_update_appends_to_selected_array_and_concatenates_nested_arrays() -> None:
    d = doc()
    apply_overlay(d, overlay({"target": "$.tags", "update": {"name": "b"}}), "o")
    apply_overlay(d, overlay({"target": "$.paths['/x'].get", "update": {"parameters": [{"name": "q"}]}}), "o")
    assert d["tags"] == [{"name": "a"}, {"name": "b"}]
    assert [p["name"] for p in d["paths"]["/x"]["get"]["parameters"]] == ["p", "q"]


def test_update_applies_to_every_match_with_independent_copies() -> None:
    d = doc()
    apply_overlay(d, overlay({"target": "$.paths.*[?@.operationId]", "update": {"x-k": {"v": 1}}}), "o")
    ops = [op for item in d["paths"].values() for op in item.values()]
    assert [op["x-k"] for op in ops] == [{"v": 1}] * 3
    ops[0]["x-k"]["v"] = 2
    assert ops[1]["x-k"] == {"v": 1}


def test_remove_true_deletes_every_match_and_ignores_update() -> None:
    d = doc()
    apply_overlay(d, overlay({"target": "$.paths['/y'][*]", "remove": True, "update": {"a": 1}}), "o")
    assert d["paths"]["/y"] == {}


def test_remove_from_array_keeps_the_other_entries() -> None:
    d = doc()
    d["tags"] = [{"name": "a"}, {"name": "b"}, {"name": "c"}, {"name": "d"}]
    apply_overlay(d, overlay({"target": "$.tags[?@.name != 'c']", "remove": True}), "o")
    assert d["tags"] == [{"name": "c"}]


def test_remove_false_removes_nothing() -> None:
    d = doc()
    apply_overlay(d, overlay({"target": "$.info", "remove": False, "update": {"x": 1}}), "o")
    assert d["info"]["x"] == 1 and "paths" in d


def test_zero_matches_is_an_error_naming_file_index_and_target() -> None:
    with pytest.raises(PipelineError) as err:
        apply_overlay(doc(), overlay({"target": "$.info", "update": {}}, {"target": "$.nope", "update": {}}), "ov.yaml")
    assert str(err.value) == "ov.yaml: action 1 (target '$.nope'): matched nothing"


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ({"target": "$.paths[", "update": {}}, "invalid JSONPath"),
        ({"target": "$.info", "description": "", "update": {}}, "needs a description"),
        ({"target": "$.info", "x-evidence": [], "update": {}}, "needs x-evidence"),
        ({"target": "$.info"}, "neither 'update' nor 'remove: true'"),
        ({"target": "$.info", "remove": "yes"}, "'remove' must be true or false"),
        ({"target": "$.info", "replace": {}}, "unknown field 'replace'"),
        ({"target": "$.info.title", "update": {"a": 1}}, "update its parent object instead"),
        ({"target": "$.info", "update": [1]}, "'update' must be an object"),
        ({"target": "$", "remove": True}, "cannot remove the document root"),
    ],
)
def test_bad_actions_are_reported_with_their_place(action: dict[str, Any], message: str) -> None:
    with pytest.raises(PipelineError) as err:
        apply_overlay(doc(), overlay(action), "o.yaml")
    assert str(err.value).startswith(f"o.yaml: action 0 (target {action['target']!r}): ")
    assert message in str(err.value)


def test_document_level_errors() -> None:
    with pytest.raises(PipelineError, match=r"'overlay' must be a 1\.0\.x version"):
        apply_overlay(doc(), {**overlay({"target": "$"}), "overlay": "2.0.0"}, "o")
    with pytest.raises(PipelineError, match="'actions' must be a non-empty list"):
        apply_overlay(doc(), {**overlay(), "actions": []}, "o")


def test_files_apply_in_filename_order(tmp_path: Path) -> None:
    import yaml

    (tmp_path / "20-second.yaml").write_text(
        yaml.safe_dump(overlay({"target": "$.info['x-added']", "update": {"b": 2}}))
    )
    (tmp_path / "10-first.yaml").write_text(yaml.safe_dump(overlay({"target": "$.info", "update": {"x-added": {}}})))
    d = doc()
    apply_all(d, tmp_path)
    assert d["info"]["x-added"] == {"b": 2}
