"""Names that would generate without a warning and then break every call are refused.

A schema whose class would shadow a name the generated modules use (``Response``, ``Client``,
``Unset``, the typing names), and a property whose attribute the
model class itself needs (``to_dict``, ``unparsed``, ``WIRE``...), each stop the generator with one
error line naming the place. The last test derives the reserved class names from the generated
tree again, so a template that starts binding a new name cannot slip past the list.
"""

import ast
from pathlib import Path
from typing import Any

import pytest

from generator.modelplan import RESERVED_ATTRIBUTES, RESERVED_CLASS_NAMES
from tests.conftest import PACKAGE_DIR, effective_spec, setup_spec
from tests.generator.conftest import add_schema, copy_project
from tests.generator.test_broken_inputs import refused

OBJECT = {"type": "object", "properties": {"note": {"type": "string"}}}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


@pytest.mark.parametrize(
    "name",
    [
        "Response",  # types.py, imported by every operation module
        "Unset",  # types.py, in every model's annotations
        "Client",  # client.py
        "HTTPStatus",  # the operation modules
        "Any",  # typing, in every model and enum module
        "StrEnum",  # the enum template's base class
        "Mapping",  # collections.abc, in every model
        "CallOptions",  # the resource facade
        "PostOrder",  # the package's public client
    ],
)
def test_a_schema_whose_class_would_shadow_a_generated_name(project: Path, name: str) -> None:
    add_schema(project, name, OBJECT)
    assert refused(project) == (
        f"effective spec: $.components.schemas.{name}: its class name {name!r} would shadow a name the "
        "generated code uses; rename the schema (or give it another title)"
    )


def test_a_title_naming_the_class_is_checked_too(project: Path) -> None:
    add_schema(project, "Harmless", {**OBJECT, "title": "Response"})
    assert refused(project).startswith("effective spec: $.components.schemas.Harmless: its class name 'Response'")


def test_an_enum_whose_class_would_shadow_a_generated_name(project: Path) -> None:
    add_schema(project, "UNSET", {"type": "string", "enum": ["A"]})
    assert refused(project).startswith("effective spec: $.components.schemas.UNSET: its class name 'UNSET'")


def test_two_schemas_whose_classes_would_share_a_module(project: Path) -> None:
    add_schema(project, "ABTest", OBJECT)
    add_schema(project, "AbTest", OBJECT)  # both ab_test.py: one class would silently be lost
    assert refused(project) == (
        "effective spec: $.components.schemas.AbTest: its module models/ab_test.py would also hold schema "
        "'ABTest'; rename one of them"
    )


@pytest.mark.parametrize(
    ("prop", "attr"),
    [
        ({}, "to_dict"),  # a method of every model
        ({}, "from_dict"),
        ({}, "additional_properties"),  # attributes of every model
        ({}, "unparsed"),
        ({"x-python-name": "WIRE"}, "WIRE"),  # class constants
        ({"x-python-name": "EXPECTED"}, "EXPECTED"),
        ({"x-python-name": "NESTED"}, "NESTED"),
        ({"x-python-name": "_decode"}, "_decode"),  # private helpers, and a leading underscore
        ({"x-python-name": "_from_any"}, "_from_any"),
        ({"x-python-name": "_mine"}, "_mine"),
        ({}, "field"),  # names the class body calls or annotates with
        ({}, "decimal"),
        ({"x-python-name": "frozenset"}, "frozenset"),
        ({"x-python-name": "self"}, "self"),  # attrs' __init__ argument
        ({"x-python-name": "Amount"}, "Amount"),  # a generated class
    ],
)
def test_a_property_whose_attribute_the_model_needs(project: Path, prop: dict[str, Any], attr: str) -> None:
    wire = "wireName" if prop else attr
    add_schema(project, "Holder", {"type": "object", "properties": {wire: {"type": "string", **prop}}})
    assert refused(project) == (
        f"effective spec: $.components.schemas.Holder.properties.{wire}: attribute name {attr!r} is taken by the "
        "model class or its generated code; give the property another x-python-name"
    )


def module_level_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in [*tree.body, *(n for i in tree.body if isinstance(i, ast.If) for n in i.body)]:
        if isinstance(node, ast.Import | ast.ImportFrom):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
    return names


def test_every_name_a_module_holding_models_binds_is_reserved() -> None:
    """Model modules, and every module importing one: a schema class there would shadow these."""
    package = PACKAGE_DIR / "ebay_post_order"
    schemas = {**effective_spec()["components"]["schemas"], **setup_spec()["components"]["schemas"]}  # one package
    classes: set[str] = set()
    bound: dict[str, str] = {}
    for path in sorted(package.rglob("*.py")):
        if path.relative_to(package).parts[0] == "emulator":  # its own models/ modules, never the client's
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports_models = path.parent.name == "models" or any(
            isinstance(n, ast.ImportFrom) and "models" in (n.module or "").split(".") for n in ast.walk(tree)
        )
        names = module_level_names(tree)
        if path.parent.name == "models":
            classes |= {n.name for n in tree.body if isinstance(n, ast.ClassDef)}
        if imports_models:
            bound.update({name: str(path.relative_to(package)) for name in names})
    assert len(classes) == len([s for s in schemas.values() if s.get("type") == "object" or "enum" in s])
    # A class name is PascalCase: it starts with a capital letter and has no underscore.
    candidates = {name: where for name, where in bound.items() if name[:1].isupper() and name not in classes}
    missing = {name: where for name, where in candidates.items() if name not in RESERVED_CLASS_NAMES}
    assert not missing, f"add these to modelplan.RESERVED_CLASS_NAMES: {missing}"


def test_every_name_a_model_class_defines_or_reads_in_its_body_is_reserved() -> None:
    """A model class's methods and class-level machinery, and every name its body reads while the
    class is built or type-checked (annotations, defaults): a field of that name would shadow it."""
    trees = [ast.parse(path.read_text()) for path in sorted((PACKAGE_DIR / "ebay_post_order" / "models").glob("*.py"))]
    classes = [node for tree in trees for node in tree.body if isinstance(node, ast.ClassDef)]
    class_names = {cls.name for cls in classes}
    needed: set[str] = set()
    for cls in (cls for cls in classes if not cls.bases):  # the enums derive from StrEnum
        # an always-returned field's accessors carry the field's own name, over its ``_name`` slot
        accessors = {
            node.name
            for node in cls.body
            if isinstance(node, ast.FunctionDef)
            and any(ast.unparse(d) in ("property", f"{node.name}.setter") for d in node.decorator_list)
        }
        for node in cls.body:
            if isinstance(node, ast.FunctionDef) and node.name not in accessors:
                needed.add(node.name)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                parts = [node.annotation, *([node.value] if node.value else [])]
                needed |= {n.id for part in parts for n in ast.walk(part) if isinstance(n, ast.Name)}
                machinery = isinstance(node.value, ast.Call) and any(k.arg == "init" for k in node.value.keywords)
                if "ClassVar" in ast.unparse(node.annotation) or machinery:
                    needed.add(node.target.id)  # WIRE, EXPECTED, NESTED, additional_properties, unparsed
    assert {"to_dict", "from_dict", "WIRE", "unparsed", "Unset", "field", "ClassVar"} <= needed
    needed = {name for name in needed if not name.startswith("_")}  # a leading underscore is refused anyway
    assert needed - class_names <= RESERVED_ATTRIBUTES, sorted(needed - class_names - RESERVED_ATTRIBUTES)
