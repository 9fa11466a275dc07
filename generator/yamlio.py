"""YAML loading and dumping shared by every stage.

Loading goes through one function so that a syntax error always names its file and line, and
dumping is fixed (sorted keys off, wide lines, no aliases) so the effective spec is byte-stable.
Both use PyYAML's LibYAML bindings where PyYAML was built with them (its wheels are): the
pure-Python parser and emitter, still the fallback, took over half of `make generate`. The two
wrote the effective spec byte for byte alike when the switch was made.

A loaded document must be plain JSON data, checked on PyYAML's node tree (which still knows
every line) before it is turned into Python objects:

* no anchors and aliases: an alias makes two places one shared object, so an overlay aimed at
  one schema would silently change every schema sharing the anchor, and the effective spec
  (written without aliases) would not show why. OpenAPI shares with ``$ref``, which overlays and
  reviewers can see; refusing aliases (rather than copying them apart) keeps one way to share,
  and rules out alias bombs too;
* mapping keys are strings and no key appears twice (PyYAML keeps the last one silently);
* scalars are JSON's, spelled as JSON spells them: strings, finite numbers (not YAML 1.1's
  ``010``, ``1_000``, ``1:30`` or ``.nan``), ``true``/``false`` (not YAML 1.1's ``yes`` or ``NO``,
  which would turn Norway's country code into false), null; no dates, no binary;
* nesting is at most ``MAX_DEPTH`` deep: the spec is under ten levels, and the stages after this
  one (and the validator under them) recurse once per level.
"""

import math
import re
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import PipelineError

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

MAX_DEPTH = 64
_TAG = "tag:yaml.org,2002:"
_SCALARS = {f"{_TAG}{kind}": kind for kind in ("str", "int", "float", "bool", "null")}
_JSON_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_KINDS = {
    "timestamp": "a date or time",
    "binary": "binary data",
    "merge": "a merge key (<<)",
    "seq": "a sequence",
    "map": "a mapping",
    "int": "an integer",
    "float": "a number",
    "bool": "a boolean",
    "null": "null",
}


class _NoAliasDumper(_Dumper):  # type: ignore[misc,valid-type]
    """Writes shared objects out in full: anchors would make the effective spec hard to review."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def load(path: Path, *, root: Path | None = None) -> Any:
    """Parse one YAML file into plain JSON data; anything else becomes a one-line ``PipelineError``."""
    shown = path.relative_to(root) if root and path.is_relative_to(root) else path
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise PipelineError(f"{shown}: cannot read: {getattr(err, 'strerror', None) or err}") from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_plain(node, shown)
        return loader.construct_document(node)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise PipelineError(f"{shown}{where}: invalid YAML: {problem}") from None
    finally:
        loader.dispose()


def _check_plain(root: Node, shown: object) -> None:
    """Refuse what JSON cannot hold (see the module docstring); iterative, so depth cannot crash it."""
    seen: set[int] = set()
    # (node, depth, where to point at: the key of a value, else the node, else its sequence)
    stack: list[tuple[Node, int, Node, Node]] = [(root, 1, root, root)]
    while stack:
        node, depth, at, container = stack.pop()
        where = f"{shown}:{at.start_mark.line + 1}:{at.start_mark.column + 1}"
        if id(node) in seen:
            anchor = node.start_mark.line + 1
            at = container if at is node else at  # an alias has no position of its own in the tree
            raise PipelineError(
                f"{shown}:{at.start_mark.line + 1}:{at.start_mark.column + 1}: YAML alias of the node at line "
                f"{anchor}: anchors and aliases are not allowed "
                "(an overlay aimed at one copy would change every copy); share a schema with $ref"
            )
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            _check_scalar(node, where)
            continue
        if depth > MAX_DEPTH:
            raise PipelineError(f"{where}: nested deeper than {MAX_DEPTH} levels")
        if isinstance(node, SequenceNode) and node.tag == f"{_TAG}seq":
            stack.extend((item, depth + 1, item, node) for item in reversed(node.value))
        elif isinstance(node, MappingNode) and node.tag == f"{_TAG}map":
            names = set()
            for key, value in reversed(node.value):
                key_where = f"{shown}:{key.start_mark.line + 1}:{key.start_mark.column + 1}"
                if not isinstance(key, ScalarNode):
                    raise PipelineError(f"{key_where}: {_kind(key)} as a mapping key; keys must be strings")
                if key.tag != f"{_TAG}str":
                    raise PipelineError(
                        f"{key_where}: mapping key {key.value!r} is {_kind(key)}, not a string; keys must be strings"
                        " (quote it)"
                    )
                stack.append((value, depth + 1, key, node))
                names.add(key.value)
            if len(names) < len(node.value):
                _refuse_duplicate(node, shown)
        else:
            raise PipelineError(f"{where}: {_kind(node)} is not JSON data")


def _check_scalar(node: ScalarNode, where: str) -> None:
    kind = _SCALARS.get(node.tag)
    if kind is None:
        raise PipelineError(f"{where}: {node.value!r} is {_kind(node)}, not JSON data (quote it)")
    if kind == "bool" and node.value.lower() not in ("true", "false"):
        raise PipelineError(f"{where}: {node.value!r} reads as a boolean in YAML 1.1; write true or false, or quote it")
    if kind in ("int", "float"):
        if not _JSON_NUMBER.fullmatch(node.value):
            raise PipelineError(
                f"{where}: {node.value!r} reads as a YAML 1.1 number; spell it as JSON does, or quote it"
            )
        if not math.isfinite(float(node.value)):
            raise PipelineError(f"{where}: {node.value!r} is not a finite number, which JSON cannot hold")


def _kind(node: Node) -> str:
    """How an error names what a node holds: 'a date or time', 'a sequence', "tag '!foo'"."""
    tag = node.tag.removeprefix(_TAG)
    return _KINDS.get(tag) or f"tag {node.tag!r}"


def _refuse_duplicate(node: MappingNode, shown: object) -> None:
    first: dict[str, int] = {}
    for key, _ in node.value:
        if key.value in first:
            raise PipelineError(
                f"{shown}:{key.start_mark.line + 1}:{key.start_mark.column + 1}: "
                f"duplicate key {key.value!r} (first at line {first[key.value]})"
            )
        first[key.value] = key.start_mark.line + 1


def dump(data: Any) -> str:
    """Serialise in document order, unicode kept, no line folding, no anchors."""
    return yaml.dump(
        data,
        Dumper=_NoAliasDumper,
        sort_keys=False,
        allow_unicode=True,
        width=100_000,
        default_flow_style=False,
    )
