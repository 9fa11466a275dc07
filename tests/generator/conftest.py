"""A fresh generation into a temporary directory, shared by the golden and header tests."""

from pathlib import Path

import pytest

from generator.pipeline import generate
from tests.conftest import ROOT


@pytest.fixture(scope="session")
def fresh_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("regen") / "generated"
    generate(ROOT, out)
    return out
