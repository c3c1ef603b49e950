"""Production settings refuse unsafe configurations, and pass Django's
deployment checks when configured properly."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "k" * 20 + "-production-only-secret-" + "0123456789abcdefghijklmnop"
SITE = "https://assurance.example.gov.uk"


def _manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "SITE_URL", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_refuses_to_start_without_a_secret_key():
    result = _manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_refuses_to_start_with_debug_on():
    result = _manage("check", SECRET_KEY=GOOD_KEY, SITE_URL=SITE, DEBUG="1")
    assert result.returncode != 0
    assert "DEBUG must not be on" in result.stderr


def test_refuses_to_start_without_the_sites_https_address():
    for missing in ({}, {"SITE_URL": "http://assurance.example.gov.uk"}, {"SITE_URL": "https://"}):
        result = _manage("check", SECRET_KEY=GOOD_KEY, **missing)
        assert result.returncode != 0
        assert "SITE_URL must be set to the service's https address" in result.stderr


def test_deploy_check_is_clean():
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=GOOD_KEY, SITE_URL=SITE
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_demo_data_cannot_be_loaded_in_production():
    result = _manage(
        "seed_demo", SECRET_KEY=GOOD_KEY, SITE_URL=SITE, DATABASE_URL="sqlite:///:memory:"
    )
    assert result.returncode != 0
    assert "not allowed" in result.stderr
