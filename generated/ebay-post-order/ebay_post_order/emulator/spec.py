# Hand-written in emulator/spec.py, copied by `make generate` -- do not edit the copy.
"""The effective spec the emulator serves: its operations by operationId, and request validation.

From a checkout the effective spec is ``generated/openapi.yaml``; in the installed package it
ships beside this module (``make generate`` copies it in), so the emulator always answers for
exactly the operations the client it ships with was generated from.
"""

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from openapi_core import OpenAPI

_HERE = Path(__file__).resolve().parent
SPEC = next(
    (path for path in (_HERE / "openapi.yaml", _HERE.parent / "generated" / "openapi.yaml") if path.is_file()),
    _HERE / "openapi.yaml",
)
METHODS = ("get", "post", "put", "delete")


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str  # GET, POST...
    path: str  # the spec's template, /post-order/v2/return/{returnId}


@dataclass(frozen=True)
class Spec:
    operations: tuple[Operation, ...]
    validator: OpenAPI
    marketplaces: frozenset[str]

    def paths(self) -> list[str]:
        """Every path template, literal segments before parameters (``/return/search`` before
        ``/return/{returnId}``), so a router trying them in order never lets a parameter shadow
        a literal."""
        templates = {op.path for op in self.operations}
        return sorted(templates, key=lambda path: [(part.startswith("{"), part) for part in path.split("/")])


@functools.cache
def load(path: Path = SPEC) -> Spec:
    """The spec at ``path``, parsed once per process (building the validator takes a while)."""
    document: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["servers"] = [{"url": "/"}]  # whatever host and port the emulator is served on
    operations = tuple(
        Operation(str(item[method]["operationId"]), method.upper(), template)
        for template, item in document["paths"].items()
        for method in METHODS
        if method in item
    )
    marketplaces = frozenset(document["components"]["schemas"]["MarketplaceIdEnum"]["enum"])
    return Spec(operations, OpenAPI.from_dict(document), marketplaces)
