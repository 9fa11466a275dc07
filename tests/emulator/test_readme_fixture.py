"""The README's "Test your code against the emulator" tests run, each on a fresh emulator, as
pytest would run them with the fixture (tests/test_readme.py only defines them)."""

import re
from typing import Any

import pytest

from emulator.testing import PostOrderEmulator
from tests.conftest import ROOT

SECTION = (ROOT / "README.md").read_text().split("## Test your code against the emulator", 1)[1].split("\n## ", 1)[0]
(USER_TESTS,) = [block for block in re.findall(r"```python\n(.*?)```", SECTION, flags=re.S) if "def test_" in block]
NAMESPACE: dict[str, Any] = {}
exec(compile(USER_TESTS, "README.md", "exec"), NAMESPACE)


@pytest.mark.parametrize("name", sorted(n for n in NAMESPACE if n.startswith("test_")))
def test_the_readmes_user_test_passes(name: str) -> None:
    with PostOrderEmulator() as emulator:
        NAMESPACE[name](emulator)
