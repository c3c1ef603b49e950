import pytest

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.mark.urls("assurance.core.tests.undeclared_urls")
def test_a_view_that_declares_no_access_is_refused_even_to_an_analyst(client):
    client.force_login(user_with_role(Role.NATIONAL_ANALYST))
    response = client.get("/undeclared/")
    assert response.status_code == 403
    assert b"secret" not in response.content


@pytest.mark.urls("assurance.core.tests.undeclared_urls")
def test_anonymous_visitors_are_sent_to_sign_in_first(client):
    response = client.get("/undeclared/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_error_pages_use_the_service_layout(client):
    client.force_login(user_with_role(Role.COUNCIL_VIEWER, None or _council()))
    response = client.get("/organisations/999999/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in body and "Prevent Duty Assurance" in body


def _council():
    from assurance.organisations.tests.factories import OrganisationFactory

    return OrganisationFactory()


def test_security_headers_are_sent(client):
    response = client.get("/accessibility/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
