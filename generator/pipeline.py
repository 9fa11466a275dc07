"""The whole pipeline, top to bottom: what ``make generate`` runs.

spec/*.yaml -> bundle -> overlays (strict) -> validate -> openapi-python-client -> metadata, runtime,
emulator, header, ruff -> generated/ (openapi.yaml, ebay-post-order/, generate.lock).

The Notification API calls of the second client (``NotificationSetup``) go through the same
stages on their own (spec/notification-api/ -> overlays/notification-api/ -> validate ->
generated/notification-api.yaml), so the Post-Order effective spec, which the emulator and the
contract tests read, holds the Post-Order API only; the two are combined for openapi-python-client
and the facade, so both clients share one package, its models, engine and templates. The output is built in a
staging directory beside ``out`` and swapped in whole, so a failed run leaves the old tree intact
and a successful one leaves nothing stale behind.
"""

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from . import bundle, overlay, postprocess, render, validate, yamlio
from .errors import PipelineError

SPEC_NAME = "openapi.yaml"
SETUP = "notification-api"
SETUP_SPEC_NAME = f"{SETUP}.yaml"
PROJECT_NAME = "ebay-post-order"


def generate(root: Path, out: Path) -> None:
    """Regenerate ``out`` from the spec, overlays and templates under ``root``."""
    doc = bundle.bundle(root / "spec")
    overlay.apply_all(doc, root / "overlays")
    validate.validate(doc)
    setup: dict[str, Any] | None = None
    if (root / "spec" / SETUP).is_dir():
        setup = bundle.bundle(root / "spec" / SETUP, SETUP_SPEC_NAME)
        if (root / "overlays" / SETUP).is_dir():
            overlay.apply_all(setup, root / "overlays" / SETUP)
        validate.validate(setup)

    if out.exists() and not out.is_dir():
        raise PipelineError(f"{out}: the output must be a directory, and this is a file")
    try:
        _write(doc, setup, root, out)
    except OSError as err:  # a read-only or full disk, or an output path that cannot be made
        raise PipelineError(f"{err.filename or out}: cannot write the output: {err.strerror or err}") from None


def _write(doc: dict[str, Any], setup: dict[str, Any] | None, root: Path, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=f".{out.name}-") as tmp:
        staging = Path(tmp) / out.name
        project = staging / PROJECT_NAME
        project.mkdir(parents=True)
        spec_file = staging / SPEC_NAME
        spec_file.write_text(yamlio.dump(doc), encoding="utf-8")
        both = doc
        if setup is not None:
            (staging / SETUP_SPEC_NAME).write_text(yamlio.dump(setup), encoding="utf-8")
            both = bundle.combine(doc, setup, f"generated/{SETUP_SPEC_NAME}")

        render.render(both, spec_file, project / render.PACKAGE)
        postprocess.write_metadata(project, doc)
        postprocess.copy_runtime(project / render.PACKAGE)
        postprocess.copy_emulator(project / render.PACKAGE, spec_file)
        postprocess.add_headers(staging)
        postprocess.format_python(project)
        postprocess.write_lock(staging, root)

        if out.exists():
            _keep_times_of_unchanged(staging, out)
            shutil.rmtree(out)
        staging.rename(out)


def _keep_times_of_unchanged(staging: Path, out: Path) -> None:
    """Give a file that came out byte-identical its old modification time, so that ``make`` does
    not take an unchanged file (the package's pyproject.toml, which .venv depends on) for new."""
    for new in staging.rglob("*"):
        old = out / new.relative_to(staging)
        if new.is_file() and old.is_file() and new.read_bytes() == old.read_bytes():
            stat = old.stat()
            os.utime(new, ns=(stat.st_atime_ns, stat.st_mtime_ns))
