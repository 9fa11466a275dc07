"""What the resource facade (``po.cancellations.approve(...)``) offers, worked out from the spec.

Each tag with ``x-resource-name`` becomes a resource; each of its operations with
``x-method-name`` becomes a method whose keyword arguments are the operation's query parameters
and the fields of its JSON body, typed from the model plans. ``x-ebay-pagination`` adds
``search_all``; a ``get`` method whose only path parameter is the id adds ``get_many``;
``x-ebay-signature-required`` and ``x-ebay-decommissioned`` reach the engine. Collisions between
argument names are refused here, with the operation named.
"""

from dataclasses import dataclass
from typing import Any

from openapi_python_client.strings import PythonIdentifier

from .errors import PipelineError
from .modelplan import ClassRef, ModelPlan
from .validate import operations

OPTION_NAMES = frozenset({"marketplace", "max_retries", "timeout", "self"})


@dataclass(frozen=True)
class Arg:
    name: str  # the keyword of the facade method and of the generated _get_kwargs
    annotation: str
    required: bool
    enum: str | None  # an enum class: the facade also accepts a plain string
    description: str
    many: bool = False  # a list of enum members (or plain strings)


@dataclass(frozen=True)
class Method:
    name: str
    summary: str
    description: str
    http_method: str
    path: str
    doc_url: str
    module: str  # the generated operation module, relative to the package
    op_name: str  # the Operation constant in the resource module
    path_args: tuple[Arg, ...]
    query_args: tuple[Arg, ...]
    body_class: str | None
    body_args: tuple[Arg, ...]
    returns: str | None
    signed: bool
    decommissioned: str | None
    paginate: tuple[str, str, str] | None  # (items attribute, offset unit, item class)

    @property
    def keyword_args(self) -> tuple[Arg, ...]:
        return self.query_args + self.body_args

    @property
    def imports(self) -> set[str]:
        names = {a.enum for a in self.keyword_args if a.enum}
        names |= {self.body_class, self.returns} - {None}  # type: ignore[arg-type]
        names |= {cls for a in self.keyword_args for cls in _classes_in(a.annotation)}
        if self.paginate:
            names.add(self.paginate[2])
        return {n for n in names if n}


@dataclass(frozen=True)
class Resource:
    attribute: str
    tag: str
    description: str
    class_name: str
    module: str
    methods: tuple[Method, ...]

    @property
    def get_method(self) -> Method | None:
        method = next((m for m in self.methods if m.name == "get"), None)
        return method if method is not None and len(method.path_args) == 1 else None


def plan_facade(doc: dict[str, Any], plans: dict[str, ModelPlan], classes: dict[str, ClassRef]) -> list[Resource]:
    by_tag: dict[str, list[Method]] = {}
    for http_method, path, op in operations(doc):
        if "x-method-name" not in op:
            continue
        by_tag.setdefault(op["tags"][0], []).append(_method(doc, http_method, path, op, plans, classes))
    resources = []
    for tag in doc.get("tags", []):
        if "x-resource-name" not in tag:
            continue
        attribute = tag["x-resource-name"]
        methods = tuple(by_tag.get(tag["name"], []))
        names = [m.name for m in methods]
        if len(set(names)) != len(names):
            raise PipelineError(f"effective spec: tag {tag['name']!r}: two operations share an x-method-name")
        resources.append(
            Resource(
                attribute=attribute,
                tag=tag["name"],
                description=" ".join(str(tag.get("description", "")).split()),
                class_name="".join(part.capitalize() for part in attribute.split("_")) + "Resource",
                module=attribute,
                methods=methods,
            )
        )
    return resources


def _method(
    doc: dict[str, Any],
    http_method: str,
    path: str,
    op: dict[str, Any],
    plans: dict[str, ModelPlan],
    classes: dict[str, ClassRef],
) -> Method:
    where = f"effective spec: {http_method.upper()} {path}"
    params = [_resolve(doc, p) for p in op.get("parameters", [])]
    path_args = tuple(_param_arg(p, classes) for p in params if p["in"] == "path")
    query_args = tuple(_param_arg(p, classes) for p in params if p["in"] == "query")
    body_class: str | None = None
    body_args: tuple[Arg, ...] = ()
    body_ref = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")
    if body_ref:
        schema_name = body_ref.rsplit("/", 1)[1]
        body_class = classes[schema_name].name
        body_args = tuple(
            Arg(
                f.attr,
                _accepting_str(f.annotation, f),
                f.required,
                f.python_type if f.kind == "enum" else None,
                f.description,
                f.kind == "enum" and f.is_list,
            )
            for f in plans[schema_name].fields
        )
    names = [a.name for a in path_args + query_args + body_args]
    clash = next((n for n in names if names.count(n) > 1 or n in OPTION_NAMES), None)
    if clash:
        raise PipelineError(f"{where}: argument name {clash!r} is used twice or is reserved")
    returns = _response_class(op, classes)
    paging = op.get("x-ebay-pagination")
    paginate = None
    if paging:
        schema_name = _response_schema(op)
        field = next((f for f in plans[schema_name].fields if f.wire == paging["items"]), None) if schema_name else None
        if field is None or field.kind != "model" or not field.is_list:
            raise PipelineError(f"{where}: x-ebay-pagination items {paging.get('items')!r} is not a list of objects")
        paginate = (field.attr, paging["offset"], field.python_type)
    module = f"api.{PythonIdentifier(op['tags'][0], 'tag')}.{PythonIdentifier(op['operationId'], 'field_')}"
    return Method(
        name=op["x-method-name"],
        summary=op["summary"],
        description=" ".join(str(op.get("description", "")).split()),
        http_method=http_method.upper(),
        path=path,
        doc_url=op["externalDocs"]["url"],
        module=module,
        op_name="_" + str(PythonIdentifier(op["operationId"], "field_")).upper(),
        path_args=path_args,
        query_args=query_args,
        body_class=body_class,
        body_args=body_args,
        returns=returns,
        signed=bool(op.get("x-ebay-signature-required")),
        decommissioned=op.get("x-ebay-decommissioned"),
        paginate=paginate,
    )


def _resolve(doc: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    if "$ref" not in node:
        return node
    section, name = node["$ref"].split("/")[-2:]
    return doc["components"][section][name]  # type: ignore[no-any-return]


def _param_arg(param: dict[str, Any], classes: dict[str, ClassRef]) -> Arg:
    schema = param.get("schema", {})
    enum = None
    if "$ref" in schema:
        ref = classes[schema["$ref"].rsplit("/", 1)[1]]
        enum = ref.name if ref.is_enum else None
        annotation = f"{ref.name} | str" if enum else ref.name
    else:
        annotation = {"integer": "int", "boolean": "bool", "number": "float"}.get(schema.get("type", ""), "str")
    required = bool(param.get("required"))
    return Arg(
        name=str(PythonIdentifier(param["name"], "field_")),
        annotation=annotation if required else f"{annotation} | Unset",
        required=required,
        enum=enum,
        description=" ".join(str(param.get("description", "")).split()),
    )


def _accepting_str(annotation: str, field: Any) -> str:
    if field.kind == "enum":
        return annotation.replace(field.python_type, f"{field.python_type} | str", 1)
    return annotation


def _response_schema(op: dict[str, Any]) -> str | None:
    for status, response in op.get("responses", {}).items():
        if str(status).startswith("2"):
            ref = response.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")
            if ref:
                return str(ref.rsplit("/", 1)[1])
    return None


def _response_class(op: dict[str, Any], classes: dict[str, ClassRef]) -> str | None:
    name = _response_schema(op)
    return classes[name].name if name else None


def _classes_in(annotation: str) -> set[str]:
    words = annotation.replace("[", " ").replace("]", " ").replace("|", " ").split()
    return {w for w in words if w[:1].isupper() and w not in {"Unset", "Any"} and "." not in w}
