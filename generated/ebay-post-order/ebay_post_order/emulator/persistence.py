# Hand-written in emulator/persistence.py, copied by `make generate` -- do not edit the copy.
"""The state file: read and checked at startup, written whole after every change.

A write goes to a temporary file in the same folder and is renamed over the old one, so the file
is never half written (``kill -9`` included). Anything that makes the file unusable is found at
startup, not on the first change: a folder that does not exist or cannot be written, a file that
is not this emulator's JSON.
"""

import json
import os
import tempfile
from pathlib import Path
from typing import Any


class StateFileError(ValueError):
    """The state file cannot be used; the message names it."""


class StateFile:
    def __init__(self, path: Path) -> None:
        self.path = path
        folder = path.parent
        if not folder.is_dir():
            raise StateFileError(f"{path}: the folder {folder} does not exist")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise StateFileError(f"{path}: the folder {folder} is not writable")
        if path.exists() and not path.is_file():
            raise StateFileError(f"{path}: not a file")

    def read(self) -> dict[str, Any] | None:
        """The saved state, or None when nothing was saved yet."""
        if not self.path.exists():
            return None
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as err:
            raise StateFileError(f"{self.path}: cannot read the state: {err}") from None
        if not isinstance(data, dict):
            raise StateFileError(f"{self.path}: cannot read the state: not a JSON object")
        return data

    def write(self, data: dict[str, Any]) -> None:
        """Raises OSError when the state could not be saved; the old file is then untouched."""
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, indent=1, sort_keys=True)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
