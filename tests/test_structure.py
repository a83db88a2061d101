"""The house stays one-way: no package of clinic_site imports one that imports it back, and the
shell (admin, settings, core, records) imports no feature. Imports inside functions count too."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "clinic_site"
SHELL = {"admin", "settings", "core", "records"}


def _packages() -> set[str]:
    return {
        p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists() and p.name != "migrations"
    }


def _imported(path: Path, node: ast.AST) -> list[str]:
    """The top-level names under clinic_site that ``node`` in ``path`` imports."""
    here = path.relative_to(PACKAGE).parts[:-1]
    if isinstance(node, ast.ImportFrom):
        if node.level:
            base = list(here)[: len(here) - (node.level - 1)]
            parts = base + (node.module.split(".") if node.module else [])
            return parts[:1] if parts else [alias.name for alias in node.names]
        if node.module and node.module.startswith("clinic_site."):
            return [node.module.split(".")[1]]
    if isinstance(node, ast.Import):
        return [a.name.split(".")[1] for a in node.names if a.name.startswith("clinic_site.")]
    return []


def _edges() -> dict[str, set[str]]:
    packages = _packages()
    edges: dict[str, set[str]] = {name: set() for name in packages}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        if len(parts) < 2 or parts[0] not in packages:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for name in _imported(path, node):
                if name in packages and name != parts[0]:
                    edges[parts[0]].add(name)
    return edges


def _reaches(edges: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(edges[start])
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += edges[name]
    return seen


def test_the_walk_sees_the_imports_it_should():
    # Guards the test itself: a walk that saw nothing would pass every check below.
    edges = _edges()
    assert "admin" in edges["board"] and "settings" in edges["policy"]


def test_no_package_imports_one_that_imports_it_back():
    edges = _edges()
    cycles = sorted(name for name in edges if name in _reaches(edges, name))
    assert cycles == [], {name: sorted(edges[name]) for name in cycles}


def test_the_shell_imports_no_feature():
    edges = _edges()
    features = set(edges) - SHELL
    assert {name: edges[name] & features for name in SHELL if edges[name] & features} == {}
