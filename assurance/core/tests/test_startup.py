"""A serving process loads every view and sets what it loaded aside from
Python's cycle collector before its first request (core/startup.py), so a
full collection during a request walks only what requests made, and full
collections come less often."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PROBE = """
import gc, json, sys
import config.wsgi
print(json.dumps({
    "frozen": gc.get_freeze_count(),
    "walked": len(gc.get_objects()),
    "views_loaded": "assurance.oversight.views" in sys.modules,
    "thresholds": gc.get_threshold(),
}))
"""


def test_the_wsgi_application_sets_start_up_objects_aside_from_the_cycle_collector():
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "config.settings.test"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
        check=True, timeout=120,
    )  # fmt: skip
    found = json.loads(out.stdout.strip().splitlines()[-1])
    assert found["views_loaded"], "the URLconf and its views load before the first request"
    # What a full collection still walks is a small part of what start-up made.
    assert found["frozen"] > 20 * found["walked"], found
    # Full walks are rarer than Python's default (every 10 middle collections).
    assert found["thresholds"][2] > 10, found
