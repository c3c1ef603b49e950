"""Wait until a PostgreSQL server accepts a connection.

    python scripts/wait_for_postgres.py postgres://user@host:5432/db [--timeout SECONDS]

Exits 0 once a connection succeeds, 1 when the timeout runs out (the last
error is printed). It connects to the server's "postgres" database rather
than the one in the URL: Django's test runner creates its own database, so
the named one need not exist.
"""

import argparse
import sys
import time
from urllib.parse import unquote, urlsplit

import psycopg


def connection_kwargs(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise SystemExit(f"Not a PostgreSQL URL: {url}")
    kwargs = {"dbname": "postgres", "connect_timeout": "3"}
    if parts.hostname:
        kwargs["host"] = unquote(parts.hostname)
    if parts.port:
        kwargs["port"] = str(parts.port)
    if parts.username:
        kwargs["user"] = unquote(parts.username)
    if parts.password:
        kwargs["password"] = unquote(parts.password)
    return kwargs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--timeout", type=float, default=0, help="seconds to keep trying")
    args = parser.parse_args()

    kwargs = connection_kwargs(args.url)
    deadline = time.monotonic() + args.timeout
    while True:
        try:
            with psycopg.connect(**kwargs):
                return 0
        except psycopg.Error as error:
            if time.monotonic() >= deadline:
                print(f"PostgreSQL not reachable: {str(error).strip()}", file=sys.stderr)
                return 1
        time.sleep(1)


if __name__ == "__main__":
    sys.exit(main())
