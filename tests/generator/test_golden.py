"""Golden record: regenerating must reproduce the committed generated/ byte for byte."""

import difflib
from pathlib import Path

from tests.conftest import GENERATED


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_generated_tree_matches_a_fresh_generation(fresh_tree: Path) -> None:
    committed, fresh = tree(GENERATED), tree(fresh_tree)
    problems = [f"missing from generated/: {name}" for name in sorted(fresh.keys() - committed.keys())]
    problems += [f"stale in generated/: {name}" for name in sorted(committed.keys() - fresh.keys())]
    for name in sorted(fresh.keys() & committed.keys()):
        if fresh[name] != committed[name]:
            diff = difflib.unified_diff(
                committed[name].decode().splitlines(),
                fresh[name].decode().splitlines(),
                f"generated/{name}",
                f"fresh/{name}",
                lineterm="",
                n=1,
            )
            problems.append("\n".join(list(diff)[:40]))
    assert not problems, "generated/ is out of date: run `make generate`\n" + "\n".join(problems)
