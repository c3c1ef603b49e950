"""Measure every page of the access matrix on the database in DATABASE_URL
(run by benchmarks/national/run.py, which sets it). Prints JSON rows.

    DATABASE_URL=... .venv/bin/python benchmarks/national/measure.py [--requests 30] [--only NAME]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()
warnings.filterwarnings("ignore", "No directory at")
logging.disable(logging.WARNING)  # 404s of skipped pages are expected noise here

from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from assurance.accounts.permissions import must_use_second_factor  # noqa: E402
from assurance.accounts.tests.two_factor_support import mark_verified  # noqa: E402
from assurance.core import freshness  # noqa: E402
from benchmarks.national.records import (  # noqa: E402
    BUILT_BY_THE_WORKER,
    DOCUMENT_VARIANTS,
    URL_OVERRIDES,
    NationalWorld,
    NoRecord,
)
from tests.access.world import NO_TARGET, OWN  # noqa: E402

# Whose view of a page is measured: the widest scope first. Lists with no
# record in the URL are measured for each of the three main roles that may
# see them, since what they hold depends on the user's scope.
PREFERENCE = [
    "national_analyst",
    "assessor",
    "council_lead",
    "council_contributor",
    "council_viewer",
    "administrator",
    "peer_reviewer",
]
LIST_ROLES = ("council_lead", "assessor", "national_analyst")
SLOW = 1.0  # seconds: a page this slow after five requests has missed its target anyway


def entries():
    from tests.test_access_matrix import ENTRIES

    return ENTRIES


def _roles(entry) -> list[str]:
    allowed = [r for r in PREFERENCE if r in entry.allowed and entry.allowed[r] & {OWN, NO_TARGET}]
    if not allowed:
        return []
    if entry.targets == (NO_TARGET,):
        several = [r for r in LIST_ROLES if r in allowed]
        return several or allowed[:1]
    return allowed[:1]


def _body_size(response) -> int:
    if getattr(response, "streaming", False):
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def _paths(name, entry, world):
    if name in URL_OVERRIDES:
        yield name, URL_OVERRIDES[name](world)
        return
    path = entry.url(world, OWN if OWN in entry.targets else NO_TARGET)
    variants = DOCUMENT_VARIANTS.get(name)
    if not variants:
        yield name, path
        return
    for label, variant_path in variants(world):
        yield f"{name} {label}", variant_path


def _timed(client, path) -> tuple[float, object, int]:
    started = time.perf_counter()
    response = client.get(path)
    size = _body_size(response)
    return time.perf_counter() - started, response, size


def _forget_kept() -> None:
    """As just after any change of data: nothing kept (core/freshness.py)."""
    caches[freshness.LOCAL_CACHE].clear()


def measure(path: str, user, requests: int, document: bool) -> dict:
    """A page: one warm-up, one counted for queries, then ``requests`` timed
    as people meet it (reused while the data is unchanged), then as many
    timed fresh, as just after a change (nothing reused); the queries
    are those of a fresh request, so they show the page's real work.
    A document: two timed requests (the first counts its queries), since
    each takes seconds and its target is seconds."""
    client = Client()
    client.force_login(user)
    if must_use_second_factor(user):
        # Signed in as they would be: past the second step (an authenticator app).
        mark_verified(client, user)
    times = []
    first_time, first, _ = _timed(client, path)
    row = {"status": first.status_code}
    if first.status_code != 200:
        return row
    if document:
        times.append(first_time)
    queries = []

    def count(execute, sql, *args):
        queries.append(sql)
        return execute(sql, *args)

    if not document:
        _forget_kept()
    with connection.execute_wrapper(count):
        elapsed, response, size = _timed(client, path)
    if document:
        times.append(elapsed)
    for i in range(0 if document else requests):
        times.append(_timed(client, path)[0])
        if i >= 4 and statistics.median(times) > SLOW:
            break
    if document:
        # The target is from request to download of a fresh document: the first
        # request builds it (the test settings run the task at once); the
        # second is served from the cache.
        return row | {
            "queries": len(queries),
            "bytes": size,
            "n": 1,
            "median_ms": times[0] * 1000,
            "p95_ms": times[0] * 1000,
            "cached_ms": times[1] * 1000,
        }
    fresh = []
    for _ in range(requests):
        _forget_kept()
        fresh.append(_timed(client, path)[0])
        if statistics.median(fresh) > SLOW:
            break
    return row | {
        "queries": len(queries),
        "bytes": size,
        "n": len(times),
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": _p95(times) * 1000,
        "fresh_p95_ms": _p95(fresh) * 1000,
    }


def _p95(times: list[float]) -> float:
    times = sorted(times)
    return times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]


def _forget_earlier_runs() -> None:
    """Every run signs in some 200 times. Without this, the signed-in devices
    page and the audit trail grow with each run on the same data, and the
    bench would measure how often it had been run."""
    from django.contrib.sessions.models import Session

    from assurance.accounts.models import AuditEvent, SignedInSession

    name = str(connection.settings_dict["NAME"])
    if not (name.startswith("pda_bench_") or "/var/bench/national-" in name):
        sys.exit(
            f"--forget-earlier-runs deletes sessions and audit events: {name} is not "
            "a bench database (var/bench/national-*.sqlite3 or pda_bench_*)"
        )
    for model in (SignedInSession, Session, AuditEvent):
        model.objects.all().delete()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--only", default="")
    parser.add_argument(
        "--forget-earlier-runs",
        action="store_true",
        help="for run.py, on its own bench database only: first delete the sessions and "
        "sign-in records (audit events) that earlier runs' sign-ins left",
    )
    args = parser.parse_args()
    if args.forget_earlier_runs:
        _forget_earlier_runs()
    from assurance.core.national import placeholder_letters

    placeholder_letters()
    # Documents are timed as a running worker builds them: WeasyPrint's
    # libraries and fonts are loaded once per process, by its first document.
    from assurance.documents.pdf import html_to_pdf

    html_to_pdf("<p>Warm-up</p>")
    # As the production server does once it has loaded (config/wsgi.py).
    from assurance.core.startup import settle_after_start_up

    settle_after_start_up()
    try:  # documents are measured from a cold cache
        from assurance.recommendations.models import ScrutinyPackDocument, SourceDocument

        SourceDocument.objects.all().delete()
        ScrutinyPackDocument.objects.all().delete()
    except ImportError:
        pass
    world = NationalWorld()
    rows = []
    for name, entry in sorted(entries().items()):
        if isinstance(entry, list):  # one entry per method (the API's routes): their GET
            entry = next((e for e in entry if e.method == "get"), entry[0])
        if entry.method != "get" or entry.public and entry.overrides:
            continue
        if args.only and args.only not in name:
            continue
        roles = _roles(entry) if not entry.public else ["council_lead"]
        for role in roles:
            try:
                for label, path in _paths(name, entry, world):
                    user = world.user_for(role, world.last_organisation_id)
                    # A CSV export streams in the request, and a stored file is
                    # served as it is: both have a page's target.
                    document = (
                        name in DOCUMENT_VARIANTS and not label.endswith(" csv")
                    ) or name in BUILT_BY_THE_WORKER
                    row = {"page": label, "role": role, "path": path, "document": document}
                    try:
                        row |= measure(path, user, args.requests, document)
                    except Exception as error:  # noqa: BLE001 - reported as a missed target
                        row["error"] = f"{type(error).__name__}: {error}"[:200]
                    rows.append(row)
                    print(json.dumps(row), flush=True)
            except NoRecord as missing:
                row = {"page": name, "role": role, "skipped": f"no national record: {missing}"}
                rows.append(row)
                print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
