"""Frameworks are data: no Python module outside the frameworks app (and no
file under config/) names a benchmark by its title, code or number. Code
that needs a criterion gets it from the framework version it works with.

Test modules may refer to the numbered criteria of the frameworks their
factories build; titles and codes of shipped criteria are refused everywhere.

Titles of one ordinary word ("Training", "Communications") are left out of
the scan: they are everyday words that other code uses with no reference
to any framework. Multi-word titles and every criterion code are scanned."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORKS_APP = ROOT / "assurance" / "frameworks"
DATA = FRAMEWORKS_APP / "data"
# Phrases that name benchmarks in any version, beyond the shipped titles.
EXTRA_PHRASES = ["Channel panel", "Referral pathway", "Prevent partnership plan", "Venue hire"]
BENCHMARK_NUMBER = re.compile(r"\b(?:benchmark|criterion|aspect)[\s_#-]*(?:no\.?\s*)?\d+\b", re.I)


@cache
def shipped_frameworks() -> list[dict]:
    docs = [yaml.safe_load(p.read_text()) for p in sorted(DATA.rglob("*.yaml"))]
    return [d for d in docs if d.get("kind") == "framework"]


@cache
def benchmark_phrases() -> tuple[str, ...]:
    phrases = set(EXTRA_PHRASES)
    for doc in shipped_frameworks():
        for criterion in doc["criteria"]:
            if len(criterion["title"].split()) > 1:
                phrases.add(criterion["title"])
            if "-" in criterion["code"]:
                phrases.add(criterion["code"])
    return tuple(sorted(phrases, key=str.lower))


def _pattern(phrase: str) -> re.Pattern:
    words = r"\s+".join(re.escape(word) for word in phrase.split())
    return re.compile(rf"(?<![\w-]){words}(?![\w-])", re.I)


def offences(paths) -> list[str]:
    patterns = [(phrase, _pattern(phrase)) for phrase in benchmark_phrases()]
    found = []
    for path in paths:
        text = path.read_text(errors="replace")
        for phrase, pattern in patterns:
            if pattern.search(text):
                found.append(f"{path.relative_to(ROOT)} names the benchmark '{phrase}'")
        # Tests build their own frameworks with factories and may speak of their
        # numbered criteria; only product code is held to the number rule.
        parts = path.relative_to(ROOT).parts
        app_test = parts[0] == "assurance" and "tests" in parts
        match = None if app_test else BENCHMARK_NUMBER.search(text)
        if match:
            found.append(f"{path.relative_to(ROOT)} refers to '{match.group(0)}' by number")
    return found


def scanned_files() -> list[Path]:
    python = [p for p in (ROOT / "assurance").rglob("*.py") if FRAMEWORKS_APP not in p.parents]
    config = [
        p for p in (ROOT / "config").rglob("*") if p.is_file() and "__pycache__" not in p.parts
    ]
    return sorted(python + config)


def test_no_module_outside_the_frameworks_app_names_a_benchmark():
    files = scanned_files()
    assert len(files) > 20  # the scan really walks the project
    assert offences(files) == []


def test_the_phrases_come_from_every_shipped_framework():
    phrases = {p.lower() for p in benchmark_phrases()}
    assert len(shipped_frameworks()) == 4
    for doc in shipped_frameworks():
        codes = {c["code"] for c in doc["criteria"] if "-" in c["code"]}
        assert codes <= phrases, doc["slug"]
    assert {
        "channel panel",
        "reducing permissive environments",
        "information sharing protocol",
    } <= phrases


def test_the_scan_finds_names_where_they_are(tmp_path):
    """The scan can fail: the framework files themselves are full of names,
    and a module that hard-codes a benchmark is caught."""
    assert len(offences(sorted(DATA.glob("*.yaml")))) >= 30
    module = tmp_path / "bad_module.py"
    module.write_text(
        'if criterion.title == "Channel  Panel":\n    weight = 2  # Benchmark 5\n'
        'code = "risk-assessment"\n'
    )
    module = module.rename(ROOT / "tests" / "_scan_probe.py")
    try:
        found = offences([module])
    finally:
        module.unlink()
    assert "tests/_scan_probe.py names the benchmark 'Channel panel'" in found
    assert "tests/_scan_probe.py names the benchmark 'risk-assessment'" in found
    assert "tests/_scan_probe.py refers to 'Benchmark 5' by number" in found


def test_ordinary_words_are_not_mistaken_for_benchmarks(tmp_path):
    module = ROOT / "tests" / "_scan_probe_ok.py"
    module.write_text('training_records = "communications team"\nrisk = "assessment"\n')
    try:
        assert offences([module]) == []
    finally:
        module.unlink()
