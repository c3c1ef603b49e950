"""Two web nodes, one database, one storage location: a session, an upload
and an issued letter made through one node are served by the other.

Each node is a real gunicorn process (as in production) on its own port of
127.0.0.1, with the shared state of docs/operations.md: the same SECRET_KEY
(the test settings), the same database, the same private storage and the
database cache. On PostgreSQL (the suite's PostgreSQL pass) both use the test
database itself; on SQLite, which cannot share an in-memory database between
processes, a copy of it in one file in WAL mode."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import gunicorn
import pytest
import requests
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import PASSWORD, assessor_for, user_with_role
from assurance.accounts.tests.two_factor_support import current_code, give_app
from assurance.assessments.tests.factories import (
    letter_input,
    open_assessment,
    scored_version,
    to_moderated,
)
from assurance.evidence.tests import samples
from assurance.organisations.tests.factories import OrganisationFactory, RegionFactory
from tests.oidc.fixtures import free_port

ROOT = Path(__file__).resolve().parent.parent
# gunicorn 27+ opens a control socket at one path per user: two nodes would share it.
NO_CONTROL_SOCKET = ["--no-control-socket"] if gunicorn.version_info >= (27,) else []
STARTUP_SECONDS = 60
TIMEOUT = 60  # a letter is rendered to PDF and DOCX on a busy two-core machine
SHARED_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "pda_cache"},
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "nodes"},
}


def _database_url(tmp_path: Path) -> str:
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        user = settings["USER"] or ""
        password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
        credentials = f"{user}{password}@" if user else ""
        host = settings["HOST"] or "127.0.0.1"
        port = f":{settings['PORT']}" if settings["PORT"] else ""
        return f"postgres://{credentials}{host}{port}/{settings['NAME']}"
    assert connection.vendor == "sqlite"
    # Copy the test database, as it is now, to one file both nodes open.
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    return f"sqlite:///{path}"


def _wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"A web node stopped on start:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(f"{url}/accounts/login/", timeout=20).status_code == 200:
                return
        except requests.RequestException:
            pass  # not listening yet, or still loading on a busy machine
        time.sleep(0.3)
    pytest.fail(f"A web node did not start in {STARTUP_SECONDS}s:\n{log.read_text()[-3000:]}")


@pytest.fixture
def start_nodes(tmp_path) -> Iterator:
    processes: list[subprocess.Popen] = []

    def start(count: int) -> list[str]:
        # Read the database as it is when the nodes start (SQLite copies it then).
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": _database_url(tmp_path),
            "TEST_PRIVATE_STORAGE_ROOT": str(tmp_path / "private"),
            "CACHE_URL": "dbcache://pda_cache",
            "PYTHONUNBUFFERED": "1",
        }
        urls = []
        for number in range(count):
            port = free_port()
            log = tmp_path / f"node-{number}.log"
            processes.append(
                subprocess.Popen(  # noqa: S603 (fixed arguments)
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "config.wsgi:application",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        "1",
                        "--threads",
                        "2",
                        "--timeout",
                        str(TIMEOUT * 2),
                        *NO_CONTROL_SOCKET,
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=log.open("w"),
                    stderr=subprocess.STDOUT,
                )
            )
            urls.append((f"http://127.0.0.1:{port}", processes[-1], log))
        for url, process, log in urls:
            _wait_until_serving(url, process, log)
        return [url for url, _, _ in urls]

    yield start
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _csrf(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


def _sign_in(browser: requests.Session, node: str, email: str, app=None) -> None:
    """Both steps of signing in through the real forms: the password, then (for
    someone with an authenticator app) a code from it."""
    page = browser.get(f"{node}/accounts/login/", timeout=TIMEOUT)
    answer = browser.post(
        f"{node}/accounts/login/",
        data={"csrfmiddlewaretoken": _csrf(page.text), "username": email, "password": PASSWORD},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert answer.status_code == 302, answer.text[:2000]
    if app is None:
        return
    check = reverse("accounts:two_factor_verify")
    page = browser.get(f"{node}{check}", timeout=TIMEOUT)
    answer = browser.post(
        f"{node}{check}",
        data={"csrfmiddlewaretoken": _csrf(page.text), "code": current_code(app)},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert answer.status_code == 302, answer.text[:2000]
    assert not answer.headers["Location"].startswith(check), "the code was refused"


@pytest.fixture
def ready_to_issue(transactional_db):
    council = OrganisationFactory(name="Twonode Council", region=RegionFactory(name="Two Region"))
    lead = user_with_role(Role.COUNCIL_LEAD, council)
    assessor = assessor_for(region=council.region)
    moderator = assessor_for(region=council.region)
    assessment = open_assessment(
        assessor=assessor, version=scored_version(criteria=1), organisation=council
    )
    to_moderated(assessment, lead, assessor, moderator)
    # The council still adds evidence to this year's, which is open.
    current = open_assessment(
        assessor=assessor,
        version=scored_version(criteria=1),
        organisation=council,
        period="2022/23",
    )
    body = assessment.assessing_body
    body.postal_address = "2 Marsham Street\nLondon SW1P 4DF"
    body.save()
    # Assessors must pass a second factor: the assessor has an authenticator app.
    app = give_app(assessor)
    with override_settings(CACHES=SHARED_CACHE):
        call_command("createcachetable", verbosity=0)
    return assessment, current, lead, assessor, app


def test_a_session_an_upload_and_a_letter_made_on_one_node_are_served_by_the_other(
    start_nodes, ready_to_issue
):
    assessment, current, lead, assessor, app = ready_to_issue
    criterion = current.responses.get().criterion_id
    one, two = start_nodes(2)

    # A session made on one node is the same session on the other.
    browser = requests.Session()
    _sign_in(browser, one, lead.email)
    profile = browser.get(f"{two}/accounts/profile/", allow_redirects=False, timeout=TIMEOUT)
    assert profile.status_code == 200 and lead.email in profile.text

    # A file uploaded through one node downloads, byte for byte, from the other.
    task = f"{one}{reverse('assessments:task', args=[current.pk, criterion])}"
    page = browser.get(task, timeout=TIMEOUT)
    uploaded = browser.post(
        f"{one}{reverse('assessments:evidence_file', args=[current.pk, criterion])}",
        data={
            "csrfmiddlewaretoken": _csrf(page.text),
            "file-title": "Partnership figures",
            "file-evidence_date": "1/2/2022",
            "file-marking": "OFFICIAL",
        },
        files={"file-file": ("figures.csv", samples.CSV, "text/csv")},
        timeout=TIMEOUT,
    )
    assert uploaded.status_code == 200 and "Partnership figures" in uploaded.text
    on_two = browser.get(task.replace(one, two), timeout=TIMEOUT).text
    link = re.search(r'href="(/evidence/\d+/download/)"', on_two)
    assert link, "the other node does not list the upload"
    download = browser.get(f"{two}{link.group(1)}", timeout=TIMEOUT)
    assert download.status_code == 200 and download.content == samples.CSV

    # Each node keeps pages until the data changes (core/freshness.py): the
    # lead's home page on node one, read before the letter is issued on node
    # two, must not be shown again afterwards.
    issued_tag = re.compile(r">\s*Issued\s*<")
    before = browser.get(f"{one}/", timeout=TIMEOUT).text
    assert ">Moderated<" in before.replace(" ", "") and not issued_tag.search(before)

    # A letter issued through one node is served by the other.
    assessor_browser = requests.Session()
    _sign_in(assessor_browser, two, assessor.email, app)
    issue = f"{two}{reverse('assessments:issue', args=[assessment.pk])}"
    form = {k: v for k, v in vars(letter_input()).items() if k != "letter_date"}
    form["letter_date"] = timezone.localdate().strftime("%d/%m/%Y")
    page = assessor_browser.get(issue, allow_redirects=False, timeout=TIMEOUT)
    assert page.status_code == 200, page.headers.get("Location")
    form["csrfmiddlewaretoken"] = _csrf(page.text)
    issued = assessor_browser.post(issue, data=form, allow_redirects=False, timeout=TIMEOUT)
    assert issued.status_code == 302, issued.text[:3000]
    assert "/accounts/" not in issued.headers["Location"], issued.headers["Location"]
    letter = assessment.letters.get() if connection.vendor == "postgresql" else None
    pdf = browser.get(
        f"{one}{reverse('assessments:letter_download', args=[assessment.pk, 1, 'pdf'])}",
        timeout=TIMEOUT,
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    after = browser.get(f"{one}/", timeout=TIMEOUT).text
    assert issued_tag.search(after), "node one showed its home page from before the letter"
    if letter is not None:  # on PostgreSQL this process sees the same database
        assert hashlib.sha256(pdf.content).hexdigest() == letter.pdf_sha256
