"""A level on a criterion record must come from that criterion's own scale.

Django cannot express a composite foreign key portably, so the database
enforces it with a trigger (PostgreSQL and SQLite). Services and forms check
the same rule first and give the plain-English message; this is the last
line. Note: SQLite drops triggers when Django rebuilds a table, so a later
migration that alters assessments_criterionresponse must recreate it;
tests/test_models.py fails if it goes missing."""

from django.db import migrations

TABLE = "assessments_criterionresponse"
WRONG_LEVEL = """
    SELECT 1 FROM frameworks_ratinglevel l, frameworks_criterion c
    WHERE c.id = NEW.criterion_id
      AND l.id IN (NEW.self_level_id, NEW.assessed_level_id, NEW.moderated_level_id)
      AND l.framework_version_id <> c.framework_version_id
"""

SQLITE = [
    f"""CREATE TRIGGER {TABLE}_level_in_scale_{event.lower()} BEFORE {event} ON {TABLE}
    FOR EACH ROW WHEN EXISTS ({WRONG_LEVEL})
    BEGIN SELECT RAISE(ABORT, 'level is not on the scale of this criterion'); END;"""
    for event in ("INSERT", "UPDATE")
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {TABLE}_level_in_scale_{e};" for e in ("insert", "update")]

POSTGRES = [
    f"""CREATE OR REPLACE FUNCTION {TABLE}_level_in_scale() RETURNS trigger AS $$
    BEGIN
      IF EXISTS ({WRONG_LEVEL}) THEN
        RAISE EXCEPTION 'level is not on the scale of this criterion' USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql;""",
    f"""CREATE TRIGGER {TABLE}_level_in_scale BEFORE INSERT OR UPDATE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {TABLE}_level_in_scale();""",
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_level_in_scale ON {TABLE};",
    f"DROP FUNCTION IF EXISTS {TABLE}_level_in_scale();",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
