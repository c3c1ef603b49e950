"""The house has no import cycle between files, nor between apps (counting
the imports a module makes when it is loaded: top-level statements, not
those inside functions or under TYPE_CHECKING). Tests and migrations aside."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "assurance"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found = {}
    for path in (ROOT / PACKAGE).rglob("*.py"):
        if {"tests", "migrations", "management"} & set(path.parts):
            continue
        found[_module_name(path)] = path
    return found


def _top_level_imports(path: Path, name: str, known: dict[str, Path]) -> set[str]:
    tree = ast.parse(path.read_text())
    is_package = path.name == "__init__.py"
    targets: set[str] = set()
    for node in tree.body:  # only statements run when the module loads
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for inner in (
            ast.walk(node) if not isinstance(node, (ast.FunctionDef, ast.ClassDef)) else []
        ):
            if isinstance(inner, ast.Import):
                targets |= {alias.name for alias in inner.names}
            elif isinstance(inner, ast.ImportFrom):
                base = inner.module or ""
                if inner.level:
                    anchor = name.split(".") if is_package else name.split(".")[:-1]
                    anchor = anchor[: len(anchor) - (inner.level - 1)]
                    base = ".".join(anchor + ([base] if base else []))
                targets.add(base)
                targets |= {f"{base}.{alias.name}" for alias in inner.names}
    return {t for t in targets if t in known and t != name}


def _graph() -> dict[str, set[str]]:
    known = _modules()
    return {name: _top_level_imports(path, name, known) for name, path in known.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def _app(module: str) -> str:
    return ".".join(module.split(".")[:2])


def test_no_import_cycle_between_files():
    graph = _graph()
    # A package importing its own submodules to re-export them is not a cycle.
    for name, targets in graph.items():
        graph[name] = {t for t in targets if not t.startswith(name + ".")}
    cycle = _cycle(graph)
    assert cycle is None, "Import cycle: " + " → ".join(cycle)


def test_no_import_cycle_between_apps():
    apps: dict[str, set[str]] = {}
    for name, targets in _graph().items():
        apps.setdefault(_app(name), set()).update(_app(t) for t in targets if _app(t) != _app(name))
    cycle = _cycle(apps)
    assert cycle is None, "Import cycle between apps: " + " → ".join(cycle)
