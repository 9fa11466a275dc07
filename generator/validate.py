"""Stage 3: validate the effective spec before any code is generated.

First what the tools after us would crash on rather than report (they recurse through the
document and follow ``$ref`` without a guard): nesting deeper than ``yamlio.MAX_DEPTH``, a
``$ref`` that is not a local pointer into ``components`` or resolves to nothing (an overlay can
leave one behind), and a ``$ref`` cycle that no data could ever satisfy (an alias chain A -> B ->
A, a schema in its own ``allOf``); recursion through a property or an array's items is fine.
Then openapi-spec-validator checks the document against OpenAPI 3.0, and our lint enforces what
the client relies on: every operation has a unique operationId, one declared tag, a summary, the
eBay doc URL in ``externalDocs`` and an explicit ``security`` (openapi-python-client ignores the
global one, and an operation without it would generate a function that accepts an anonymous
client), and every enum value gets a Python member name of its own.
"""

import re
from collections.abc import Iterator
from typing import Any

from openapi_python_client.strings import snake_case
from openapi_spec_validator import OpenAPIV30SpecValidator

from .errors import PipelineError
from .yamlio import MAX_DEPTH

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
WHERE = "effective spec"


def validate(doc: dict[str, Any]) -> None:
    """Raise ``PipelineError`` for the first problem found."""
    check_refs(doc)
    first = next(iter(OpenAPIV30SpecValidator(doc).iter_errors()), None)
    if first is not None:
        # openapi-spec-validator 0.8 gives no sub-errors to narrow a oneOf failure down with; its
        # message shows the offending value beside the path, which is enough to find it.
        raise PipelineError(f"{WHERE}: {first.json_path}: {first.message.splitlines()[0]}")
    lint(doc)


def operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """Every (method, path, operation) of the document, in document order."""
    return [
        (method, path, item[method])
        for path, item in doc.get("paths", {}).items()
        for method in HTTP_METHODS
        if method in item
    ]


def lint(doc: dict[str, Any]) -> None:
    """House rules that OpenAPI itself does not require."""
    tags = {tag["name"] for tag in doc.get("tags", [])}
    seen: dict[str, str] = {}
    for method, path, op in operations(doc):
        where = f"{WHERE}: {method.upper()} {path}"
        op_id = op.get("operationId")
        if not op_id:
            raise PipelineError(f"{where}: has no operationId")
        if op_id in seen:
            raise PipelineError(f"{where}: operationId {op_id!r} is already used by {seen[op_id]}")
        seen[op_id] = f"{method.upper()} {path}"
        op_tags = op.get("tags") or []
        if len(op_tags) != 1 or op_tags[0] not in tags:
            raise PipelineError(f"{where}: needs exactly one tag out of {sorted(tags)}, has {op_tags}")
        if not op.get("summary"):
            raise PipelineError(f"{where}: has no summary")
        if not (op.get("externalDocs") or {}).get("url"):
            raise PipelineError(f"{where}: has no externalDocs.url (the eBay call page)")
        if not op.get("security"):
            raise PipelineError(f"{where}: has no security requirement (see overlays/10-auth.yaml)")
    for parts, node in _nodes(doc):
        if isinstance(node.get("enum"), list) and not _in_example(parts):
            _check_enum_names(node, f"{WHERE}: {jsonpath(parts)}")


def check_refs(doc: dict[str, Any]) -> None:
    """Depth, dangling ``$ref``s and ``$ref`` cycles, before anything recurses into them."""
    for parts, node in _nodes(doc):
        if "$ref" in node:
            _check_target(doc, node["$ref"], jsonpath(parts))
    structural = {
        (section, name): list(_structural_refs(value, section == "schemas"))
        for section, entries in _components(doc).items()
        if isinstance(entries, dict)
        for name, value in entries.items()
    }
    cycle = _find_cycle(structural)
    if cycle:
        section, name = cycle[0]
        shown = " -> ".join(n for _, n in cycle)
        raise PipelineError(
            f"{WHERE}: {jsonpath(['components', section, name])}: $ref cycle {shown}: a schema that is "
            "itself through $ref or allOf/anyOf/oneOf/not has no definition (recurse through a property instead)"
        )


def _nodes(doc: Any) -> Iterator[tuple[list[str | int], dict[str, Any]]]:
    """Every mapping in the document with its path, depth first; refuses nesting too deep."""
    stack: list[tuple[list[str | int], Any]] = [([], doc)]
    while stack:
        parts, node = stack.pop()
        if len(parts) >= MAX_DEPTH and isinstance(node, dict | list):
            raise PipelineError(f"{WHERE}: {jsonpath(parts)}: nested deeper than {MAX_DEPTH} levels")
        if isinstance(node, dict):
            yield parts, node
            stack.extend(([*parts, key], value) for key, value in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend(([*parts, index], value) for index, value in reversed(list(enumerate(node))))


def _in_example(parts: list[str | int]) -> bool:
    """Inside an example or an extension, where an ``enum`` key is data, not a schema's."""
    return any(isinstance(p, str) and (p in ("example", "examples") or p.startswith("x-")) for p in parts)


_REF = re.compile(r"#/components/([^/]+)/([^/]+)")


def _target(ref: Any) -> tuple[str, str] | None:
    """(section, name) of a local ``#/components/...`` pointer, unescaped; None for anything else."""
    match = _REF.fullmatch(ref) if isinstance(ref, str) else None
    if match is None:
        return None
    section, name = (part.replace("~1", "/").replace("~0", "~") for part in match.groups())
    return section, name


def _check_target(doc: dict[str, Any], ref: Any, where: str) -> None:
    target = _target(ref)
    if target is None:
        raise PipelineError(f"{WHERE}: {where}: $ref {ref!r} must be a local '#/components/<section>/<name>'")
    entries = _components(doc).get(target[0])
    if not isinstance(entries, dict) or target[1] not in entries:
        raise PipelineError(f"{WHERE}: {where}: $ref {ref!r} points at nothing (was it removed by an overlay?)")


def _components(doc: dict[str, Any]) -> dict[str, Any]:
    """``components`` if it is a mapping; the validator, run next, reports it when it is not."""
    components = doc.get("components")
    return components if isinstance(components, dict) else {}


def _structural_refs(node: Any, is_schema: bool) -> Iterator[tuple[str, str]]:
    """The components ``node`` *is* (not merely holds): its own ``$ref``, and for a schema the
    members of allOf/anyOf/oneOf and ``not``, followed down through inline schemas."""
    stack = [node]
    while stack:
        node = stack.pop()
        if not isinstance(node, dict):
            continue
        if "$ref" in node:
            target = _target(node["$ref"])
            if target is not None:
                yield target
        elif is_schema:
            stack.extend(member for key in ("allOf", "anyOf", "oneOf") for member in node.get(key) or [])
            stack.append(node.get("not"))


def _find_cycle(graph: dict[tuple[str, str], list[tuple[str, str]]]) -> list[tuple[str, str]] | None:
    """The first cycle in ``graph`` as a closed walk (A, B, A), by an iterative depth-first search."""
    done: set[tuple[str, str]] = set()
    for start in graph:
        if start in done:
            continue
        trail, edges = [start], [iter(graph[start])]
        while edges:
            nxt = next(edges[-1], None)
            if nxt is None:
                done.add(trail.pop())
                edges.pop()
            elif nxt in trail:
                return [*trail[trail.index(nxt) :], nxt]
            elif nxt not in done and nxt in graph:
                trail.append(nxt)
                edges.append(iter(graph[nxt]))
    return None


def enum_member_names(values: list[Any], var_names: list[Any]) -> list[str]:
    """The member name openapi-python-client 0.29.1 gives each enum value.

    The rule of its ``EnumProperty.values_from_list``, restated because that function checks for a
    duplicate before it sanitises the name (so ``a_b`` then ``a-b`` silently drops ``a_b``, and
    ``a-b`` then ``a_b`` raises a bare ValueError): a test pins the two to each other.
    """
    use_var_names = len(var_names) == len(values)
    names = []
    for index, value in enumerate(values):
        if use_var_names:
            key = str(var_names[index])
        elif isinstance(value, int):
            key = f"VALUE_NEGATIVE_{-value}" if value < 0 else f"VALUE_{value}"
        else:
            key = str(value).upper() if value and str(value)[0].isalpha() else f"VALUE_{index}"
        names.append(snake_case(key).upper())
    return names


def _check_enum_names(schema: dict[str, Any], where: str) -> None:
    values = [value for value in schema["enum"] if value is not None]
    if not all(isinstance(value, str) for value in values) and not all(isinstance(v, int) for v in values):
        return  # mixed or unsupported types: openapi-python-client reports those itself
    var_names = schema.get("x-enum-varnames") or []
    first: dict[str, Any] = {}
    for value, name in zip(values, enum_member_names(values, var_names), strict=True):
        if not name.isidentifier() or name.startswith("_"):
            raise PipelineError(f"{where}.enum: value {value!r} gives no usable Python name ({name!r})")
        if name in first:
            raise PipelineError(
                f"{where}.enum: values {first[name]!r} and {value!r} both become the Python name {name}; "
                "name them apart with x-enum-varnames"
            )
        first[name] = value


def jsonpath(parts: list[str | int]) -> str:
    """A JSONPath as the validator prints them: $.a.b[0], and ['...'] where a name is not plain."""
    out = "$"
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part):
            out += f".{part}"
        else:
            out += f"[{part!r}]"
    return out
