"""Stage 1: bundle ``spec/*.yaml`` into one OpenAPI document.

``post-order.yaml`` is the root (openapi, info, servers, tags, security); another API's directory
names its own root (``spec/notification-api/notification-api.yaml``). Every other file is a
fragment holding only ``paths`` and ``components``; fragments refer to each other with
``other.yaml#/components/...``. Bundling merges the fragments in filename order, rewrites every
cross-file ``$ref`` to a local one, and refuses duplicates and dangling references with an error
that names the file and the place of the ``$ref``.
"""

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import yamlio
from .errors import PipelineError

ROOT_NAME = "post-order.yaml"
FRAGMENT_KEYS = frozenset({"paths", "components"})


def bundle(spec_dir: Path, root_name: str = ROOT_NAME) -> dict[str, Any]:
    """Return the bundled document; raise ``PipelineError`` on any broken input."""
    files = {p.name: p for p in sorted(spec_dir.glob("*.yaml"))}
    if root_name not in files:
        raise PipelineError(f"{spec_dir.name}/{root_name}: root document is missing")
    docs = {name: _load_mapping(path, spec_dir.parent) for name, path in files.items()}

    for name, doc in docs.items():
        _check_sections(doc, f"{spec_dir.name}/{name}")
    root = docs[root_name]
    root.setdefault("paths", {})
    root.setdefault("components", {})
    owner: dict[tuple[str, ...], str] = {}
    for key in root["paths"]:
        owner[("paths", key)] = root_name
    for section, entries in root["components"].items():
        for key in entries:
            owner[("components", section, key)] = root_name

    for name, doc in docs.items():
        _rewrite_refs(name, doc, docs, spec_dir.name)
        if name == root_name:
            continue
        extra = sorted(set(doc) - FRAGMENT_KEYS)
        if extra:
            raise PipelineError(
                f"{spec_dir.name}/{name}: a fragment may hold only paths and components, not {extra[0]!r}"
            )
        for path, item in doc.get("paths", {}).items():
            _claim(owner, ("paths", path), name, spec_dir.name)
            root["paths"][path] = item
        for section, entries in doc.get("components", {}).items():
            target = root["components"].setdefault(section, {})
            for key, value in entries.items():
                _claim(owner, ("components", section, key), name, spec_dir.name)
                target[key] = value
    return root


def _load_mapping(path: Path, base: Path) -> dict[str, Any]:
    data = yamlio.load(path, root=base)
    if not isinstance(data, dict):
        raise PipelineError(f"{path.relative_to(base)}: expected a mapping at the top level")
    return data


def _check_sections(doc: dict[str, Any], shown: str) -> None:
    """``paths``, ``components`` and each section of ``components`` must be mappings where present."""
    sections: dict[str, Any] = {key: doc[key] for key in ("paths", "components") if key in doc}
    if isinstance(sections.get("components"), dict):
        sections.update({f"components.{key}": value for key, value in doc["components"].items()})
    for where, value in sections.items():
        if not isinstance(value, dict):
            raise PipelineError(f"{shown}: {where} must be a mapping, not {type(value).__name__}")


def _claim(owner: dict[tuple[str, ...], str], key: tuple[str, ...], name: str, folder: str) -> None:
    if key in owner:
        where = ".".join(key)
        raise PipelineError(f"{folder}/{name}: {where} is already defined in {folder}/{owner[key]}")
    owner[key] = name


def _rewrite_refs(name: str, doc: dict[str, Any], docs: dict[str, dict[str, Any]], folder: str) -> None:
    """Point every ``$ref`` in ``doc`` at the bundle, checking that its target exists."""
    for where, node in _ref_holders(doc, "$"):
        ref = node["$ref"]
        if not isinstance(ref, str) or "#" not in ref:
            raise PipelineError(f"{folder}/{name}: $ref {ref!r} at {where} must look like 'file.yaml#/pointer'")
        file_part, pointer = ref.split("#", 1)
        target_name = file_part or name
        if target_name not in docs:
            raise PipelineError(f"{folder}/{name}: $ref {ref!r} at {where}: no file {folder}/{target_name}")
        if not pointer.startswith("/components/"):
            raise PipelineError(f"{folder}/{name}: $ref {ref!r} at {where} must point into /components/")
        if not _resolves(docs[target_name], pointer):
            raise PipelineError(f"{folder}/{name}: $ref {ref!r} at {where}: {folder}/{target_name} has no {pointer}")
        node["$ref"] = "#" + pointer


def _ref_holders(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if "$ref" in node:
            yield where, node
        for key, value in node.items():
            yield from _ref_holders(value, f"{where}[{key!r}]")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _ref_holders(value, f"{where}[{index}]")


def _resolves(doc: Any, pointer: str) -> bool:
    node = doc
    for raw in pointer.lstrip("/").split("/"):
        key = raw.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or key not in node:
            return False
        node = node[key]
    return True


def combine(doc: dict[str, Any], other: dict[str, Any], shown: str) -> dict[str, Any]:
    """``doc`` with the tags, paths and components of ``other`` (a second API's effective spec,
    ``shown`` by that name) added: the document openapi-python-client renders both clients from.
    A name both define is refused, so neither API's models or calls can replace the other's."""
    combined = copy.deepcopy(doc)
    names = {tag["name"] for tag in combined.get("tags", [])}
    for tag in other.get("tags", []):
        if tag["name"] in names:
            raise PipelineError(f"{shown}: tag {tag['name']!r} is already defined")
        combined.setdefault("tags", []).append(copy.deepcopy(tag))
    for path, item in other.get("paths", {}).items():
        if path in combined.setdefault("paths", {}):
            raise PipelineError(f"{shown}: paths.{path} is already defined")
        combined["paths"][path] = copy.deepcopy(item)
    for section, entries in other.get("components", {}).items():
        target = combined.setdefault("components", {}).setdefault(section, {})
        for key, value in entries.items():
            if key in target:
                raise PipelineError(f"{shown}: components.{section}.{key} is already defined")
            target[key] = copy.deepcopy(value)
    return combined
