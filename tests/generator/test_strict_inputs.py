"""The strict checks in front of the pipeline refuse only what is broken, and say where.

yamlio must still read every JSON document written as YAML (hypothesis), the enum-name check
must agree with openapi-python-client's own naming wherever it lets a list through (hypothesis),
the ``$ref`` cycle check must leave recursion through a property alone, and an overlay acts once
on a node its target selects twice.
"""

import string
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from openapi_python_client.parser.properties.enum_property import EnumProperty
from openapi_python_client.parser.properties.schemas import Class

from generator import bundle, validate, yamlio
from generator.errors import PipelineError
from generator.overlay import apply_overlay

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(blacklist_categories=("Cs", "Cc")))  # PyYAML turns a NEL (U+0085) key into a space
    | st.sampled_from(["NO", "yes", "off", "010", "0x1F", "1_000", "1:30", ".nan", "2024-01-01", "~", "<<"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=6), inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_any_json_document_written_as_yaml_reads_back_unchanged(tmp_path_factory: Any, data: Any) -> None:
    path = tmp_path_factory.mktemp("y") / "doc.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert yamlio.load(path) == data


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: &x {b: 1}\nc: *x\n", "doc.yaml:2:1: YAML alias of the node at line 1"),
        ("a: &x 1\nc: [*x]\n", "doc.yaml:2:4: YAML alias of the node at line 1"),
        ("a:\n  <<: {b: 1}\n", "doc.yaml:2:3: mapping key '<<' is a merge key (<<), not a string"),
        ("a: !!binary aGVsbG8=\n", "doc.yaml:1:1: 'aGVsbG8=' is binary data, not JSON data"),
        ("a: !!set {b: null}\n", "doc.yaml:1:1: tag 'tag:yaml.org,2002:set' is not JSON data"),
        ("a: 1.0e+999\n", "doc.yaml:1:1: '1.0e+999' is not a finite number"),
        ("a: 014\n", "doc.yaml:1:1: '014' reads as a YAML 1.1 number"),
        ("a: [" * 70 + "]" * 70 + "\n", "doc.yaml:1:129: nested deeper than 64 levels"),
    ],
)
def test_what_json_cannot_hold_is_refused_with_its_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text(text)
    with pytest.raises(PipelineError) as caught:
        yamlio.load(path, root=tmp_path)
    assert str(caught.value).startswith(message)


def test_a_file_that_is_not_utf8_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    path.write_bytes(b"a: \xe9\n")
    with pytest.raises(PipelineError, match=r"^doc\.yaml: cannot read: 'utf-8' codec"):
        yamlio.load(path, root=tmp_path)


@pytest.mark.parametrize("section", ["paths: []", "components: 1", "components: {schemas: [a]}"])
def test_a_fragment_section_that_is_not_a_mapping(tmp_path: Path, section: str) -> None:
    (tmp_path / "spec").mkdir()
    (tmp_path / "spec" / "post-order.yaml").write_text("openapi: 3.0.3\n")
    (tmp_path / "spec" / "extra.yaml").write_text(section + "\n")
    with pytest.raises(PipelineError, match=r"^spec/extra\.yaml: (paths|components)(\.schemas)? must be a mapping"):
        bundle.bundle(tmp_path / "spec")


ENUM_TEXT = st.text(alphabet=string.ascii_letters + string.digits + "-_. +()/äß", max_size=6)


@settings(max_examples=500, deadline=None)
@given(st.lists(ENUM_TEXT, min_size=1, max_size=6, unique=True))
def test_enum_names_are_openapi_python_clients_own_whenever_accepted(values: list[str]) -> None:
    class_info = Class.from_string(string="E", config=_config())
    try:
        validate._check_enum_names({"enum": values}, "E")
    except PipelineError:
        return
    upstream = EnumProperty.values_from_list(values, class_info, [])
    assert list(upstream) == validate.enum_member_names(values, [])  # every value kept, same names
    assert all(name.isidentifier() for name in upstream)


def _config() -> Any:
    from openapi_python_client.config import Config, ConfigFile, MetaType

    return Config.from_sources(ConfigFile(), MetaType.NONE, Path("x.yaml"), "utf-8", False, None)


def schemas(**named: Any) -> dict[str, Any]:
    return {"components": {"schemas": named}}


def test_recursion_through_properties_and_items_is_not_a_cycle() -> None:
    node = {"type": "object", "properties": {"child": {"$ref": "#/components/schemas/Node"}}}
    node["properties"]["kids"] = {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}
    validate.check_refs(schemas(Node=node, Wrapper={"allOf": [{"$ref": "#/components/schemas/Node"}]}))


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("#/components/schemas/Gone", "points at nothing"),
        ("#/paths/x", "must be a local '#/components/<section>/<name>'"),
        ("other.yaml#/components/schemas/A", "must be a local"),
    ],
)
def test_a_ref_that_does_not_resolve(ref: str, message: str) -> None:
    with pytest.raises(PipelineError, match=r"^effective spec: \$\.components\.schemas\.A\.properties\.p: ") as caught:
        validate.check_refs(schemas(A={"type": "object", "properties": {"p": {"$ref": ref}}}))
    assert message in str(caught.value)


def test_a_cycle_between_parameters_is_found_too() -> None:
    alias = {"P": {"$ref": "#/components/parameters/Q"}, "Q": {"$ref": "#/components/parameters/P"}}
    doc = {"components": {"parameters": alias}}
    with pytest.raises(PipelineError, match=r"\$\.components\.parameters\.P: \$ref cycle P -> Q -> P"):
        validate.check_refs(doc)


def overlay(**action: Any) -> dict[str, Any]:
    full = {"description": "why", "x-evidence": "u", **action}
    return {"overlay": "1.0.0", "info": {"title": "t", "version": "1"}, "actions": [full]}


def test_a_node_selected_twice_is_removed_once() -> None:
    doc = {"tags": [{"name": "a"}, {"name": "b"}, {"name": "c"}]}
    apply_overlay(doc, overlay(target="$.tags[0,0]", remove=True), "o")
    assert doc["tags"] == [{"name": "b"}, {"name": "c"}]
    doc = {"info": {"title": "t", "x": 1}}
    apply_overlay(doc, overlay(target="$.info['x','x']", remove=True), "o")  # KeyError before
    assert doc["info"] == {"title": "t"}


def test_a_node_selected_twice_is_updated_once() -> None:
    doc = {"tags": [{"name": "a"}]}
    apply_overlay(doc, overlay(target="$['tags','tags']", update={"name": "b"}), "o")
    assert doc["tags"] == [{"name": "a"}, {"name": "b"}]


def test_a_target_too_deep_to_parse_is_one_error() -> None:
    with pytest.raises(PipelineError, match=r"invalid JSONPath: nested too deeply to parse$"):
        apply_overlay({}, overlay(target="$[?" + "!" * 5000 + "@]", update={}), "o")


@pytest.mark.parametrize("components", [[], "x", {"schemas": []}])
def test_components_an_overlay_broke_are_left_to_the_validator(components: Any) -> None:
    validate.check_refs({"components": components})


def test_an_enum_key_in_an_example_is_data_not_a_schema() -> None:
    example = {"enum": ["a-b", "a_b"]}
    validate.lint(schemas(E={"type": "object", "example": example, "x-sample": example}))
    with pytest.raises(PipelineError, match=r"^effective spec: \$\.components\.schemas\.E\.properties\.p\.enum: "):
        validate.lint(schemas(E={"type": "object", "properties": {"p": {"type": "string", **example}}}))
