"""0006 added a column to assessments_criterionresponse, which SQLite does by
rebuilding the table, and a rebuild drops the table's triggers: put the
level-in-scale trigger of 0002 back (PostgreSQL keeps it; recreating there
changes nothing)."""

from importlib import import_module

from django.db import migrations

trigger = import_module("assurance.assessments.migrations.0002_level_in_scale_trigger")


class Migration(migrations.Migration):
    dependencies = [("assessments", "0006_carried_forward")]

    operations = [
        migrations.RunPython(
            trigger._run({"sqlite": trigger.SQLITE_DROP + trigger.SQLITE}),
            migrations.RunPython.noop,
        )
    ]
