"""generated/ebay-post-order/API.md covers every operation of the effective spec."""

from tests.conftest import PACKAGE_DIR, operations


def test_reference_lists_every_operation_with_its_page() -> None:
    reference = (PACKAGE_DIR / "API.md").read_text()
    for method, path, op in operations():
        row = next((line for line in reference.splitlines() if f"`{method} {path}`" in line), None)
        assert row is not None, f"{method} {path} is missing from API.md"
        assert f"`{op['x-method-name']}(" in row and op["externalDocs"]["url"] in row
        assert ("decommissioned" in row) == bool(op.get("deprecated"))
