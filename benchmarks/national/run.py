"""`make bench`: every page at national scale, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/national/run.py [--seed 1] [--requests 30]
        [--databases sqlite,postgres] [--wrk-seconds 10] [--port 8108]

1. Builds the national data set (manage.py generate_national_data) once per
   database, keyed by a hash of the generator's inputs (seed, generator
   source, migrations, framework files): SQLite in var/bench/, PostgreSQL in
   a database named pda_bench_<hash> (BENCH_POSTGRES_URL, default
   postgres://postgres@127.0.0.1:5432/). Unchanged inputs reuse the data;
   older bench databases of this script are removed.
2. Measures every GET page of the access matrix (measure.py) as the widest
   role allowed to see it, on the busiest records.
3. Starts the production server (gunicorn, 2 workers) on 127.0.0.1 and runs
   wrk for a few seconds against the sign-in page and the heaviest pages.
4. Writes benchmarks/results/national.md and exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
PY = str(ROOT / ".venv" / "bin" / "python")
VAR = ROOT / "var" / "bench"
RESULTS = ROOT / "benchmarks" / "results"

PAGE_P95_MS = 100
DOCUMENT_S = {"pdf": 5.0, "docx": 1.0, "xlsx": 1.0}
# Documents with a target of their own: the whole nation's heatmap in Excel.
DOCUMENT_S_BY_PAGE = {"oversight:heatmap_export xlsx": 3.0}
LETTER_PDF_S = 0.5
THROUGHPUT_SHARE = 0.25
THROUGHPUT_SHARE_BY_PAGE = {"oversight heatmap": 0.30}
WORKER_RSS_MB = 250


def inputs_hash(seed: int) -> str:
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "config.settings.test"}
    env.pop("DATABASE_URL", None)
    out = subprocess.check_output(
        [PY, "-c", f"import django; django.setup(); from assurance.core.national import "
         f"inputs_hash; print(inputs_hash({seed}))"],
        cwd=ROOT, env=env, text=True,
    )  # fmt: skip
    return out.strip()


def _env(database_url: str, settings: str = "config.settings.local") -> dict:
    return os.environ | {"DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": settings}


def _migrate(database_url: str) -> None:
    env = _env(database_url)
    # The cache table first, as in a release (docs/operations.md).
    subprocess.check_call([PY, "manage.py", "createcachetable"], cwd=ROOT, env=env)
    subprocess.check_call([PY, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env)


def _generate(database_url: str, seed: int) -> None:
    env = _env(database_url)
    _migrate(database_url)
    subprocess.check_call(
        [PY, "manage.py", "generate_national_data", "--seed", str(seed)], cwd=ROOT, env=env
    )


def sqlite_data(seed: int, digest: str) -> str:
    VAR.mkdir(parents=True, exist_ok=True)
    path = VAR / f"national-{digest}.sqlite3"
    if not path.exists():
        print(f"Building the national data set on SQLite ({path.name})", flush=True)
        tmp = path.with_suffix(".building")
        for leftover in VAR.glob(f"{tmp.name}*"):
            leftover.unlink()
        _generate(f"sqlite:///{tmp}", seed)
        tmp.rename(path)
    else:
        _migrate(f"sqlite:///{path}")
    for old in VAR.glob("national-*.sqlite3*"):
        if not old.name.startswith(path.name):
            old.unlink()
    return f"sqlite:///{path}"


def postgres_data(seed: int, digest: str) -> str:
    import psycopg

    base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/").rstrip("/")
    name = f"pda_bench_{digest}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        existing = {
            row[0]
            for row in conn.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE 'pda_bench_%'"
            )
        }
        if name not in existing:
            print(f"Building the national data set on PostgreSQL ({name})", flush=True)
            tmp = f"{name}_building"
            conn.execute(f'DROP DATABASE IF EXISTS "{tmp}"')
            conn.execute(f'CREATE DATABASE "{tmp}"')
            _generate(f"{base}/{tmp}", seed)
            conn.execute(f'ALTER DATABASE "{tmp}" RENAME TO "{name}"')
        else:
            _migrate(f"{base}/{name}")
        for old in existing - {name}:
            conn.execute(f'DROP DATABASE IF EXISTS "{old}"')
    return f"{base}/{name}"


def measure_pages(database_url: str, requests: int) -> list[dict]:
    env = _env(database_url, "config.settings.test")
    proc = subprocess.run(
        [PY, "benchmarks/national/measure.py", "--requests", str(requests),
         "--forget-earlier-runs"],
        cwd=ROOT, env=env, text=True, stdout=subprocess.PIPE, check=True,
    )  # fmt: skip
    return [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]


# --- throughput under the production server -----------------------------------

SESSIONS = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from assurance.accounts.permissions import must_use_second_factor
from assurance.accounts.tests.two_factor_support import give_app
from benchmarks.national.records import NationalWorld
w = NationalWorld()
scoring = w.obj("scoring", "own")
def session(user):
    s = SessionStore()
    s[SESSION_KEY] = str(user.pk)
    s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if must_use_second_factor(user):  # past the second step, as after a right code
        s[DEVICE_ID_SESSION_KEY] = give_app(user).persistent_id
    s.create()
    return s.session_key
pages = []
for role in ("assessor", "national_analyst"):
    key = session(w.user_for(role, scoring.organisation_id))
    for label, path in (("home", "/"), ("register", reverse("recommendations:register")),
                        ("moderation", reverse("assessments:moderate", args=[scoring.pk])),
                        ("oversight heatmap", reverse("oversight:heatmap"))):
        pages.append({"page": label, "role": role, "path": path, "session": key})
print(json.dumps(pages))
"""


def _production_env(database_url: str) -> dict:
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "https://127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
    }


def _wrk(url: str, seconds: int, session: str | None) -> dict:
    cmd = ["wrk", "-t2", "-c4", f"-d{seconds}s", "--timeout", "10s"]
    if session:
        cmd += ["-H", f"Cookie: sessionid={session}"]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {"rps": rps, "non_2xx": int(bad.group(1)) if bad else 0}


def _rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def throughput(database_url: str, port: int, seconds: int) -> dict:
    env = _production_env(database_url)
    # The production cache is a database table (docs/operations.md).
    subprocess.check_call([PY, "manage.py", "createcachetable"], cwd=ROOT, env=env)
    if not (ROOT / "var" / "staticfiles" / "staticfiles.json").exists():
        subprocess.check_call(
            [PY, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env
        )
    pages = json.loads(
        subprocess.check_output(
            [PY, "manage.py", "shell", "-c", SESSIONS], cwd=ROOT, env=env, text=True
        )
        .strip()
        .splitlines()[-1]
    )
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "config.wsgi", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        rows = [{"page": "sign-in", "role": "anonymous", "path": "/accounts/login/"}]
        rows[0] |= _wrk(f"{base}/accounts/login/", seconds, None)
        for page in pages:
            rows.append(page | _wrk(f"{base}{page['path']}", seconds, page.pop("session")))
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        rss = [_rss_mb(int(pid)) for pid in children]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return {"rows": rows, "worker_rss_mb": rss}


def letter_pdf_seconds() -> float:
    out = subprocess.check_output(
        [PY, "benchmarks/letter.py", "--runs", "3"], cwd=ROOT, text=True,
        env=os.environ | {"DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )  # fmt: skip
    return float(re.search(r"^pdf ([\d.]+) s", out, re.M).group(1))


# --- report -------------------------------------------------------------------


def _document_format(row: dict) -> str | None:
    match = re.search(r"\.(pdf|docx|xlsx)$", row.get("path", ""))
    return match.group(1) if match and row.get("document") else None


def page_verdict(row: dict) -> tuple[str, bool]:
    if "skipped" in row:
        return row["skipped"], True
    if "error" in row:
        return f"error: {row['error']}", False
    if row["status"] != 200:
        return f"not measured: status {row['status']}", row["status"] < 500
    fmt = _document_format(row)
    if fmt:
        seconds = DOCUMENT_S_BY_PAGE.get(row["page"], DOCUMENT_S[fmt])
        ok = row["median_ms"] <= seconds * 1000
        cached = f"; {row['cached_ms']:.0f} ms once cached" if "cached_ms" in row else ""
        return ("met" if ok else "MISSED") + f" (built ≤ {seconds:g} s{cached})", ok
    # Both as people meet it and just after a change, when nothing is reused.
    worst = max(row["p95_ms"], row.get("fresh_p95_ms", 0))
    ok = worst <= PAGE_P95_MS
    return ("met" if ok else "MISSED") + f" (both p95 ≤ {PAGE_P95_MS} ms)", ok


def report(
    results: dict, letter_s: float, digest: str, seed: int, title: str = "National-scale benchmark"
) -> tuple[str, bool]:
    all_ok = True
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    lines = [
        f"# {title}",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC at commit {commit}, on "
        f"{os.cpu_count()} CPU cores ({platform.machine()}, shared), national data set "
        f"seed {seed} (inputs {digest}). Made by `make bench` (benchmarks/national/run.py).",
        "",
        "Pages are timed twice: *p95* as people meet them, where a page or a person's "
        "permissions worked out since the data last changed are reused "
        "(assurance/core/freshness.py), and *fresh p95* just after a change, when nothing "
        "is reused. *Queries* are those of a fresh request. Both must be within the target.",
        "",
    ]
    ok = letter_s <= LETTER_PDF_S
    all_ok &= ok
    lines += [
        f"Letter PDF render: {letter_s:.2f} s ({'met' if ok else 'MISSED'}, ≤ {LETTER_PDF_S} s).",
        "",
    ]
    for database, result in results.items():
        lines += [
            f"## {database}",
            "",
            "| page | role | median ms | p95 ms | fresh p95 ms | n | queries | KiB | target |",
            "|---|---|---:|---:|---:|---:|---:|---:|---|",
        ]
        for row in result["pages"]:
            verdict, ok = page_verdict(row)
            all_ok &= ok
            if "median_ms" in row:
                fresh = f"{row['fresh_p95_ms']:.0f}" if "fresh_p95_ms" in row else ""
                numbers = (
                    f"{row['median_ms']:.0f} | {row['p95_ms']:.0f} | {fresh} | {row['n']} | "
                    f"{row['queries']} | {row['bytes'] / 1024:.0f}"
                )
            else:
                numbers = " |  |  |  |  | "
            lines.append(f"| {row['page']} | {row['role']} | {numbers} | {verdict} |")
        tp = result.get("throughput")
        if tp:
            sign_in = tp["rows"][0]["rps"]
            lines += [
                "",
                f"Throughput, production server (gunicorn, 2 workers) on 127.0.0.1, wrk "
                f"2 threads × 4 connections, {result['wrk_seconds']} s per page:",
                "",
                "| page | role | req/s | share of sign-in | non-2xx | target |",
                "|---|---|---:|---:|---:|---|",
            ]
            for row in tp["rows"]:
                share = row["rps"] / sign_in if sign_in else 0
                if row["page"] == "sign-in":
                    verdict, ok = "reference", row["non_2xx"] == 0
                else:
                    wanted = THROUGHPUT_SHARE_BY_PAGE.get(row["page"], THROUGHPUT_SHARE)
                    ok = share >= wanted and row["non_2xx"] == 0
                    verdict = ("met" if ok else "MISSED") + f" (≥ {wanted:.0%})"
                all_ok &= ok
                lines.append(
                    f"| {row['page']} | {row['role']} | {row['rps']:.1f} | {share:.0%} | "
                    f"{row['non_2xx']} | {verdict} |"
                )
            peak = max(tp["worker_rss_mb"], default=0)
            ok = peak <= WORKER_RSS_MB
            all_ok &= ok
            lines += [
                "",
                f"Peak RSS per worker: {', '.join(f'{m:.0f} MB' for m in tp['worker_rss_mb'])} "
                f"({'met' if ok else 'MISSED'}, ≤ {WORKER_RSS_MB} MB).",
            ]
        lines.append("")
    lines.append(f"**All targets met: {'yes' if all_ok else 'no'}.**")
    return "\n".join(lines) + "\n", all_ok


def oversight_only(results: dict) -> dict:
    """The same run, oversight's pages and the heatmap's throughput only
    (benchmarks/results/oversight.md, for the oversight issue's targets)."""
    found = {}
    for database, result in results.items():
        pages = [r for r in result["pages"] if r["page"].startswith("oversight:")]
        kept = result | {"pages": pages}
        if result.get("throughput"):
            rows = result["throughput"]["rows"]
            kept["throughput"] = result["throughput"] | {
                "rows": [rows[0]] + [r for r in rows[1:] if r["page"].startswith("oversight")]
            }
        found[database] = kept
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--wrk-seconds", type=int, default=10)
    parser.add_argument("--port", type=int, default=8108)
    parser.add_argument("--output", default=str(RESULTS / "national.md"))
    args = parser.parse_args()
    digest = inputs_hash(args.seed)
    results = {}
    for database in args.databases.split(","):
        url = (
            sqlite_data(args.seed, digest)
            if database == "sqlite"
            else postgres_data(args.seed, digest)
        )
        print(f"Measuring pages on {database}", flush=True)
        pages = measure_pages(url, args.requests)
        result = {"pages": pages, "wrk_seconds": args.wrk_seconds}
        if args.wrk_seconds:
            print(f"Measuring throughput on {database}", flush=True)
            result["throughput"] = throughput(url, args.port, args.wrk_seconds)
        results["SQLite" if database == "sqlite" else "PostgreSQL"] = result
    letter_s = letter_pdf_seconds()
    text, ok = report(results, letter_s, digest, args.seed)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(text)
    oversight_text, _ = report(
        oversight_only(results), letter_s, digest, args.seed, "National-scale benchmark: oversight"
    )
    Path(args.output).with_name("oversight.md").write_text(oversight_text)
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
