"""The house rules: which readiness package may import which, where each library may be used, no circles.

Imports point one way: cli -> api -> the capability folders (batch, report, files) -> domain.
Every import counts, also one inside a function or under `if TYPE_CHECKING:`.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "readiness"
SHARED = {"readiness", "readiness.errors", "readiness.words"}  # anyone may import these

# package -> the readiness packages it may import (besides itself and SHARED)
LAYERS: dict[str, set[str]] = {
    "readiness": set(),
    "readiness.__main__": {"readiness.cli"},
    "readiness.errors": set(),
    "readiness.words": set(),
    "readiness.resources": set(),
    "readiness.domain": set(),
    "readiness.files": {"readiness.domain", "readiness.resources"},
    "readiness.report": {"readiness.domain", "readiness.resources"},
    "readiness.batch": {"readiness.domain", "readiness.files", "readiness.report"},
    "readiness.api": {
        "readiness.domain",
        "readiness.files",
        "readiness.report",
        "readiness.batch",
        "readiness.history",
    },
    "readiness.cli": {
        "readiness.api",
        "readiness.batch",
        "readiness.domain",
        "readiness.files",
        "readiness.report",
        "readiness.resources",
        "readiness.history",
    },
    # the history store (issue 14): scores with batch's worker, renders with report's templates
    "readiness.history": {"readiness.domain", "readiness.files", "readiness.report", "readiness.batch"},
}

# third-party library -> the readiness modules (or packages) allowed to import it
LIBRARIES: dict[str, set[str]] = {
    "typer": {"readiness.cli"},
    "rich": {"readiness.cli"},
    "jinja2": {"readiness.report.templates"},
    "markupsafe": {"readiness.report.templates", "readiness.report.render"},
    "yaml": {"readiness.files.safeyaml"},
    # xlsxwriter writes (summary.xlsx, the answer workbook); openpyxl reads answer workbooks only,
    # parsing with defusedxml (workbook_read imports it so the install cannot silently lack it)
    "xlsxwriter": {
        "readiness.batch.tables",
        "readiness.batch.xlsx_rows",
        "readiness.files.workbook_write",
        "readiness.history.outputs",
    },
    "openpyxl": {"readiness.files.workbook_read"},
    # HTML to PDF, the optional extra readiness[pdf]: imported only when a PDF is rendered
    "weasyprint": {"readiness.report.pdf"},
    "defusedxml": {"readiness.files.workbook_read"},
    # SQL for SQLite and PostgreSQL alike, only in the history store; psycopg is its driver, loaded by it
    "sqlalchemy": {"readiness.history"},
    "psycopg": {"readiness.history"},
    "pydantic": {
        "readiness.domain.base",
        "readiness.domain.questionnaire",
        "readiness.domain.migration",
        "readiness.domain.answers",
        "readiness.domain.programmes",
        "readiness.domain.sme",
        "readiness.domain.sectors",
        "readiness.domain.actions",
        "readiness.domain.matching",
        "readiness.domain.results",
        "readiness.report.view",
        "readiness.files.loading",
        "readiness.files.peers",
    },
}
# the domain is pure: no file, process or network access
DOMAIN_FORBIDDEN = {
    "os",
    "io",
    "sys",
    "pathlib",
    "shutil",
    "tempfile",
    "glob",
    "subprocess",
    "socket",
    "sqlite3",
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(source: str, module: str) -> Iterator[str]:
    """Every module `source` imports, resolved to a readiness module where it names one."""
    is_package = MODULES.get(module, Path()).name == "__init__.py"
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")[: len(module.split(".")) - node.level + is_package]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                yield candidate if candidate in MODULES else base


def layer_of(module: str) -> str:
    """The entry of LAYERS a module belongs to: its own name or its package's."""
    if module == "readiness":
        return module
    parts = module.split(".")
    for n in range(len(parts), 1, -1):
        key = ".".join(parts[:n])
        if key in LAYERS:
            return key
    raise KeyError(module)


def graph() -> dict[str, set[str]]:
    return {name: set(imports(path.read_text(encoding="utf-8"), name)) for name, path in MODULES.items()}


def layer_violations(edges: dict[str, set[str]]) -> list[str]:
    problems = []
    for module, targets in edges.items():
        try:
            layer = layer_of(module)
        except KeyError:
            problems.append(f"{module}: a package nobody listed in LAYERS")
            continue
        for target in targets:
            top = target.split(".")[0]
            if top == "readiness":
                if target in SHARED:
                    continue
                target_layer = layer_of(target) if target in MODULES else target
                if target_layer != layer and target_layer not in LAYERS[layer]:
                    problems.append(f"{module} imports {target}")
            elif top in LIBRARIES:
                if not any(module == m or module.startswith(m + ".") for m in LIBRARIES[top]):
                    problems.append(f"{module} imports {top}")
            elif top not in sys.stdlib_module_names and top != "__future__":
                problems.append(f"{module} imports {top}, a library nobody listed in LIBRARIES")
            elif layer == "readiness.domain" and top in DOMAIN_FORBIDDEN:
                problems.append(f"{module} imports {top}: the domain does no I/O")
    return sorted(problems)


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of two or more modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in MODULES:
                continue
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_every_import_follows_the_layer_table() -> None:
    assert layer_violations(graph()) == []


def test_no_circle_of_imports() -> None:
    assert circles(graph()) == []


@pytest.mark.parametrize(
    ("module", "line", "expected"),
    [
        ("readiness.domain.scoring", "import rich\n", "readiness.domain.scoring imports rich"),
        (
            "readiness.report.build",
            "from readiness.cli import app\n",
            "readiness.report.build imports readiness.cli.app",
        ),
        (
            "readiness.files.loading",
            "import readiness.cli\n",
            "readiness.files.loading imports readiness.cli",
        ),
        (
            "readiness.domain.ladder",
            "import os\n",
            "readiness.domain.ladder imports os: the domain does no I/O",
        ),
        ("readiness.report.render", "import yaml\n", "readiness.report.render imports yaml"),
        ("readiness.batch.run", "import requests\n", "a library nobody listed"),
    ],
)
def test_the_table_catches_a_bad_import(module: str, line: str, expected: str) -> None:
    edges = graph()
    edges[module] = edges[module] | set(imports(line, module))
    assert any(expected in problem for problem in layer_violations(edges))


def test_a_new_package_must_be_listed() -> None:
    edges = graph()
    edges["readiness.plugins.extra"] = {"readiness.domain.scoring"}
    assert "readiness.plugins.extra: a package nobody listed in LAYERS" in layer_violations(edges)


def test_circles_are_found() -> None:
    edges = graph()
    edges["readiness.domain.ladder"] = edges["readiness.domain.ladder"] | {"readiness.domain.scoring"}
    assert any("readiness.domain.ladder" in group for group in circles(edges))
