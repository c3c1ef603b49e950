"""The one loader behind ``manage.py load_frameworks`` and the upload form.

    result = load_sources([Source("my.yaml", content)], actor=user)
    if not result.ok: show result.problems   # the database is unchanged

Steps: parse YAML (safe loader) -> JSON Schema -> cross-reference checks ->
write everything inside one transaction. Any problem in any file rolls the
whole load back. Loading the same content again changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import IntegrityError, transaction

from ..models import FrameworkVersion
from . import checks, write
from .parse import UNSAFE_TEXT, ParsedFile, has_unsafe_text, parse
from .problems import LoadedFile, LoadProblem, LoadResult
from .schema import schema_problems
from .usage import users_of, version_in_use

__all__ = [
    "DATA_DIR",
    "LoadProblem",
    "LoadResult",
    "LoadedFile",
    "Source",
    "load_paths",
    "load_shipped",
    "load_sources",
    "shipped_paths",
    "users_of",
    "version_in_use",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Source:
    name: str
    content: bytes


def _label(parsed: ParsedFile) -> str:
    doc = parsed.doc
    if parsed.kind == "framework":
        return f"{doc['slug']} {doc['version']}"
    return f"crosswalk {doc['slug']}"


def _identity(parsed: ParsedFile) -> tuple:
    doc = parsed.doc
    if parsed.kind == "framework":
        return ("framework", doc["slug"], doc["version"])
    return ("crosswalk", doc["slug"])


def _check_documents(sources: Iterable[Source]) -> tuple[list[ParsedFile], list[LoadProblem]]:
    parsed_files, problems = [], []
    seen: dict[tuple, str] = {}
    for source in sources:
        parsed = parse(source.name, source.content)
        if isinstance(parsed, LoadProblem):
            problems.append(parsed)
            continue
        found = schema_problems(parsed.kind, parsed.doc)
        if not found and parsed.kind == "framework":
            found = checks.framework_problems(parsed.doc)
        if not found and has_unsafe_text(parsed.doc):
            found = [("", UNSAFE_TEXT)]
        problems += [LoadProblem(source.name, path, message) for path, message in found]
        if found:
            continue
        identity = _identity(parsed)
        if identity in seen:
            problems.append(
                LoadProblem(
                    source.name,
                    "slug",
                    f"{seen[identity]} in this upload already has this slug and version",
                )
            )
            continue
        seen[identity] = source.name
        parsed_files.append(parsed)
    return parsed_files, problems


def _resolver(frameworks: list[ParsedFile]) -> checks.Resolver:
    in_batch = {
        (p.doc["slug"], p.doc["version"]): {c["code"] for c in p.doc["criteria"]}
        for p in frameworks
    }

    def resolve(slug: str, version: str) -> set[str] | None:
        if (slug, version) in in_batch:
            return in_batch[(slug, version)]
        found = FrameworkVersion.objects.filter(framework__slug=slug, version=version).first()
        return None if found is None else set(found.criteria.values_list("code", flat=True))

    return resolve


class _Rollback(Exception):
    pass


def _write(frameworks, crosswalks, actor, result: LoadResult) -> None:
    for parsed in crosswalks:
        write.clear_crosswalk(parsed, actor)
    for parsed in frameworks:
        status, found = write.write_framework(parsed, actor)
        result.problems += [LoadProblem(parsed.name, path, message) for path, message in found]
        result.files.append(LoadedFile(parsed.name, parsed.kind, _label(parsed), status))
    if result.problems:
        return
    for parsed in crosswalks:
        status = write.write_crosswalk(parsed, actor)
        result.files.append(LoadedFile(parsed.name, parsed.kind, _label(parsed), status))


def load_sources(sources: Iterable[Source], *, actor=None) -> LoadResult:
    """Check and load framework and crosswalk files together: all or nothing."""
    parsed_files, problems = _check_documents(sources)
    result = LoadResult(problems=problems)
    if problems:
        return result
    frameworks = [p for p in parsed_files if p.kind == "framework"]
    crosswalks = [p for p in parsed_files if p.kind == "crosswalk"]
    resolve = _resolver(frameworks)
    for parsed in crosswalks:
        found = checks.crosswalk_problems(parsed.doc, resolve)
        result.problems += [LoadProblem(parsed.name, path, message) for path, message in found]
    if result.problems:
        return result
    try:
        with transaction.atomic():
            _write(frameworks, crosswalks, actor, result)
            if result.problems:
                raise _Rollback
    except _Rollback:
        result.files = []
    except IntegrityError as error:  # a race with another load: report, do not crash
        result.files = []
        result.problems.append(
            LoadProblem("(upload)", "", f"the database refused the load ({error}); try again.")
        )
    return result


def load_paths(paths: Iterable[Path | str], *, actor=None, base: Path | None = None) -> LoadResult:
    sources = []
    for path in map(Path, paths):
        name = str(path.relative_to(base)) if base else str(path)
        try:
            sources.append(Source(name, path.read_bytes()))
        except OSError as error:
            return LoadResult(
                problems=[LoadProblem(name, "", f"the file cannot be read ({error.strerror}).")]
            )
    return load_sources(sources, actor=actor)


def shipped_paths() -> list[Path]:
    return sorted(DATA_DIR.glob("*.yaml")) + sorted(DATA_DIR.glob("crosswalks/*.yaml"))


def load_shipped(*, actor=None) -> LoadResult:
    """The framework files that ship with the product."""
    return load_paths(shipped_paths(), actor=actor, base=DATA_DIR)
