"""Stage 3: validate the effective spec before any code is generated.

openapi-spec-validator checks the document against OpenAPI 3.0; our lint then enforces what the
client relies on: every operation has a unique operationId, one declared tag, a summary, the eBay
doc URL in ``externalDocs`` and an explicit ``security`` (openapi-python-client ignores the global
one, and an operation without it would generate a function that accepts an anonymous client).
"""

from typing import Any

from openapi_spec_validator import OpenAPIV30SpecValidator

from .errors import PipelineError

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
WHERE = "effective spec"


def validate(doc: dict[str, Any]) -> None:
    """Raise ``PipelineError`` for the first problem found."""
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
