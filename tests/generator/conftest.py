"""A fresh generation shared by the golden and header tests, and throwaway project copies."""

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.pipeline import generate
from tests.conftest import ROOT


@pytest.fixture(scope="session")
def fresh_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("regen") / "generated"
    generate(ROOT, out)
    return out


def copy_project(root: Path) -> Path:
    """spec/ and overlays/ copied under ``root``, for tests that break or extend them."""
    for folder in ("spec", "overlays"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


def add_schema(root: Path, name: str, schema: dict[str, Any]) -> None:
    path = root / "spec" / "common.yaml"
    data = yaml.safe_load(path.read_text())
    data["components"]["schemas"][name] = schema
    path.write_text(yaml.safe_dump(data, sort_keys=False))
