"""Statistics for the database's query planner after a bulk load.

PostgreSQL and SQLite choose an index by how many rows they expect a
condition to keep. Until a table has been analysed they guess, and their
guesses for a table loaded in one go (generated national data, a restored
backup) are far off: PostgreSQL planned a council's register as a walk of
all 40,000 recommendations in milestone order. Autovacuum would analyse the
tables in time, but it may be switched off and is not immediate, so what
loads in bulk analyses straight after."""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections


def refresh_planner_statistics(using: str = DEFAULT_DB_ALIAS) -> None:
    """Analyse every table (seconds at national scale, on either database)."""
    with connections[using].cursor() as cursor:
        cursor.execute("ANALYZE")
