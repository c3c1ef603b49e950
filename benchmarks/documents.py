"""Time building the tracker and response matrix of the busiest source, in
each format, as the worker builds them (read, lay out, render).

    .venv/bin/python benchmarks/documents.py [--runs 3] [--only tracker-pdf] [--profile]

Reads the national data set that `make bench` builds: the SQLite file in
var/bench/, or the database in DATABASE_URL (e.g. the bench's PostgreSQL
database pda_bench_<hash>); writes nothing. Prints the median of each, e.g.
``tracker pdf  450 rows  160 KiB  3.10 s (CPU 3.02 s)``. ``--profile`` prints a pyinstrument
profile of one build of each (pip install pyinstrument)."""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
if "DATABASE_URL" not in os.environ:
    built = sorted((ROOT / "var" / "bench").glob("national-*.sqlite3"), key=os.path.getmtime)
    if not built:
        sys.exit("No national data set: run `make bench` or set DATABASE_URL.")
    os.environ["DATABASE_URL"] = f"sqlite:///{built[-1]}"

import django  # noqa: E402

django.setup()
warnings.filterwarnings("ignore", "No directory at")
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)


def busiest_source():
    from django.db.models import Count

    from assurance.recommendations.models import RecommendationSource

    return (
        RecommendationSource.objects.select_related("organisation")
        .annotate(n=Count("recommendations"))
        .order_by("-n", "pk")
        .first()
    )


def build(source, kind: str, extension: str) -> tuple[int, int]:
    """What the worker does for one document, without saving the file."""
    from assurance.recommendations import documents, selectors

    items = selectors.source_recommendations(source)
    context = documents.BUILDERS[kind](source, items)
    return len(items), len(documents.RENDERERS[extension](context))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    source = busiest_source()
    from assurance.documents.pdf import html_to_pdf

    html_to_pdf("<p>Warm-up</p>")  # fonts and imports, once
    for kind in ("tracker", "matrix"):
        for extension in ("pdf", "docx", "xlsx"):
            if args.only and args.only != f"{kind}-{extension}":
                continue
            if args.profile:
                from pyinstrument import Profiler

                profiler = Profiler()
                profiler.start()
                build(source, kind, extension)
                profiler.stop()
                print(profiler.output_text(unicode=False, color=False, show_all=False))
            timings, cpu = [], []
            for _ in range(args.runs):
                started, started_cpu = time.perf_counter(), time.process_time()
                rows, size = build(source, kind, extension)
                timings.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
            # CPU time as well: on a shared machine the wall time mostly
            # measures the other processes.
            print(
                f"{kind:<8} {extension:<5} {rows:>4} rows {size / 1024:>6.0f} KiB "
                f"{statistics.median(timings):>7.2f} s  (CPU {statistics.median(cpu):.2f} s)",
                flush=True,
            )


if __name__ == "__main__":
    main()
