"""Time the national view of a national source with 40,000 council entries.

    .venv/bin/python benchmarks/national_recommendations.py [--councils 400] [--items 100]

Builds a throwaway SQLite database (or uses BENCH_DATABASE_URL) holding one
national source applied to every council (councils × items register
entries), then requests its national page as a national analyst (counts per
recommendation across every council) and as an adviser of one region (each
council's position). Prints the median and worst time and the number of
queries, which must be the same at every size (compare with --councils 40)."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.register import _configure  # noqa: E402


def _build(councils: int, items: int):
    from assurance.accounts.models import AssessorAssignment, Membership, Role, User
    from assurance.organisations.models import Organisation, Region
    from assurance.recommendations.models import (
        NationalApplication,
        NationalRecommendation,
        NationalSource,
        Recommendation,
        RecommendationSource,
    )

    analyst, _ = User.objects.get_or_create(email="bench-analyst@ho.example", full_name="Analyst")
    Membership.objects.get_or_create(user=analyst, role=Role.NATIONAL_ANALYST, organisation=None)
    regions = [Region.objects.get_or_create(name=f"Bench region {i}")[0] for i in range(9)]
    body, _ = Organisation.objects.get_or_create(name="Bench body", kind="assessing_body")
    adviser, _ = User.objects.get_or_create(email="bench-adviser@ho.example", full_name="Adviser")
    Membership.objects.get_or_create(user=adviser, role=Role.ASSESSOR, organisation=body)
    AssessorAssignment.objects.get_or_create(assessor=adviser, region=regions[0])
    orgs = Organisation.objects.bulk_create(
        Organisation(name=f"Bench council {i}", kind="district", region=regions[i % 9])
        for i in range(councils)
    )
    national = NationalSource.objects.create(
        title="Bench national review",
        made_by="Home Office",
        made_on=date(2026, 1, 1),
        published_by=analyst,
    )
    recs = NationalRecommendation.objects.bulk_create(
        NationalRecommendation(national_source=national, number=n, text=f"Do thing {n}")
        for n in range(1, items + 1)
    )
    applications = NationalApplication.objects.bulk_create(
        NationalApplication(national_source=national, organisation=o) for o in orgs
    )
    sources = RecommendationSource.objects.bulk_create(
        RecommendationSource(
            organisation_id=a.organisation_id,
            kind="national",
            origin_id=a.pk,
            title=national.title,
            made_by="Home Office",
            made_on=national.made_on,
        )
        for a in applications
    )
    responses = ["accepted", "partially_accepted", "pending", "accepted"]
    verification = ["", "addressed", "verified", ""]
    Recommendation.objects.bulk_create(
        (
            Recommendation(
                source=s,
                number=r.number,
                origin_key=str(r.pk),
                text=r.text,
                response=responses[(s.pk + r.number) % 4],
                reason="Partly" if responses[(s.pk + r.number) % 4] == "partially_accepted" else "",
                verification=verification[(s.pk * r.number) % 4],
            )
            for s in sources
            for r in recs
        ),
        batch_size=5000,
    )
    return national, analyst, adviser


def _time(client, url: str, runs: int) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return statistics.median(timings), max(timings), len(queries.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=400)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        _configure(tmp)
        from django.conf import settings
        from django.test import Client
        from django.urls import reverse

        settings.DEBUG = False
        started = time.perf_counter()
        national, analyst, adviser = _build(args.councils, args.items)
        total = args.councils * args.items
        print(f"Built {total} council entries in {time.perf_counter() - started:.1f} s")
        url = reverse("recommendations:national", args=[national.pk])
        print(f"{'viewer':<30} {'median':>9} {'worst':>9} {'queries':>8}")
        for name, user in (("national analyst", analyst), ("adviser (one region)", adviser)):
            client = Client()
            client.force_login(user)
            median, worst, queries = _time(client, url, args.runs)
            print(f"{name:<30} {median * 1000:>7.0f}ms {worst * 1000:>7.0f}ms {queries:>8}")


if __name__ == "__main__":
    main()
