"""Fields that carry XML attributes: ``{"@type": ..., "__value__": ...}`` on the wire.

The Post-Order pages print no such field (the form is eBay's JSON rendering of XML attributes,
e.g. ``"productId": {"@type": "ISBN", "__value__": "..."}``), so this regenerates a copy of the
project with a test schema and an overlay that names the attributes, then uses the result.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.errors import PipelineError
from generator.pipeline import generate
from tests.generator.conftest import add_schema, copy_project

PRODUCT_ID = {
    "type": "object",
    "description": "Test schema: a product identifier whose kind is an XML attribute.",
    "properties": {"@type": {"type": "string"}, "__value__": {"type": "string"}},
}
OVERLAY = {
    "overlay": "1.0.0",
    "info": {"title": "XML attributes get clean Python names", "version": "1.0.0"},
    "actions": [
        {
            "target": "$.components.schemas.*.properties['@type']",
            "description": "@type is the XML attribute 'type'.",
            "x-evidence": "test",
            "update": {"x-python-name": "type"},
        },
        {
            "target": "$.components.schemas.*.properties['__value__']",
            "description": "__value__ is the element text.",
            "x-evidence": "test",
            "update": {"x-python-name": "value"},
        },
    ],
}


def project_with(tmp_path: Path, overlay: dict[str, object]) -> Path:
    copy_project(tmp_path)
    add_schema(tmp_path, "ProductId", PRODUCT_ID)
    (tmp_path / "overlays" / "90-xml-attributes.yaml").write_text(yaml.safe_dump(overlay, sort_keys=False))
    return tmp_path


def test_attribute_fields_get_clean_names_and_exact_wire_keys(tmp_path: Path) -> None:
    out = tmp_path / "out"
    generate(project_with(tmp_path, OVERLAY), out)
    code = """
import json
from ebay_post_order.models import ProductId
product = ProductId.from_dict({"@type": "ISBN", "__value__": "9780131103627"})
built = ProductId(type="UPC", value="0123")
extra = dict(product.additional_properties)
print(json.dumps([product.type, product.value, product.to_dict(), built.to_dict(), extra]))
"""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(out / "ebay-post-order")},
        check=True,
    )
    kind, value, wire, built, extra = json.loads(done.stdout)
    assert (kind, value) == ("ISBN", "9780131103627")
    assert wire == {"@type": "ISBN", "__value__": "9780131103627"}
    assert built == {"@type": "UPC", "__value__": "0123"}
    assert extra == {}


def test_a_python_name_that_is_not_an_identifier_is_refused(tmp_path: Path) -> None:
    broken = json.loads(json.dumps(OVERLAY))
    broken["actions"][0]["update"]["x-python-name"] = "class"
    with pytest.raises(PipelineError, match="x-python-name 'class' is not a Python identifier"):
        generate(project_with(tmp_path, broken), tmp_path / "out")
