"""Every scoped read says what it is for: ``restrict``, ``visible_<things>`` and
``get_<thing>_for`` take ``purpose`` as a keyword with no default, and every
call passes it (docs/architecture.md, "Access: one chokepoint")."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCOPED = ("restrict",)


def _is_scoped(name: str | None) -> bool:
    return bool(name) and (
        name in SCOPED
        or name.startswith("visible_")
        or (name.startswith("get_") and name.endswith("_for"))
    )


def _sources():
    for folder in ("assurance", "tests", "benchmarks", "config"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path, ast.parse(path.read_text(), filename=str(path))


def test_scoped_reads_require_a_purpose():
    missing = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and _is_scoped(node.name):
                args = node.args
                names = [a.arg for a in args.kwonlyargs]
                if "purpose" not in names or args.kw_defaults[names.index("purpose")] is not None:
                    missing.append(f"{path.relative_to(ROOT)}:{node.lineno} def {node.name}")
    assert not missing, "purpose must be a keyword with no default:\n" + "\n".join(missing)


def test_every_scoped_call_passes_a_purpose():
    missing = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if _is_scoped(name) and not any(k.arg in ("purpose", None) for k in node.keywords):
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}(...)")
    assert not missing, "pass purpose=Action.X:\n" + "\n".join(missing)
