"""Broken spec or overlay input gives one clear error line and exit 1, never a traceback."""

import subprocess
import sys
from pathlib import Path

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
