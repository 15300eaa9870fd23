"""Imports point down only: heavy and UI libraries stay in their own modules."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "readiness"
# third-party module -> the readiness modules allowed to import it
CONFINED = {
    "typer": {"cli"},
    "rich": {"cli", "terminal", "prompts"},
    "yaml": {"safeyaml", "loading"},
    "jinja2": {"report", "render", "dashboard"},
}


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_third_party_imports_are_confined():
    for path in sorted(PACKAGE.glob("*.py")):
        for lib in imports(path) & set(CONFINED):
            assert path.stem in CONFINED[lib], f"{path.name} imports {lib}"


def test_nothing_imports_the_cli():
    for path in sorted(PACKAGE.glob("*.py")):
        if path.stem not in {"cli", "__main__"}:
            source = path.read_text(encoding="utf-8")
            assert "readiness.cli" not in source and "from readiness import cli" not in source, path.name
