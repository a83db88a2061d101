"""The house stays one-way and readable: the package root holds only the factory, the configuration
and the extensions; no module imports one that imports it back (round any loop), no room does
either; the shell imports no feature; a feature's ``__init__.py`` only registers; and nothing but
the hooks module reads ``app.extensions``. Imports inside functions count too."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "clinic_site"
ROOT_MODULES = {"__init__", "config", "extensions"}
# The rooms features stand on; they never import a feature.
SHELL = {
    "platform", "privacy", "forms", "limits", "cache", "identity", "core", "admin", "settings",
    "records",
}  # fmt: skip


def _sources() -> dict[str, Path]:
    """Every module of the package by dotted name (packages by their own name)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[0] == "migrations":
            continue
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _targets(module: str, path: Path, node: ast.AST, modules: set[str]) -> list[str]:
    """The modules of the package that ``node`` in ``module`` imports."""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    if module == "":
        package = []
    named: list[str] = []
    if isinstance(node, ast.ImportFrom):
        if node.level:
            base = package[: len(package) - (node.level - 1)]
            origin = ".".join(base + (node.module.split(".") if node.module else []))
        elif node.module and node.module.startswith("clinic_site"):
            origin = node.module.removeprefix("clinic_site").lstrip(".")
        else:
            return []
        for alias in node.names:
            child = f"{origin}.{alias.name}" if origin else alias.name
            named.append(child if child in modules else origin)
    elif isinstance(node, ast.Import):
        named = [
            a.name.removeprefix("clinic_site").lstrip(".")
            for a in node.names
            if a.name.startswith("clinic_site")
        ]
    return [name for name in named if name in modules]


def _graph() -> dict[str, set[str]]:
    sources = _sources()
    modules = set(sources)
    edges: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in sources.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            edges[name] |= {t for t in _targets(name, path, node, modules) if t != name}
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(edges[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                other = stack.pop()
                group.append(other)
                if other == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def _rooms(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    """The same graph between rooms: each top-level package (and root module)."""
    room = {name: name.split(".")[0] for name in edges}
    joined: dict[str, set[str]] = {r: set() for r in room.values()}
    for name, targets in edges.items():
        joined[room[name]] |= {room[t] for t in targets if room[t] != room[name]}
    return joined


def test_the_walk_sees_the_imports_it_should():
    # Guards the test itself: a walk that saw nothing would pass every check below.
    edges = _graph()
    assert "board.services" in edges["board.routes"]
    assert "platform.hooks" in edges["admin.routes"]
    assert "platform" in _rooms(edges)["board"]


def test_the_package_root_holds_only_the_factory_config_and_extensions():
    loose = {path.stem for path in PACKAGE.glob("*.py")}
    assert loose == ROOT_MODULES


def test_no_module_imports_one_that_imports_it_back():
    # The factory starts every room, so it is left out: nothing imports it back but the CLI's
    # entry point, through Flask.
    edges = {name: targets - {""} for name, targets in _graph().items() if name}
    assert _cycles(edges) == []


def test_no_room_imports_one_that_imports_it_back():
    rooms = _rooms({n: t - {""} for n, t in _graph().items() if n})
    assert _cycles(rooms) == []


def test_the_shell_imports_no_feature():
    rooms = _rooms({n: t - {""} for n, t in _graph().items() if n})
    features = set(rooms) - SHELL - ROOT_MODULES
    assert {room: rooms[room] & features for room in SHELL if rooms[room] & features} == {}


def test_a_feature_s_init_only_registers():
    """``__init__.py`` of a room defines ``init_app`` and constants at most: no other function or
    class, so queries, words and formatting live in the modules they belong to."""
    doing_work = {}
    for path in PACKAGE.rglob("__init__.py"):
        if path.parent == PACKAGE or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        defined = [
            node.name
            for node in tree.body
            if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name != "init_app"
        ]
        if defined:
            doing_work[str(path.relative_to(PACKAGE))] = defined
    assert doing_work == {}


def test_only_the_hooks_read_app_extensions():
    readers = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts
        and path.name != "hooks.py"
        and "extensions["
        in path.read_text(encoding="utf-8").replace(".extensions.get(", "extensions[")
    )
    assert readers == []
