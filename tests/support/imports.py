"""The package's import graph, read from the source with :mod:`ast` (nothing is imported).

Modules are named as installed: pyproject's package-dir maps ``itmscheck`` to
checks/, ``itmscheck.reports`` to reports/ and ``itmscheck.rules`` to rules/.
Imports made only for type checking (``if TYPE_CHECKING:``) are left out:
they never run, so they cannot make a cycle at import time.
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FOLDERS = {"itmscheck": REPO / "checks", "itmscheck.reports": REPO / "reports",
           "itmscheck.rules": REPO / "rules"}


def modules() -> dict[str, Path]:
    """Every module of the package, by its installed dotted name."""
    found: dict[str, Path] = {}
    for package, folder in FOLDERS.items():
        for file in folder.rglob("*.py"):
            parts = file.relative_to(folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            name = ".".join([package, *parts])
            if not any(name.startswith(f"{other}.") or name == other for other in FOLDERS
                       if other != package and other.startswith(f"{package}.")):
                found[name] = file
    return found


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """The tree's import statements, skipping ``if TYPE_CHECKING:`` blocks."""
    nodes: list[ast.AST] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            nodes.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return nodes


def graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports at run time."""
    known = modules()
    edges: dict[str, set[str]] = {name: set() for name in known}
    for name, file in known.items():
        package = name if file.name == "__init__.py" else name.rpartition(".")[0]
        for node in _runtime_nodes(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                assert isinstance(node, ast.ImportFrom)
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                           for alias in node.names]
            edges[name] |= {target for target in targets if target in known and target != name}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges[node]):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return found
