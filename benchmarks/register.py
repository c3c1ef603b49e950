"""Time the recommendations register with 5,000 recommendations for one council.

    .venv/bin/python benchmarks/register.py [--rows 5000] [--runs 7]

Builds a throwaway SQLite database in a temporary directory (or uses
BENCH_DATABASE_URL, e.g. a scratch PostgreSQL database, which it migrates
and fills), then requests the register page through Django's test client:
the first page, a filtered and sorted later page, and the overdue view.
Prints the median and worst time of each and the number of queries, which
must not grow with the number of rows."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _configure(tmp: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
    )
    import django

    django.setup()
    warnings.filterwarnings("ignore", "No directory at")  # static files are not collected here
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _build(rows: int):
    from django.utils import timezone

    from assurance.accounts.models import Membership, Role, User
    from assurance.organisations.models import Organisation
    from assurance.recommendations.models import Recommendation, RecommendationSource

    council, _ = Organisation.objects.get_or_create(name="Benchmark City Council", kind="unitary")
    user, _ = User.objects.get_or_create(email="bench-lead@council.example", full_name="Bench Lead")
    Membership.objects.get_or_create(user=user, organisation=council, role=Role.COUNCIL_LEAD)
    RecommendationSource.objects.filter(organisation=council).delete()
    today = timezone.localdate()
    per_source = 250
    statuses = ["not_started", "in_progress", "completed", "superseded"]
    responses = ["pending", "accepted", "partially_accepted", "accepted"]
    for start in range(0, rows, per_source):
        source = RecommendationSource.objects.create(
            organisation=council,
            kind="scrutiny_review",
            title=f"Review {start // per_source + 1}",
            made_by="Scrutiny panel",
            made_on=today - timedelta(days=start % 700),
        )
        Recommendation.objects.bulk_create(
            Recommendation(
                source=source,
                number=n,
                text=f"Recommendation {n} of review {source.pk}: strengthen the arrangements.",
                theme=f"Theme {n % 9}",
                response=responses[n % 4],
                reason="Partly affordable" if responses[n % 4] == "partially_accepted" else "",
                lead=f"Lead officer {n % 23}",
                milestone=today + timedelta(days=(n % 120) - 60),
                status=statuses[n % 4],
            )
            for n in range(1, min(per_source, rows - start) + 1)
        )
    return user


def _time(client, url: str, params: dict, runs: int) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, params)  # warm the session and caches
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, params)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return statistics.median(timings), max(timings), len(queries.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        _configure(tmp)
        from django.conf import settings
        from django.test import Client
        from django.urls import reverse

        settings.DEBUG = False
        started = time.perf_counter()
        user = _build(args.rows)
        print(
            f"Built {args.rows} recommendations in {time.perf_counter() - started:.1f} s "
            f"({settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]})"
        )
        client = Client()
        client.force_login(user)
        url = reverse("recommendations:register")
        cases = {
            "first page": {},
            "sorted by lead, descending, page 40": {"sort": "lead", "dir": "desc", "page": 40},
            "overdue, in progress, accepted": {
                "overdue": "on",
                "status": "in_progress",
                "response": "accepted",
            },
        }
        print(f"{'case':<40} {'median':>9} {'worst':>9} {'queries':>8}")
        for name, params in cases.items():
            median, worst, queries = _time(client, url, params, args.runs)
            print(f"{name:<40} {median * 1000:>7.0f}ms {worst * 1000:>7.0f}ms {queries:>8}")


if __name__ == "__main__":
    main()
