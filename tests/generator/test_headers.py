"""Every generated file starts with the one fixed header, and the header has no timestamp."""

import re
from pathlib import Path

from generator.postprocess import COPIED, HEADER, header_line
from tests.conftest import GENERATED, ROOT

PACKAGE = GENERATED / "ebay-post-order" / "ebay_post_order"


def source_of(path: Path) -> str | None:
    """Where a copied file of the package is written by hand, or None for a generated one."""
    if path == PACKAGE.parent / "LICENSE":
        return "LICENSE"
    relative = path.relative_to(PACKAGE).as_posix() if path.is_relative_to(PACKAGE) else ""
    if relative.startswith("emulator/") and relative != "emulator/openapi.yaml":
        return relative
    return f"generator/runtime/{relative}" if (ROOT / "generator" / "runtime" / relative).is_file() else None


def test_every_generated_file_starts_with_the_header() -> None:
    files = [p for p in sorted(GENERATED.rglob("*")) if p.is_file() and "__pycache__" not in p.parts]
    assert len(files) > 20
    missing = [
        str(p.relative_to(GENERATED)) for p in files if not p.read_text().startswith(header_line(p, source_of(p)))
    ]
    assert not missing, f"files without their header: {missing}"


def test_copied_files_name_the_file_to_edit() -> None:
    copies = {p: source_of(p) for p in sorted(PACKAGE.rglob("*.py")) if "__pycache__" not in p.parts and source_of(p)}
    assert len(copies) > 10
    for copy, source in copies.items():
        assert source is not None and (ROOT / source).is_file(), copy
        assert copy.read_text().startswith(f"# {COPIED.format(source=source)}\n")
        # the copy is that file (ruff may re-sort its imports in the package)
        assert copy.read_text().splitlines()[1] == (ROOT / source).read_text().splitlines()[0], copy


def test_header_names_make_generate_and_do_not_edit() -> None:
    assert "make generate" in HEADER and "do not edit" in HEADER
    assert not re.search(r"\d{4}-\d{2}-\d{2}|\d{2}:\d{2}", HEADER)


def test_markdown_files_use_an_html_comment() -> None:
    assert header_line(Path("README.md")).startswith("<!-- ")
    assert header_line(Path("x.py")).startswith("# ")
