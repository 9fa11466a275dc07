"""What the resource facade (``po.cancellations.approve(...)``) offers, worked out from the spec.

Each tag with ``x-resource-name`` becomes a resource; each of its operations with
``x-method-name`` becomes a method whose keyword arguments are the operation's query parameters
and the fields of its JSON body, typed from the model plans. Each method states its own call
(method, path template, arguments, response class) against the engine; the plan carries that
call as data: class references and typed argument kinds, so the Python source the template
prints (annotations, argument values, imports) is worked out here, where mypy checks every case.

``x-ebay-location-id`` (eBay answers 201 with the new id only in ``Location``) makes the method
return that id. ``x-ebay-pagination`` makes a method's result a page class (the typed response that also
iterates every item across pages) and adds ``search_all``; a ``get`` method whose only path
parameter is the id adds ``get_many``; ``x-ebay-signature-required``, ``x-ebay-decommissioned``
and ``x-ebay-empty-json-body`` reach the engine through the call, as do a tag's
``x-ebay-quota-resource`` (the budget its calls count against) and ``x-ebay-quota-write`` (a
call the budget's write reserve is kept for). Collisions between argument
names are refused here, with the operation named.

A tag's ``x-client`` names the client class its resource belongs to (``PostOrder`` when absent:
``NotificationSetup`` for the Notification API's), so each client gets its own resources; a
tag's ``x-ebay-token`` names the engine its calls go through (``user``: the client's user-token
engine, instead of the default one).
"""

import enum
from dataclasses import dataclass, replace
from typing import Any, assert_never

from openapi_python_client.strings import PythonIdentifier

from .errors import PipelineError
from .modelplan import ClassRef, Field, ModelPlan
from .validate import operations

OPTION_NAMES = frozenset({"marketplace", "max_retries", "timeout", "self"})
OPTIONS_DOC = (
    (
        "marketplace",
        "The eBay marketplace id sent as X-EBAY-C-MARKETPLACE-ID on this call (EBAY_US, EBAY_GB, EBAY_DE, ...);"
        " None sends the client's.",
    ),
    (
        "max_retries",
        "Retries for this call instead of the client's; a POST that may have reached eBay is never sent twice.",
    ),
    ("timeout", "Seconds (or an httpx.Timeout) for this call instead of the client's."),
)
NO_DESCRIPTION = "See the eBay page."
DEFAULT_CLIENT = "PostOrder"
ENUM_VALUES_SHOWN = 12  # a longer enum (countries, currencies) is named, not listed
SCALAR_TYPES = {"integer": "int", "boolean": "bool", "number": "float"}


class Kind(enum.Enum):
    SCALAR = "scalar"  # str, int, bool, decimal.Decimal ...
    TIMESTAMP = "timestamp"  # a date-time query filter: a datetime, or the string as given
    ENUM = "enum"  # an open enum: the facade also takes a plain string
    MODEL = "model"
    ANY = "any"


@dataclass(frozen=True)
class ArgType:
    kind: Kind
    python: str  # the scalar's type, or the class name
    ref: ClassRef | None = None
    many: bool = False
    from_str: str | None = None  # a model a plain str stands for: the field it fills (x-python-from-str)

    @property
    def annotation(self) -> str:
        match self.kind:
            case Kind.ENUM | Kind.TIMESTAMP:
                inner = f"{self.python} | str"
            case Kind.MODEL:
                inner = f"{self.python} | str" if self.from_str else self.python
            case Kind.SCALAR | Kind.ANY:
                inner = self.python
            case _:
                assert_never(self.kind)
        return f"list[{inner}]" if self.many else inner


@dataclass(frozen=True)
class Arg:
    name: str  # the facade method's keyword (and the request model's, for body fields)
    wire: str  # the name in the path or query, as eBay spells it
    type: ArgType
    required: bool
    description: str

    @property
    def annotation(self) -> str:
        return self.type.annotation if self.required else f"{self.type.annotation} | Unset"

    @property
    def model_value(self) -> str:
        """The expression that hands this argument to a request model's constructor (which takes
        a plain string for an enum itself)."""
        if self.type.kind is Kind.MODEL and self.type.from_str and not self.type.many:
            return f"from_str({self.type.python}, {self.name}, {self.type.from_str!r})"
        return self.name


@dataclass(frozen=True)
class Body:
    ref: ClassRef
    args: tuple[Arg, ...]


@dataclass(frozen=True)
class Page:
    """The page classes of a paginated search: the response model with the page mixin."""

    name: str  # the sync class; the async one is "Async" + name
    module: str  # under pages/
    method: str  # the facade method that returns it
    response: ClassRef
    items_attr: str
    item: ClassRef
    unit: str  # what offset counts: "entries" or "pages"


@dataclass(frozen=True)
class Method:
    name: str
    summary: str
    description: str
    http_method: str
    path: str
    doc_url: str
    path_args: tuple[Arg, ...]
    query_args: tuple[Arg, ...]
    body: Body | None
    empty_json_body: bool
    returns: ClassRef | None
    page: Page | None
    signed: bool
    decommissioned: str | None
    use_instead: str | None
    location_id: bool  # eBay answers 201 with the new id only in Location: the method returns it
    quota: str | None = None  # eBay's rate-limit resource the call counts against (the tag's x-ebay-quota-resource)
    write: bool = False  # the budget's write reserve is kept for it (x-ebay-quota-write)

    @property
    def keyword_args(self) -> tuple[Arg, ...]:
        return self.query_args + (self.body.args if self.body else ())

    def result(self, prefix: str) -> str | None:
        """The annotation of what the method returns, for the sync ("") or async ("Async") class."""
        if self.page is not None:
            return prefix + self.page.name
        if self.location_id:
            return "CreatedId"
        return self.returns.name if self.returns else None

    @property
    def run_imports(self) -> list[ClassRef]:
        """Model classes the method body needs when it runs: imported there, on first call."""
        refs = [a.type.ref for a in self.body.args if a.type.from_str] if self.body else []
        if self.body:
            refs.append(self.body.ref)
        if self.returns and not self.page:
            refs.append(self.returns)
        return _unique(r for r in refs if r is not None)

    @property
    def type_imports(self) -> list[ClassRef]:
        """Model classes the signature names (imported for type checkers only)."""
        refs = [a.type.ref for a in self.path_args + self.keyword_args]
        refs += [self.returns, self.page.item if self.page else None]
        return _unique(r for r in refs if r is not None)


@dataclass(frozen=True)
class Resource:
    attribute: str
    tag: str
    description: str
    class_name: str
    module: str
    methods: tuple[Method, ...]
    client: str = DEFAULT_CLIENT  # the client class it is an attribute of (the tag's x-client)
    token: str | None = None  # the engine its calls use: None for the client's default one (x-ebay-token)

    @property
    def engine(self) -> str:
        """The attribute of the client that holds the engine this resource's calls go through."""
        return f"_{self.token}_engine" if self.token else "_engine"

    @property
    def handle(self) -> str:
        """How the reference names the client: ``po`` for the Post-Order one, else its class."""
        return "po" if self.client == DEFAULT_CLIENT else self.client

    @property
    def get_method(self) -> Method | None:
        method = next((m for m in self.methods if m.name == "get"), None)
        return method if method is not None and len(method.path_args) == 1 else None

    @property
    def pages(self) -> list[Page]:
        return [m.page for m in self.methods if m.page is not None]

    @property
    def type_imports(self) -> list[ClassRef]:
        return _unique(ref for m in self.methods for ref in m.type_imports)


def plan_facade(doc: dict[str, Any], plans: dict[str, ModelPlan], classes: dict[str, ClassRef]) -> list[Resource]:
    by_tag: dict[str, list[dict[str, Any]]] = {}
    for http_method, path, op in operations(doc):
        if "x-method-name" in op:
            by_tag.setdefault(op["tags"][0], []).append({"http_method": http_method, "path": path, "op": op})
    resources = []
    for tag in doc.get("tags", []):
        if "x-resource-name" not in tag:
            continue
        attribute = tag["x-resource-name"]
        base = "".join(part.capitalize() for part in attribute.split("_"))
        quota = tag.get("x-ebay-quota-resource")
        methods = tuple(
            replace(_method(doc, **found, plans=plans, classes=classes, base=base), quota=quota)
            for found in by_tag.get(tag["name"], [])
        )
        names = [m.name for m in methods]
        if len(set(names)) != len(names):
            raise PipelineError(f"effective spec: tag {tag['name']!r}: two operations share an x-method-name")
        resources.append(
            Resource(
                attribute=attribute,
                tag=tag["name"],
                description=" ".join(str(tag.get("description", "")).split()),
                class_name=base + "Resource",
                module=attribute,
                methods=methods,
                client=str(tag.get("x-client", DEFAULT_CLIENT)),
                token=tag.get("x-ebay-token"),
            )
        )
    return resources


def by_client(resources: list[Resource]) -> list[tuple[str, list[Resource]]]:
    """The resources of each client, the Post-Order client first, the others by name; the
    Post-Order client's classes keep their plain names (``SyncResources``), another client's
    carry its name (``SyncNotificationSetupResources``)."""
    clients = sorted({r.client for r in resources}, key=lambda c: (c != DEFAULT_CLIENT, c))
    return [("" if c == DEFAULT_CLIENT else c, [r for r in resources if r.client == c]) for c in clients]


def _method(
    doc: dict[str, Any],
    http_method: str,
    path: str,
    op: dict[str, Any],
    plans: dict[str, ModelPlan],
    classes: dict[str, ClassRef],
    base: str,
) -> Method:
    where = f"effective spec: {http_method.upper()} {path}"
    params = [_resolve(doc, p) for p in op.get("parameters", [])]
    path_args = tuple(_param_arg(p, classes) for p in params if p["in"] == "path")
    query_args = tuple(_param_arg(p, classes) for p in params if p["in"] == "query")
    body = None
    body_ref = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")
    if body_ref:
        schema_name = body_ref.rsplit("/", 1)[1]
        from_str = {
            classes[name].name: schema["x-python-from-str"]
            for name, schema in doc["components"]["schemas"].items()
            if "x-python-from-str" in schema
        }
        body = Body(classes[schema_name], tuple(_field_arg(f, from_str) for f in plans[schema_name].fields))
    enums = {
        classes[name].name: [str(value) for value in schema["enum"]]
        for name, schema in doc["components"]["schemas"].items()
        if schema.get("enum") and name in classes
    }
    query_args = tuple(_with_values(a, enums) for a in query_args)
    if body:
        body = replace(body, args=tuple(_with_values(a, enums) for a in body.args))
    names = [a.name for a in path_args + query_args + (body.args if body else ())]
    clash = next((n for n in names if names.count(n) > 1 or n in OPTION_NAMES), None)
    if clash:
        raise PipelineError(f"{where}: argument name {clash!r} is used twice or is reserved")
    schema_name = _response_schema(op)
    returns = classes[schema_name] if schema_name else None
    page = None
    paging = op.get("x-ebay-pagination")
    if paging:
        field = next((f for f in plans[schema_name].fields if f.wire == paging["items"]), None) if schema_name else None
        if returns is None or field is None or field.kind != "model" or not field.is_list or field.ref is None:
            raise PipelineError(f"{where}: x-ebay-pagination items {paging.get('items')!r} is not a list of objects")
        name = base + op["x-method-name"].title().replace("_", "") + "Page"
        page = Page(name, base.lower(), op["x-method-name"], returns, field.attr, field.ref, paging["offset"])
    location_id = bool(op.get("x-ebay-location-id"))
    if location_id and returns is not None:
        raise PipelineError(f"{where}: x-ebay-location-id on an operation that also answers a body")
    return Method(
        name=op["x-method-name"],
        summary=op["summary"],
        description=" ".join(str(op.get("description", "")).split()),
        http_method=http_method.upper(),
        path=path,
        doc_url=op["externalDocs"]["url"],
        path_args=path_args,
        query_args=query_args,
        body=body,
        empty_json_body=bool(op.get("x-ebay-empty-json-body")),
        returns=returns,
        page=page,
        signed=bool(op.get("x-ebay-signature-required")),
        decommissioned=op.get("x-ebay-decommissioned"),
        use_instead=op.get("x-ebay-use-instead"),
        location_id=location_id,
        write=bool(op.get("x-ebay-quota-write")),
    )


def _resolve(doc: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    if "$ref" not in node:
        return node
    section, name = node["$ref"].split("/")[-2:]
    return doc["components"][section][name]  # type: ignore[no-any-return]


def _param_arg(param: dict[str, Any], classes: dict[str, ClassRef]) -> Arg:
    schema = param.get("schema", {})
    if "$ref" in schema:
        ref = classes[schema["$ref"].rsplit("/", 1)[1]]
        arg_type = ArgType(Kind.ENUM if ref.is_enum else Kind.MODEL, ref.name, ref)
    elif schema.get("format") == "date-time":
        arg_type = ArgType(Kind.TIMESTAMP, "datetime.datetime")
    else:
        arg_type = ArgType(Kind.SCALAR, SCALAR_TYPES.get(schema.get("type", ""), "str"))
    return Arg(
        name=str(PythonIdentifier(param["name"], "field_")),
        wire=param["name"],
        type=arg_type,
        required=bool(param.get("required")),
        description=_description(param),
    )


def _field_arg(field: Field, from_str: dict[str, str]) -> Arg:
    kind = {"enum": Kind.ENUM, "model": Kind.MODEL, "any": Kind.ANY}.get(field.kind, Kind.SCALAR)
    fills = from_str.get(field.ref.name) if field.ref is not None and kind is Kind.MODEL else None
    return Arg(
        name=field.attr,
        wire=field.wire,
        type=ArgType(kind, field.python_type, field.ref, field.is_list, fills),
        required=field.required,
        description=field.description or NO_DESCRIPTION,
    )


def _description(node: dict[str, Any]) -> str:
    return " ".join(str(node.get("description", "")).split()) or NO_DESCRIPTION


def _with_values(arg: Arg, enums: dict[str, list[str]]) -> Arg:
    """An enum argument's description, followed by the values the spec lists for it."""
    values = enums.get(arg.type.python) if arg.type.kind is Kind.ENUM else None
    if not values:
        return arg
    listed = ", ".join(values) if len(values) <= ENUM_VALUES_SHOWN else f"{len(values)} values, see {arg.type.python}"
    described = f"{arg.description.rstrip('.')}. Values: {listed}; a newer value is taken as a str."
    return replace(arg, description=described)


def _response_schema(op: dict[str, Any]) -> str | None:
    for status, response in op.get("responses", {}).items():
        if str(status).startswith("2"):
            ref = response.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")
            if ref:
                return str(ref.rsplit("/", 1)[1])
    return None


def _unique(refs: Any) -> list[ClassRef]:
    seen = {ref.name: ref for ref in refs}
    return [seen[name] for name in sorted(seen)]
