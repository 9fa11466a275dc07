"""YAML loading and dumping shared by every stage.

Loading goes through one function so that a syntax error always names its file and line, and
dumping is fixed (sorted keys off, wide lines, no aliases) so the effective spec is byte-stable.
Both use PyYAML's LibYAML bindings where PyYAML was built with them (its wheels are): the
pure-Python parser and emitter, still the fallback, took over half of `make generate`. The two
wrote the effective spec byte for byte alike when the switch was made.
"""

from pathlib import Path
from typing import Any

import yaml

from .errors import PipelineError

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _NoAliasDumper(_Dumper):  # type: ignore[misc,valid-type]
    """Writes shared objects out in full: anchors would make the effective spec hard to review."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def load(path: Path, *, root: Path | None = None) -> Any:
    """Parse one YAML file; a syntax error becomes a one-line ``PipelineError``."""
    shown = path.relative_to(root) if root and path.is_relative_to(root) else path
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise PipelineError(f"{shown}: cannot read: {err.strerror}") from None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise PipelineError(f"{shown}{where}: invalid YAML: {problem}") from None


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
