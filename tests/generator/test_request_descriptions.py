"""eBay's meaning of every argument a caller passes, and the ids eBay answers in Location.

The facade documents each parameter and each request-body field with the spec's description, and
falls back to "See the eBay page." where there is none. Every parameter and every property of a
request-body schema carries eBay's description (from the call page's Input table or the type page),
except the fields listed below with the reason, so a new argument cannot arrive undocumented.

An operation that answers 201 with the new record's URI in Location names, as x-ebay-location-id,
the path parameter that URI fills; the id must be a path parameter of a GET on that URI.
"""

from typing import Any

import pytest

from tests.conftest import effective_spec, operations

SPEC = effective_spec()
SCHEMAS: dict[str, Any] = SPEC["components"]["schemas"]
PARAMETERS: dict[str, Any] = SPEC["components"].get("parameters", {})

UNDESCRIBED = {
    ("ShipmentInfoRequest", "shippingDate"): "the readable excerpts of the Provide Inquiry Shipment Info page "
    "and of the ShipmentInfoRequest type page stop before this field's row",
}


def _resolve(node: dict[str, Any], section: dict[str, Any]) -> dict[str, Any]:
    return section[node["$ref"].rsplit("/", 1)[1]] if "$ref" in node else node


def _op_id(value: Any) -> str:
    return str(value.get("operationId")) if isinstance(value, dict) else ""


def _body_schemas() -> set[str]:
    names = set()
    for _, _, op in operations():
        for media in op.get("requestBody", {}).get("content", {}).values():
            ref = media.get("schema", {}).get("$ref")
            if ref:
                names.add(ref.rsplit("/", 1)[1])
    return names


BODY_FIELDS = sorted((name, wire) for name in _body_schemas() for wire in (SCHEMAS[name].get("properties") or {}))


@pytest.mark.parametrize(("schema", "wire"), BODY_FIELDS)
def test_every_request_body_field_has_ebays_description(schema: str, wire: str) -> None:
    description = " ".join(str(SCHEMAS[schema]["properties"][wire].get("description", "")).split())
    if (schema, wire) in UNDESCRIBED:
        assert not description, f"{schema}.{wire} is described now: drop it from UNDESCRIBED"
    else:
        assert description, f"{schema}.{wire} has no description; the facade would say 'See the eBay page.'"


def test_the_undescribed_list_names_real_fields() -> None:
    assert set(UNDESCRIBED) <= set(BODY_FIELDS)


@pytest.mark.parametrize(("method", "path", "op"), operations(), ids=_op_id)
def test_every_parameter_has_ebays_description(method: str, path: str, op: dict[str, Any]) -> None:
    for param in op.get("parameters", []):
        param = _resolve(param, PARAMETERS)
        assert str(param.get("description", "")).strip(), f"{op['operationId']}: parameter {param['name']!r}"


LOCATION_OPS = [(method, path, op) for method, path, op in operations() if "x-ebay-location-id" in op]


def test_create_inquiry_names_the_id_in_location() -> None:
    assert {op["operationId"]: op["x-ebay-location-id"] for _, _, op in LOCATION_OPS} == {"createInquiry": "inquiryId"}


@pytest.mark.parametrize(("method", "path", "op"), LOCATION_OPS, ids=_op_id)
def test_location_id_is_a_path_parameter_of_the_created_record(method: str, path: str, op: dict[str, Any]) -> None:
    name = op["x-ebay-location-id"]
    assert "201" in op["responses"], f"{op['operationId']}: x-ebay-location-id without a 201 response"
    record = f"{path}/{{{name}}}"
    get = SPEC["paths"].get(record, {}).get("get")
    assert get is not None, f"{op['operationId']}: no GET {record}"
    params = [_resolve(p, PARAMETERS) for p in get.get("parameters", [])]
    assert name in {p["name"] for p in params if p["in"] == "path"}


def test_use_instead_is_only_on_decommissioned_calls() -> None:
    for _, _, op in operations():
        if "x-ebay-use-instead" in op:
            assert op.get("x-ebay-decommissioned"), op["operationId"]
            assert str(op["x-ebay-use-instead"]).strip(), op["operationId"]
