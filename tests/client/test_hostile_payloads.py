"""Hostile payloads, generated from the effective spec, never crash decoding.

For every object schema hypothesis builds two kinds of payload:

* canonical: well-typed values (money as Decimal, timestamps in eBay's format) mixed with what
  eBay really does: enum values this client does not know, explicit nulls, undeclared keys,
  missing fields. ``to_dict`` must give back exactly the input: every known field round-trips.
* hostile: anything goes for every field (numbers and booleans as strings, wrong types, nested
  junk). Decoding must not raise, and decode -> encode -> decode must be stable.

The default run gives the cancellation and common models (43) 30 examples of each kind and the
other object models (108) 12, which keeps ``make test`` fast on two cores; ``make deep``
(``POST_ORDER_DEEP=1``) gives them 100 and 40, 17,240 cases.
"""

import datetime
import functools
import os
from typing import Any

import ebay_post_order.models as models
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_python_client.strings import ClassName

from tests.conftest import ROOT, effective_spec

SCHEMAS: dict[str, Any] = effective_spec()["components"]["schemas"]
OBJECTS = sorted(name for name, schema in SCHEMAS.items() if schema.get("type") == "object")
CORE = {
    name
    for part in ("cancellation", "common")
    for name in yaml.safe_load((ROOT / "spec" / f"{part}.yaml").read_text())["components"]["schemas"]
}


DEEP = os.environ.get("POST_ORDER_DEEP") == "1"


def examples_for(name: str) -> settings:
    count = (100 if name in CORE else 40) if DEEP else (30 if name in CORE else 12)
    return settings(max_examples=count, deadline=None, suppress_health_check=[HealthCheck.too_slow])


JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
ANY_JSON = st.recursive(
    JSON_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
)
EBAY_TIMESTAMPS = st.datetimes(
    min_value=datetime.datetime(2000, 1, 1), max_value=datetime.datetime(2040, 1, 1), timezones=st.just(datetime.UTC)
).map(lambda d: d.replace(microsecond=d.microsecond // 1000 * 1000).isoformat(timespec="milliseconds")[:-6] + "Z")
UNKNOWN_ENUM = st.from_regex(r"[A-Z][A-Z_]{2,12}", fullmatch=True)


def ref_name(schema: dict[str, Any]) -> str | None:
    return schema["$ref"].rsplit("/", 1)[1] if "$ref" in schema else None


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    name = ref_name(schema)
    return SCHEMAS[name] if name else schema


def canonical_value(schema: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
    target = resolve(schema)
    if "enum" in target:
        return st.sampled_from(target["enum"]) | UNKNOWN_ENUM
    kind, fmt = target.get("type"), target.get("format")
    if kind is None:  # a schema without a type takes any JSON value
        return ANY_JSON
    if kind == "object":
        return canonical_object(str(ref_name(schema)), depth + 1)
    if kind == "array":
        return st.lists(canonical_value(target["items"], depth + 1), max_size=2 if depth < 3 else 0)
    if kind == "string":
        return EBAY_TIMESTAMPS if fmt == "date-time" else st.text(max_size=12)
    if kind == "integer":
        return st.integers(-(2**40), 2**40)
    if kind == "number" and fmt == "decimal":
        return st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-(10**9), max_value=10**9)
    if kind == "number":
        return st.floats(allow_nan=False, allow_infinity=False)
    if kind == "boolean":
        return st.booleans()
    raise AssertionError(f"no strategy for {target}")


@functools.cache
def canonical_object(name: str, depth: int) -> st.SearchStrategy[dict[str, Any]]:
    """Required fields always present and well-typed; optional ones may be missing or null."""
    schema = SCHEMAS[name]
    if depth > 4:
        return st.just({})
    required = set(schema.get("required", []))
    props = schema.get("properties", {})
    needed = {wire: canonical_value(prop, depth) for wire, prop in props.items() if wire in required}
    optional = {wire: canonical_value(prop, depth) | st.none() for wire, prop in props.items() if wire not in required}
    extra = st.dictionaries(st.from_regex(r"x[A-Za-z]{1,6}", fullmatch=True), JSON_SCALARS, max_size=2)
    present = st.fixed_dictionaries(needed, optional=optional)
    return st.builds(lambda fields, extras: {**fields, **extras}, present, extra)


@functools.cache
def hostile_object(name: str, depth: int) -> st.SearchStrategy[dict[str, Any]]:
    props = SCHEMAS[name].get("properties", {})
    fields = {}
    for wire, prop in props.items():
        inner = prop.get("items", prop) if prop.get("type") == "array" else prop
        target, target_name = resolve(inner), ref_name(inner)
        deeper = target_name and target.get("type") == "object" and depth < 3
        nested = hostile_object(target_name, depth + 1) if deeper else ANY_JSON
        as_text = st.integers().map(str) | st.booleans().map(lambda b: str(b).lower()) | st.floats().map(str)
        fields[wire] = ANY_JSON | as_text | nested | st.lists(nested, max_size=2)
    return st.fixed_dictionaries({}, optional=fields)


@pytest.mark.parametrize("name", OBJECTS)
def test_canonical_payloads_round_trip_exactly(name: str) -> None:
    @examples_for(name)
    @given(data=st.data())
    def round_trip(data: st.DataObject) -> None:
        payload = data.draw(canonical_object(name, 0))
        model = getattr(models, ClassName(name, "field_")).from_dict(payload)
        assert model.to_dict() == payload

    round_trip()


@pytest.mark.parametrize("name", OBJECTS)
def test_hostile_payloads_never_crash_and_re_decode_stably(name: str) -> None:
    cls = getattr(models, ClassName(name, "field_"))
    required = SCHEMAS[name].get("required", [])

    @examples_for(name)
    @given(data=st.data())
    def stable(data: st.DataObject) -> None:
        payload = data.draw(hostile_object(name, 0))
        try:
            model = cls.from_dict(payload)
        except ValueError:
            # Only a required field may refuse, and only when it is missing or unusable.
            assert required
            return
        again = cls.from_dict(model.to_dict())
        assert again == model

    stable()
