import http.server
import threading

import pytest

from tests.browser.axe import assert_no_axe_violations, axe_violations
from tests.browser.conftest import sign_in

GOOD = b"""<!doctype html><html lang="en"><head><title>Smoke</title>
<link rel="stylesheet" href="/static/dist/main.css"></head>
<body class="govuk-template__body"><script src="/static/js/init.js"></script>
<div class="app-classification-banner">Official</div>
<main class="govuk-main-wrapper"><h1 class="govuk-heading-l">Hello</h1>
<p><strong class="govuk-tag app-band--not-met">Not met</strong>
<strong class="govuk-tag app-band--met">Met</strong>
<strong class="govuk-tag app-band--exceeded">Exceeded</strong></p>
<form method="post" action="/accounts/login/" novalidate>
<label class="govuk-label" for="e">Email address</label><input class="govuk-input" id="e" name="e">
<label class="govuk-label" for="p">Password</label><input class="govuk-input" id="p" name="p" type="password">
<button class="govuk-button" data-module="govuk-button" type="submit">Sign in</button></form>
<table class="govuk-table" data-module="moj-sortable-table"><thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header" aria-sort="none">Name</th></tr></thead><tbody class="govuk-table__body"><tr class="govuk-table__row"><td class="govuk-table__cell">B</td></tr></tbody></table>
</main><script type="module" src="/static/js/app.mjs"></script></body></html>"""
BAD = b"""<!doctype html><html><head><title>Bad</title></head><body>
<img src="x.png"><a href="#"></a><input type="text"></body></html>"""


class Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=".", **kwargs)

    def end_headers(self):
        self.send_header("Content-Security-Policy", "default-src 'self'; script-src 'self'")
        super().end_headers()

    def do_GET(self):
        pages = {"/good": GOOD, "/accounts/login/": GOOD, "/bad": BAD}
        if self.path in pages:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(pages[self.path])
        else:
            super().do_GET()

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(302)
        self.send_header("Location", "/good")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture
def spage(browser, server):
    context = browser.new_context(base_url=server)
    page = context.new_page()
    yield page
    context.close()


def test_good_page(spage):
    errors = []
    spage.on("console", lambda m: errors.append(m.text) if m.type == "error" and "404" not in m.text else None)
    spage.on("response", lambda r: errors.append(r.url) if r.status >= 400 and "favicon" not in r.url else None)
    spage.goto("/good")
    spage.wait_for_load_state("networkidle")
    cls = spage.evaluate("document.body.className")
    assert "js-enabled" in cls and "govuk-frontend-supported" in cls
    font = spage.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert font.startswith("system-ui"), font
    spage.wait_for_selector("[data-govuk-button-init]", state="attached")
    spage.wait_for_selector("[data-moj-sortable-table-init]", state="attached")
    assert_no_axe_violations(spage)
    assert not errors, errors


def test_bad_page(spage):
    spage.goto("/bad")
    with pytest.raises(AssertionError) as info:
        assert_no_axe_violations(spage)
    print(info.value)
    ids = {v["id"] for v in axe_violations(spage)}
    assert {"image-alt", "html-has-lang"} <= ids


def test_sign_in(spage):
    sign_in(spage, "a@example.org", "pw")
    assert spage.url.endswith("/good")


def test_live_server_page(page, request):
    assert request.node.get_closest_marker("browser")
    response = page.goto("/static/dist/main.css")
    assert response.status == 200
    response = page.goto("/accounts/login/")
    print("login page status", response.status)
    if response.status == 200:
        assert_no_axe_violations(page)
