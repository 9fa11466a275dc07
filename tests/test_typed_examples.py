"""The README's examples and examples/*.py pass mypy --strict as a user would run it, with no
``type: ignore``: the types the package promises are the ones its own examples can live with."""

import re
from pathlib import Path

import pytest
from mypy import api

from tests.conftest import PACKAGE_DIR, ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.py"))


def readme_as_one_module() -> str:
    """The README's Python blocks in order, as tests/test_readme.py runs them: one namespace."""
    return "".join(re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), flags=re.S))


def test_no_example_silences_the_type_checker() -> None:
    assert EXAMPLES
    for text in [readme_as_one_module(), *(path.read_text() for path in EXAMPLES)]:
        assert "type: ignore" not in text


def test_readme_and_examples_pass_mypy_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = tmp_path / "readme_examples.py"
    readme.write_text(readme_as_one_module())
    monkeypatch.setenv("MYPYPATH", str(PACKAGE_DIR))
    stdout, stderr, status = api.run(
        ["--strict", "--no-incremental", "--cache-dir=/dev/null", str(readme), *map(str, EXAMPLES)]
    )
    assert status == 0, stdout + stderr


def test_mypy_catches_a_misspelt_or_mistyped_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "mistakes.py"
    script.write_text(
        "from ebay_post_order import AsyncPostOrder, PostOrder\n"
        'PostOrder.oauth("t", marketplce="EBAY_US")\n'
        'PostOrder.auth_n_auth("t", timeout="10")\n'
        'AsyncPostOrder.refreshing("id", "secret", "refresh", max_retrys=3)\n'
    )
    monkeypatch.setenv("MYPYPATH", str(PACKAGE_DIR))
    stdout, _, status = api.run(["--strict", "--no-incremental", "--cache-dir=/dev/null", str(script)])
    assert status == 1
    assert 'Unexpected keyword argument "marketplce"' in stdout and 'Unexpected keyword argument "max_retrys"' in stdout
    assert 'Argument "timeout"' in stdout and "mistakes.py:3:" in stdout
