"""Stage 2: apply ``overlays/*.yaml`` (OpenAPI Overlay 1.0) in filename order, strictly.

Targets are RFC 9535 JSONPath queries (jsonpath-rfc9535). Semantics, from Overlay 1.0.0:
``update`` merges into every selected node — objects merge recursively, arrays are appended to,
scalars are replaced — and ``remove: true`` deletes every selected node from its parent (``update``
is then ignored); ``remove: false`` removes nothing.

Stricter than the specification, because a quirk that silently stops applying is a bug we would
ship: an action whose target matches nothing is an error, and so is an action without a
``description`` or without ``x-evidence`` (the eBay page or sample the quirk rests on). Every
error names the overlay file, the action's index and its target.

A node that a target selects more than once (``$.tags[0,0]``, ``$['a','a']``) is acted on once:
removing "both" would delete a second, unselected neighbour from an array, and updating twice
would append twice.
"""

import copy
from pathlib import Path
from typing import Any

import jsonpath_rfc9535
from jsonpath_rfc9535 import JSONPathError

from . import yamlio
from .errors import PipelineError

ACTION_KEYS = frozenset({"target", "description", "update", "remove"})


def apply_all(doc: dict[str, Any], overlay_dir: Path) -> None:
    """Apply every overlay in ``overlay_dir`` to ``doc`` in place, in filename order."""
    for path in sorted(overlay_dir.glob("*.yaml")):
        name = f"{overlay_dir.name}/{path.name}"
        apply_overlay(doc, yamlio.load(path, root=overlay_dir.parent), name)


def apply_overlay(doc: dict[str, Any], overlay: Any, name: str) -> None:
    """Apply one parsed overlay document; ``name`` is how errors refer to it."""
    for index, action in enumerate(_actions(overlay, name)):
        target = action["target"]
        where = f"{name}: action {index} (target {target!r})"
        try:
            found = jsonpath_rfc9535.find(target, doc)
        except JSONPathError as err:
            raise PipelineError(f"{where}: invalid JSONPath: {err}") from None
        except RecursionError:
            raise PipelineError(f"{where}: invalid JSONPath: nested too deeply to parse") from None
        if not found:
            raise PipelineError(f"{where}: matched nothing")
        nodes = {tuple(node.location): node.value for node in found}  # each selected node once
        if action.get("remove", False):
            _remove(doc, list(nodes), where)
        elif "update" in action:
            for value in nodes.values():
                _update(value, action["update"], where)


def _actions(overlay: Any, name: str) -> list[dict[str, Any]]:
    if not isinstance(overlay, dict):
        raise PipelineError(f"{name}: expected an Overlay document (a mapping)")
    version = str(overlay.get("overlay", ""))
    if not version.startswith("1.0."):
        raise PipelineError(f"{name}: 'overlay' must be a 1.0.x version, got {version or 'nothing'!r}")
    info = overlay.get("info")
    if not isinstance(info, dict) or not info.get("title") or not info.get("version"):
        raise PipelineError(f"{name}: 'info' needs a title and a version")
    actions = overlay.get("actions")
    if not isinstance(actions, list) or not actions:
        raise PipelineError(f"{name}: 'actions' must be a non-empty list")
    for index, action in enumerate(actions):
        if not isinstance(action, dict) or not isinstance(action.get("target"), str):
            raise PipelineError(f"{name}: action {index}: needs a string 'target'")
        where = f"{name}: action {index} (target {action['target']!r})"
        unknown = sorted(k for k in action if k not in ACTION_KEYS and not str(k).startswith("x-"))
        if unknown:
            raise PipelineError(f"{where}: unknown field {unknown[0]!r}")
        if not str(action.get("description") or "").strip():
            raise PipelineError(f"{where}: every action needs a description")
        if not action.get("x-evidence"):
            raise PipelineError(f"{where}: every action needs x-evidence (the eBay doc URL it rests on)")
        if "remove" in action and not isinstance(action["remove"], bool):
            raise PipelineError(f"{where}: 'remove' must be true or false")
        if "update" not in action and not action.get("remove"):
            raise PipelineError(f"{where}: has neither 'update' nor 'remove: true'")
    return actions


def _update(node: Any, update: Any, where: str) -> None:
    if isinstance(node, dict):
        if not isinstance(update, dict):
            raise PipelineError(f"{where}: target is an object, so 'update' must be an object")
        _merge(node, update)
    elif isinstance(node, list):
        node.append(copy.deepcopy(update))
    else:
        raise PipelineError(f"{where}: target is a {type(node).__name__}; update its parent object instead")


def _merge(into: dict[str, Any], update: dict[str, Any]) -> None:
    for key, value in update.items():
        current = into.get(key)
        if isinstance(current, dict) and isinstance(value, dict):
            _merge(current, value)
        elif isinstance(current, list) and isinstance(value, list):
            current.extend(copy.deepcopy(value))
        else:
            into[key] = copy.deepcopy(value)


def _remove(doc: dict[str, Any], locations: list[tuple[str | int, ...]], where: str) -> None:
    if any(not location for location in locations):
        raise PipelineError(f"{where}: cannot remove the document root")
    # Deepest and highest-index first, so removing one node never shifts another's location.
    for location in sorted(locations, key=lambda loc: (len(loc), _index_key(loc[-1])), reverse=True):
        parent: Any = doc
        for key in location[:-1]:
            parent = parent[key]
        del parent[location[-1]]


def _index_key(key: str | int) -> tuple[int, int | str]:
    return (0, key) if isinstance(key, int) else (1, key)
