"""Every generated file starts with the one fixed header, and the header has no timestamp."""

import re
from pathlib import Path

from generator.postprocess import HEADER, header_line
from tests.conftest import GENERATED


def test_every_generated_file_starts_with_the_header() -> None:
    files = [p for p in sorted(GENERATED.rglob("*")) if p.is_file() and "__pycache__" not in p.parts]
    assert len(files) > 20
    missing = [str(p.relative_to(GENERATED)) for p in files if not p.read_text().startswith(header_line(p))]
    assert not missing, f"files without the header: {missing}"


def test_header_names_make_generate_and_do_not_edit() -> None:
    assert "make generate" in HEADER and "do not edit" in HEADER
    assert not re.search(r"\d{4}-\d{2}-\d{2}|\d{2}:\d{2}", HEADER)


def test_markdown_files_use_an_html_comment() -> None:
    assert header_line(Path("README.md")).startswith("<!-- ")
    assert header_line(Path("x.py")).startswith("# ")
