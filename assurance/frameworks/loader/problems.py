"""What the loader reports: one problem per thing wrong, and what it did."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class LoadProblem:
    """One thing wrong with one file: where, and what, in a plain sentence."""

    file: str
    path: str  # e.g. "criteria[3].descriptors"; "" for the file as a whole
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, {self.path}" if self.path else self.file
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class LoadedFile:
    file: str
    kind: str  # "framework" or "crosswalk"
    label: str  # e.g. "home-office-la-scoring-criteria 2021-22"
    status: str  # "created", "updated" or "unchanged"

    def __str__(self) -> str:
        return f"{self.file}: {self.label} {self.status}"


@dataclass
class LoadResult:
    problems: list[LoadProblem] = field(default_factory=list)
    files: list[LoadedFile] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def messages(self) -> list[str]:
        return [str(p) for p in self.problems]


def format_path(parts: Sequence[str | int]) -> str:
    """["criteria", 3, "descriptors"] -> "criteria[3].descriptors"."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
