"""generated/ebay-post-order/API.md covers every operation of the effective spec."""

import yaml

from tests.conftest import GENERATED, PACKAGE_DIR


def test_reference_lists_every_operation_with_its_page() -> None:
    spec = yaml.safe_load((GENERATED / "openapi.yaml").read_text())
    reference = (PACKAGE_DIR / "API.md").read_text()
    for path, item in spec["paths"].items():
        for method, op in item.items():
            row = next((line for line in reference.splitlines() if f"`{method.upper()} {path}`" in line), None)
            assert row is not None, f"{method.upper()} {path} is missing from API.md"
            assert f"`{op['x-method-name']}(" in row and op["externalDocs"]["url"] in row
            assert ("decommissioned" in row) == bool(op.get("deprecated"))
