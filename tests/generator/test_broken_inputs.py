"""Broken spec or overlay input gives one clear error line and exit 1, never a traceback."""

import functools
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT
from tests.generator.conftest import add_schema, copy_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def run_generator(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), "--out", str(root / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def one_error_line(root: Path) -> str:
    done = run_generator(root)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("generate: error: ")
    assert not (root / "out").exists()
    return lines[0].removeprefix("generate: error: ")


def test_bad_yaml_names_file_and_line(project: Path) -> None:
    path = project / "spec" / "cancellation.yaml"
    path.write_text(path.read_text() + "\n  bad: [unclosed\n")
    message = one_error_line(project)
    assert message.startswith("spec/cancellation.yaml:")
    assert "invalid YAML" in message


def test_unknown_ref_names_file_place_and_target(project: Path) -> None:
    path = project / "spec" / "cancellation.yaml"
    text = path.read_text()
    assert "common.yaml#/components/schemas/Amount" in text
    path.write_text(text.replace("schemas/Amount", "schemas/Amountt", 1))
    message = one_error_line(project)
    assert message.startswith("spec/cancellation.yaml: $ref 'common.yaml#/components/schemas/Amountt' at $[")
    assert message.endswith("spec/common.yaml has no /components/schemas/Amountt")


def test_ref_to_missing_file(project: Path) -> None:
    ref = {"$ref": "nofile.yaml#/components/schemas/A"}
    add_schema(project, "Broken", {"type": "object", "properties": {"a": ref}})
    assert "no file spec/nofile.yaml" in one_error_line(project)


def test_overlay_matching_nothing_names_file_action_and_target(project: Path) -> None:
    (project / "overlays" / "99-stale.yaml").write_text(
        yaml.safe_dump(
            {
                "overlay": "1.0.0",
                "info": {"title": "stale", "version": "1"},
                "actions": [
                    {"target": "$.info", "description": "ok", "x-evidence": "u", "update": {"x-a": 1}},
                    {"target": "$.paths['/gone']", "description": "stale", "x-evidence": "u", "remove": True},
                ],
            }
        )
    )
    message = one_error_line(project)
    assert message == "overlays/99-stale.yaml: action 1 (target \"$.paths['/gone']\"): matched nothing"


def test_schema_that_openapi_python_client_would_drop(project: Path) -> None:
    # Valid OpenAPI 3.0, but openapi-python-client cannot build an enum of mixed types and would
    # only warn, leaving the model out of the client.
    add_schema(project, "MixedEnum", {"type": "string", "enum": ["A", 1]})
    message = one_error_line(project)
    assert message.startswith("openapi-python-client:")
    assert "/components/schemas/MixedEnum" in message and "same type" in message


def test_invalid_openapi_is_reported_with_its_path(project: Path) -> None:
    add_schema(project, "BadType", {"type": "strin"})
    message = one_error_line(project)
    # the path, then the offending value (openapi-spec-validator 0.8 names no deeper cause)
    assert message.startswith('effective spec: $.components.schemas.BadType: {"type":"strin"} is not valid')


def refused(root: Path) -> str:
    """One error line, exit 1, no traceback, and an earlier output left exactly as it was."""
    old = root / "out"
    old.mkdir(exist_ok=True)
    (old / "kept.txt").write_text("earlier output")
    done = run_generator(root)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("generate: error: "), done.stderr
    assert [p.name for p in old.iterdir()] == ["kept.txt"]
    assert (old / "kept.txt").read_text() == "earlier output"
    return lines[0].removeprefix("generate: error: ")


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def overlay_file(root: Path, text: str) -> None:
    (root / "overlays" / "99-extra.yaml").write_text(
        "overlay: 1.0.0\ninfo: {title: extra, version: '1'}\nactions:\n" + text
    )


@pytest.mark.parametrize(
    ("schemas", "cycle"),
    [
        ({"LoopA": ref("LoopB"), "LoopB": ref("LoopA")}, "LoopA -> LoopB -> LoopA"),
        ({"LoopA": ref("LoopA")}, "LoopA -> LoopA"),
        ({"LoopA": {"type": "object", "allOf": [ref("LoopA")]}}, "LoopA -> LoopA"),
        ({"LoopA": {"oneOf": [{"allOf": [ref("LoopB")]}]}, "LoopB": {"not": ref("LoopA")}}, "LoopA -> LoopB -> LoopA"),
    ],
    ids=["alias-chain", "self-alias", "self-allOf", "nested-oneOf-not"],
)
def test_circular_refs_are_one_error_line(project: Path, schemas: dict[str, Any], cycle: str) -> None:
    for name, schema in schemas.items():
        add_schema(project, name, schema)
    message = refused(project)
    assert message.startswith("effective spec: $.components.schemas.LoopA: $ref cycle ")
    assert cycle in message


def test_a_ref_an_overlay_leaves_dangling_is_one_error_line(project: Path) -> None:
    overlay_file(project, '- {target: "$.components.schemas.Amount", description: d, x-evidence: e, remove: true}\n')
    message = refused(project)
    assert message.startswith("effective spec: $.components.schemas.")
    assert "$ref '#/components/schemas/Amount' points at nothing" in message


@pytest.mark.parametrize(
    ("update", "expected"),
    [
        ("{1: x}", "overlays/99-extra.yaml:7:12: mapping key '1' is an integer, not a string"),
        ("{null: x}", "overlays/99-extra.yaml:7:12: mapping key 'null' is null, not a string"),
        ("{[a]: x}", "overlays/99-extra.yaml:7:12: a sequence as a mapping key"),
        ("{x-a: 1, x-a: 2}", "overlays/99-extra.yaml:7:20: duplicate key 'x-a' (first at line 7)"),
        ("{x-a: 2024-01-01}", "overlays/99-extra.yaml:7:12: '2024-01-01' is a date or time, not JSON data"),
        ("{x-a: .nan}", "overlays/99-extra.yaml:7:12: '.nan' reads as a YAML 1.1 number"),
        ("{x-a: [SE, NO]}", "overlays/99-extra.yaml:7:22: 'NO' reads as a boolean in YAML 1.1"),
    ],
    ids=["int-key", "null-key", "sequence-key", "duplicate-key", "date", "nan", "yaml11-bool"],
)
def test_overlay_update_that_is_not_json_is_one_error_line(project: Path, update: str, expected: str) -> None:
    overlay_file(project, f"- target: $.info\n  description: d\n  x-evidence: e\n  update: {update}\n")
    assert refused(project).startswith(expected)


def test_an_anchor_shared_by_two_schemas_is_refused(project: Path) -> None:
    # Were aliases loaded, an overlay aimed at one of these would silently change both.
    path = project / "spec" / "common.yaml"
    text = path.read_text()
    shared = "components:\n  schemas:\n    SharedA: &shared {type: object, properties: {a: {type: string}}}\n"
    path.write_text(text.replace("components:\n  schemas:\n", shared + "    SharedB: *shared\n", 1))
    anchor = path.read_text().splitlines().index("    SharedB: *shared")  # 0-based: the line before
    message = refused(project)
    assert message.startswith(f"spec/common.yaml:{anchor + 1}:5: YAML alias of the node at line {anchor}: ")
    assert "share a schema with $ref" in message


def test_nesting_deeper_than_the_bound_is_one_error_line(project: Path) -> None:
    add_schema(project, "Deep", {"type": "object", "example": functools.reduce(lambda inner, _: [inner], range(70), 1)})
    assert re.fullmatch(r"spec/common\.yaml:\d+:\d+: nested deeper than 64 levels", refused(project))


def test_nesting_an_overlay_adds_is_checked_on_the_effective_spec(project: Path) -> None:
    # Within the bound in the overlay file, past it once merged five levels down.
    deep = json.dumps(functools.reduce(lambda inner, _: {"a": inner}, range(58), {}))
    target = "$.components.schemas.Amount.properties.value"
    overlay_file(project, f"- target: {target}\n  description: d\n  x-evidence: e\n  update: {{x-deep: {deep}}}\n")
    message = refused(project)
    assert message.startswith(f"effective spec: {target}['x-deep'].a.a.")
    assert message.endswith(": nested deeper than 64 levels")


@pytest.mark.parametrize(
    ("values", "pair", "name"),
    [
        (["a-b", "a_b"], "'a-b' and 'a_b'", "A_B"),
        (["a_b", "a-b"], "'a_b' and 'a-b'", "A_B"),  # openapi-python-client alone drops 'a_b' silently
        (["a+b", "a(b)"], "'a+b' and 'a(b)'", "AB"),
        (["1", "VALUE_0"], "'1' and 'VALUE_0'", "VALUE_0"),
    ],
)
def test_enum_values_that_collide_as_python_names(project: Path, values: list[str], pair: str, name: str) -> None:
    add_schema(project, "Clashing", {"type": "string", "enum": values})
    message = refused(project)
    assert message == (
        f"effective spec: $.components.schemas.Clashing.enum: values {pair} both become the Python name {name}; "
        "name them apart with x-enum-varnames"
    )


def test_an_output_path_that_is_a_file_is_one_error_line_and_kept(project: Path) -> None:
    (project / "out").write_text("not a directory")
    done = run_generator(project)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip().endswith("out: the output must be a directory, and this is a file")
    assert len(done.stderr.strip().splitlines()) == 1
    assert (project / "out").read_text() == "not a directory"


def test_an_output_below_a_file_is_one_error_line(project: Path) -> None:
    (project / "blocker").write_text("a file where a folder should be")
    done = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project), "--out", str(project / "blocker" / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("generate: error: ") and "cannot write the output" in done.stderr
