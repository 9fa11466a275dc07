"""The generator reads and writes YAML through LibYAML where PyYAML has it and through PyYAML's
pure-Python classes where it does not; both must give the same documents and the same bytes, or
the generated tree would depend on how PyYAML was installed."""

from typing import Any

import pytest
import yaml

from generator import yamlio
from tests.conftest import GENERATED, ROOT


class PurePythonNoAliasDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def test_the_libyaml_bindings_are_in_use_here() -> None:
    assert yamlio._Loader is yaml.CSafeLoader and issubclass(yamlio._NoAliasDumper, yaml.CSafeDumper)


@pytest.mark.parametrize("path", sorted((ROOT / "spec").glob("*.yaml")) + sorted((ROOT / "overlays").glob("*.yaml")))
def test_both_parsers_read_every_input_alike(path: Any) -> None:
    assert yamlio.load(path) == yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)


def test_both_emitters_write_the_effective_spec_alike() -> None:
    committed = (GENERATED / "openapi.yaml").read_text(encoding="utf-8")
    doc = yamlio.load(GENERATED / "openapi.yaml")
    pure = yaml.dump(
        doc,
        Dumper=PurePythonNoAliasDumper,
        sort_keys=False,
        allow_unicode=True,
        width=100_000,
        default_flow_style=False,
    )
    assert yamlio.dump(doc) == pure
    assert committed.endswith(pure)  # after the "do not edit" header line
