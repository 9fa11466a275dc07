"""What each generated model holds, worked out from the effective spec.

Our model template (``templates/model.py.jinja``) renders from these plans rather than from
openapi-python-client's property objects: a plan is plain data a test can read, and it is where
the spec's vendor extensions take effect — ``x-python-name`` (a clean attribute for a wire key
such as ``@type`` or ``__value__``) and ``format: decimal`` (exact money). Shapes the models do
not support, such as an inline object or enum, are refused here with the schema and property
named, instead of being generated wrongly; so are names that would shadow what the generated
code itself uses (a schema named ``Response``, a property named ``to_dict``) and two schemas
whose classes land in one module (``ABTest`` and ``AbTest``), which would otherwise generate
without a warning and fail on every call.
"""

import builtins
import enum
import keyword
from dataclasses import dataclass, replace
from typing import Any

from openapi_python_client.strings import PythonIdentifier

from .errors import PipelineError
from .validate import jsonpath

SCALARS = {
    ("string", None): ("str", "str"),
    ("string", "date-time"): ("datetime", "datetime.datetime"),
    ("integer", None): ("int", "int"),
    ("integer", "int32"): ("int", "int"),
    ("integer", "int64"): ("int", "int"),
    ("number", None): ("float", "float"),
    ("number", "double"): ("float", "float"),
    ("number", "decimal"): ("decimal", "decimal.Decimal"),
    ("boolean", None): ("bool", "bool"),
}
FACADE_SETUP_RESOURCES = ("Config", "Destinations", "Subscriptions", "Topics", "PublicKey")
"""The resources of NotificationSetup (spec/notification-api/), whose classes the facade binds."""
RESERVED_CLASS_NAMES = frozenset(dir(builtins)) | {
    # Bound at module level by the generated modules that define or import model classes: the
    # model and enum templates, types.py and client.py (imported by every operation module), the
    # operation modules, the resource facade and the package and models __init__. A model class
    # of the same name would shadow it there. tests/generator/test_reserved_names.py derives the
    # list from the generated tree again, so a template that binds a new name cannot slip by.
    *("Any", "ClassVar", "Literal", "Mapping", "Self", "TYPE_CHECKING", "StrEnum", "BY_VALUE"),
    *("AsyncIterator", "Awaitable", "Callable", "Iterable", "Iterator", "Sequence", "TracebackType"),
    *("UNSET", "Unset", "Response", "File", "FileTypes", "FileContent", "RequestFiles"),
    *("Client", "AuthenticatedClient", "HTTPStatus"),
    *("SyncEngine", "AsyncEngine", "CallOptions", "CreatedId", "Timeout", "DEFAULT_TIMEOUT"),
    *("PostOrder", "AsyncPostOrder", "Marketplace", "RefreshingAuth", "TokenAuth", "TOKEN_PATH"),
    *("Signer", "SigningKey", "SyncResources", "AsyncResources", "SyncRawResources", "AsyncRawResources"),
    "ApiResponse",
    *("SyncNotificationSetupResources", "AsyncNotificationSetupResources"),
    *("SyncNotificationSetupRawResources", "AsyncNotificationSetupRawResources"),
    *("Environment", "Generic", "TypeVar", "H", "S", "Tr", "USER_AGENT", "OPTIONS"),
    *("ENVIRONMENTS", "MARKETPLACES", "API_PREFIX", "RESERVED_HEADERS", "MAX_RESPONSE_BYTES"),
    *(
        f"{prefix}{name}{kind}"
        for prefix in ("", "Async")
        for name in (*("Cancellations", "Cases", "Inquiries", "Returns"), *FACADE_SETUP_RESOURCES)
        for kind in ("Resource", "ResourceWithRawResponse", "SearchPage")
    ),
}
"""Class names a schema must not get (openapi-python-client already renames builtins such as
``TypeError``, which the models catch; they are listed in case it stops)."""

RESERVED_ATTRIBUTES = frozenset(
    {
        # defined on every model class by templates/model.py.jinja
        *("to_dict", "from_dict", "_from_any", "_decode", "additional_properties", "unparsed"),
        *("WIRE", "EXPECTED", "NESTED", "FIELDS", "ALWAYS", "setters", "Sequence"),
        # what the class body refers to while it is built or type-checked: a field of the same
        # name would be found first (``field(init=False)`` would call the field's default)
        *("UNSET", "Unset", "field", "define", "_encode", "Any", "Mapping", "ClassVar", "Self"),
        *("datetime", "decimal", "frozenset", "dict", "tuple", "str", "int", "float", "bool", "list"),
        # attrs' generated __init__ takes ``self`` first
        "self",
    }
)
"""Attribute names a property must not get; nor may one start with ``_`` (attrs drops the
underscore from the ``__init__`` argument) or be the name of a generated class."""

# A leaf model with at most this many fields is decoded inside its parent (DateTime has 2, Amount
# 5, Text 4); a larger one would add more code to every parent than the saved call is worth.
LEAF_FIELDS = 5
EXPECTED = {
    "str": "a string",
    "datetime": "an ISO 8601 timestamp",
    "int": "an integer",
    "float": "a number",
    "decimal": "a decimal number",
    "bool": "a boolean",
}


@dataclass(frozen=True)
class ClassRef:
    name: str
    module: str
    is_enum: bool


class Kind(enum.StrEnum):
    """What a field holds; templates compare it with plain strings (``f.kind == "enum"``)."""

    STR = "str"
    INT = "int"
    FLOAT = "float"
    DECIMAL = "decimal"
    BOOL = "bool"
    DATETIME = "datetime"
    ENUM = "enum"
    MODEL = "model"
    ANY = "any"


@dataclass(frozen=True)
class Field:
    wire: str
    attr: str
    kind: Kind
    python_type: str  # the item type for lists
    is_list: bool
    required: bool
    description: str
    ref: ClassRef | None
    inline: "ModelPlan | None" = None  # a small leaf model decoded in its parent's body
    always: bool = False  # eBay returns it every time (x-ebay-occurrence), though a request may omit it

    @property
    def type(self) -> str:
        return f"list[{self.python_type}]" if self.is_list else self.python_type

    @property
    def annotation(self) -> str:
        """The type a reader sees: plain where eBay always sends the field (or a request must)."""
        return self.type if self.required or self.always else f"{self.type} | Unset"

    @property
    def slot(self) -> str:
        """Where the value is stored: an always-returned field keeps ``UNSET`` in ``_name`` when eBay
        left it out, behind a property that raises ``MissingFieldError`` on reading it."""
        return f"_{self.attr}" if self.always else self.attr

    @property
    def converter(self) -> str | None:
        """The enum module's function the constructor runs the value through, for an enum field."""
        if self.kind is not Kind.ENUM or self.ref is None:
            return None
        return f"_{self.ref.module}_{'coerce_list' if self.is_list else 'coerce'}{'' if self.required else '_or_unset'}"

    @property
    def expected(self) -> str:
        what = (
            f"a {self.python_type} object"
            if self.kind == "model"
            else f"a {self.python_type} value"
            if self.kind == "enum"
            else EXPECTED.get(self.kind, "any JSON value")
        )
        return f"a list of {what.removeprefix('a ').removeprefix('an ')}" if self.is_list else what


@dataclass(frozen=True)
class ModelPlan:
    name: str
    fields: tuple[Field, ...]

    @property
    def nested(self) -> list[Field]:
        return [f for f in self.fields if f.kind == "model"]

    @property
    def inlined(self) -> list["ModelPlan"]:
        return [f.inline for f in self.fields if f.inline is not None]

    @property
    def inlined_refs(self) -> list[ClassRef]:
        """The leaf classes decoded in place, once each: their scratch locals are named after them."""
        seen = {f.ref.name: f.ref for f in self.fields if f.inline is not None and f.ref is not None}
        return [seen[name] for name in sorted(seen)]

    @property
    def refs(self) -> list[ClassRef]:
        fields = [*self.fields, *(f for leaf in self.inlined for f in leaf.fields)]
        seen = {f.ref.name: f.ref for f in fields if f.ref is not None and f.ref.name != self.name}
        return [seen[name] for name in sorted(seen)]

    @property
    def always(self) -> list[Field]:
        return [f for f in self.fields if f.always]

    @property
    def needs(self) -> set[str]:
        return {f.kind for f in self.fields}.union(*(leaf.needs for leaf in self.inlined))

    @property
    def is_small_leaf(self) -> bool:
        """No nested models, lists or required fields, and few fields: cheap to decode in place."""
        return len(self.fields) <= LEAF_FIELDS and all(
            f.kind not in (Kind.MODEL, Kind.ANY) and not f.is_list and not f.required for f in self.fields
        )


def plan_models(doc: dict[str, Any], classes: dict[str, ClassRef]) -> dict[str, ModelPlan]:
    """One plan per object schema, keyed by schema name; ``classes`` maps schema names to classes."""
    schemas = doc.get("components", {}).get("schemas", {})
    owners: dict[str, str] = {}
    for name, ref in classes.items():
        where = f"effective spec: {jsonpath(['components', 'schemas', name])}"
        if ref.name in RESERVED_CLASS_NAMES:
            raise PipelineError(
                f"{where}: its class name {ref.name!r} would shadow a name the generated code uses; "
                "rename the schema (or give it another title)"
            )
        if ref.module in owners:  # openapi-python-client would write both into one file, silently
            raise PipelineError(
                f"{where}: its module models/{ref.module}.py would also hold schema {owners[ref.module]!r}; "
                "rename one of them"
            )
        owners[ref.module] = name
    class_names = {ref.name for ref in classes.values()}
    plans = {
        name: ModelPlan(classes[name].name, _fields(name, schema, schemas, classes, class_names))
        for name, schema in schemas.items()
        if schema.get("type") == "object"
    }
    by_class = {plan.name: plan for plan in plans.values()}
    return {name: _with_leaves_inlined(plan, by_class) for name, plan in plans.items()}


def _with_leaves_inlined(plan: ModelPlan, by_class: dict[str, ModelPlan]) -> ModelPlan:
    """Mark the single (not list) fields whose model is a small leaf to be decoded in place.

    Decoding DateTime or Amount inside the parent saves a call and its set-up per object, about a
    quarter of what such an object costs; eBay's payloads hold many of them (bench/decode.py).
    """
    fields = []
    for f in plan.fields:
        leaf = by_class.get(f.python_type) if f.kind == "model" and not f.is_list else None
        fields.append(replace(f, inline=leaf) if leaf is not None and leaf.is_small_leaf else f)
    return ModelPlan(plan.name, tuple(fields))


def _fields(
    name: str, schema: dict[str, Any], schemas: dict[str, Any], classes: dict[str, ClassRef], class_names: set[str]
) -> tuple[Field, ...]:
    required = set(schema.get("required", []))
    fields = []
    for wire, prop in (schema.get("properties") or {}).items():
        where = f"schema {name!r} property {wire!r}"
        is_list = prop.get("type") == "array"
        item = prop.get("items", {}) if is_list else prop
        kind, python_type, ref = _kind(item, schemas, classes, where)
        fields.append(
            Field(
                wire=wire,
                attr=prop.get("x-python-name") or str(PythonIdentifier(wire, "field_")),
                kind=kind,
                python_type=python_type,
                is_list=is_list,
                required=wire in required,
                description=" ".join(str(prop.get("description", "")).split()),
                ref=ref,
                always=wire not in required and _always(prop.get("x-ebay-occurrence")),
            )
        )
    bad = next((f.attr for f in fields if not f.attr.isidentifier() or keyword.iskeyword(f.attr)), None)
    if bad is not None:
        raise PipelineError(f"effective spec: schema {name!r}: x-python-name {bad!r} is not a Python identifier")
    for f in fields:
        if f.attr in RESERVED_ATTRIBUTES or f.attr.startswith("_") or f.attr in class_names:
            where = jsonpath(["components", "schemas", name, "properties", f.wire])
            raise PipelineError(
                f"effective spec: {where}: attribute name {f.attr!r} is taken by the model class or its "
                "generated code; give the property another x-python-name"
            )
    attrs = [f.attr for f in fields]
    clash = next((a for a in attrs if attrs.count(a) > 1), None)
    if clash:
        raise PipelineError(f"effective spec: schema {name!r}: two properties map to attribute {clash!r}")
    return tuple(fields)


def _always(occurrence: Any) -> bool:
    """eBay's occurrence says Always, on every call that returns the type (spec/ README section)."""
    if isinstance(occurrence, dict):
        return bool(occurrence) and all(value == "Always" for value in occurrence.values())
    return bool(occurrence == "Always")


def _kind(
    item: dict[str, Any], schemas: dict[str, Any], classes: dict[str, ClassRef], where: str
) -> tuple[Kind, str, ClassRef | None]:
    if "$ref" in item:
        target = item["$ref"].rsplit("/", 1)[1]
        ref = classes.get(target)
        if ref is not None:
            return (Kind.ENUM if ref.is_enum else Kind.MODEL), ref.name, ref
        return _kind(schemas[target], schemas, classes, where)
    if "enum" in item or item.get("properties"):
        raise PipelineError(f"effective spec: {where}: inline enums and objects are not supported; name it")
    if item.get("type") == "array":
        raise PipelineError(f"effective spec: {where}: nested arrays are not supported")
    if item.get("type") in (None, "object"):
        return Kind.ANY, "Any", None
    scalar = SCALARS.get((item["type"], item.get("format"))) or SCALARS.get((item["type"], None))
    if scalar is None:
        raise PipelineError(f"effective spec: {where}: unsupported type/format {item['type']}/{item.get('format')}")
    return Kind(scalar[0]), scalar[1], None
