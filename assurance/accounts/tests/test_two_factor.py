"""Two-factor authentication: who must use it, setting up an authenticator
app, the second step of signing in, recovery codes, lockout, and changing it.

These tests sign in through the real forms (never the force_login helper that
passes the second factor for other apps' tests), so they see what a person sees."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from assurance.accounts import services
from assurance.accounts.models import AuditEvent, AuditKind, Membership, Role
from assurance.accounts.permissions import (
    must_use_second_factor,
    second_factor_required_for_roles,
)
from assurance.accounts.reauthentication import AUTHENTICATED_AT
from assurance.accounts.tests.factories import PASSWORD, UserFactory, user_with_role
from assurance.accounts.tests.two_factor_support import (
    current_code,
    give_app,
    give_security_key,
    mark_verified,
)

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")
SET_UP = reverse("accounts:two_factor_setup")
CHECK = reverse("accounts:two_factor_verify")
CODES = reverse("accounts:two_factor_recovery_codes")


def password_step(client, user):
    """Only the first step of signing in, through the real form."""
    return client.post(LOGIN, {"username": user.email, "password": PASSWORD})


def _age(client, seconds):
    session = client.session
    session[AUTHENTICATED_AT] -= seconds
    session.save()


# --- Who must ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("roles", "is_staff", "must"),
    [
        ({Role.ASSESSOR}, False, True),
        ({Role.NATIONAL_ANALYST}, False, True),
        ({Role.ADMINISTRATOR}, False, True),
        ({Role.COUNCIL_LEAD, Role.ASSESSOR}, False, True),
        ({Role.COUNCIL_LEAD}, False, False),
        ({Role.COUNCIL_CONTRIBUTOR}, False, False),
        ({Role.COUNCIL_VIEWER}, False, False),
        ({Role.PEER_REVIEWER}, False, False),
        (set(), False, False),
        (set(), True, True),  # the Django admin is reachable with is_staff alone
    ],
)
def test_the_rule_for_who_must_use_a_second_factor(roles, is_staff, must):
    assert second_factor_required_for_roles(roles, is_staff=is_staff) is must


def test_oversight_roles_must_and_council_roles_need_not(council):
    assert must_use_second_factor(user_with_role(Role.ASSESSOR, council))
    assert must_use_second_factor(user_with_role(Role.NATIONAL_ANALYST))
    assert must_use_second_factor(user_with_role(Role.ADMINISTRATOR))
    assert not must_use_second_factor(user_with_role(Role.COUNCIL_LEAD, council))


# --- Enforcement --------------------------------------------------------------


def test_an_analyst_without_a_device_is_taken_to_set_up_and_can_reach_nothing_else(client):
    analyst = user_with_role(Role.NATIONAL_ANALYST)
    response = password_step(client, analyst)
    assert response.status_code == 302
    for path in ["/", reverse("accounts:profile"), "/organisations/", "/admin/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url.startswith(SET_UP), path
    assert client.get(SET_UP).status_code == 200


def test_an_assessor_with_an_app_is_asked_for_a_code_before_anything_else(client, council):
    assessor = user_with_role(Role.ASSESSOR, council)
    give_app(assessor)
    password_step(client, assessor)
    response = client.get("/organisations/")
    assert response.status_code == 302
    assert response.url == f"{CHECK}?next=%2Forganisations%2F"
    page = client.get(response.url).content.decode()
    assert "Enter your code" in page and "authenticator app" in page


def test_a_council_lead_without_a_device_signs_in_with_the_password_alone(client, lead):
    response = password_step(client, lead)
    assert response.url == "/"
    assert client.get("/").status_code == 200


def test_a_role_that_needs_it_given_after_signing_in_still_needs_it(client, lead):
    password_step(client, lead)
    Membership.objects.create(user=lead, role=Role.NATIONAL_ANALYST)
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith(SET_UP)


def test_single_sign_on_that_used_mfa_counts_as_the_second_factor(client, council):
    assessor = user_with_role(Role.ASSESSOR, council)
    give_app(assessor)
    password_step(client, assessor)
    session = client.session
    session["sso_amr"] = ["pwd"]
    session.save()
    assert client.get("/").status_code == 302  # a password at the provider is not enough
    session["sso_amr"] = ["pwd", "mfa"]
    session.save()
    assert client.get("/").status_code == 200


# --- Setting up an authenticator app -------------------------------------------


def _key_on_page(page: str) -> str:
    return re.search(r"<code>([A-Z2-7 ]+)</code>", page).group(1).replace(" ", "")


def _code_for(base32_key: str) -> str:
    import base64

    return f"{TOTP(base64.b32decode(base32_key)).token():06d}"


def test_setting_up_explains_shows_a_qr_code_and_the_key_then_the_codes_once(client):
    analyst = user_with_role(Role.NATIONAL_ANALYST)
    password_step(client, analyst)
    page = client.get(SET_UP + "?next=/organisations/").content.decode()
    assert "Your role needs two-factor authentication" in page
    assert 'src="data:image/svg+xml' in page and 'alt="QR code' in page
    key = _key_on_page(page)

    response = client.post(SET_UP, {"code": "123 456", "next": "/organisations/"})
    assert "That code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=analyst).exists()

    response = client.post(SET_UP, {"code": _code_for(key), "next": "/organisations/"})
    assert response.status_code == 302 and response.url == CODES
    page = client.get(CODES).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(codes) == 10
    assert "This is the only time you will see these codes" in page
    assert 'href="/organisations/"' in page  # then on to where they were going
    assert set(codes) == set(StaticToken.objects.values_list("token", flat=True))
    again = client.get(CODES).content.decode()
    assert not any(code in again for code in codes)

    assert client.get("/organisations/").status_code == 200  # the session passed
    assert AuditEvent.objects.filter(
        kind=AuditKind.TWO_FACTOR_CHANGED, actor=analyst, summary="Authenticator app set up"
    ).exists()


def test_a_set_up_code_that_is_not_six_digits_gets_a_plain_message(client):
    analyst = user_with_role(Role.NATIONAL_ANALYST)
    password_step(client, analyst)
    client.get(SET_UP)
    body = client.post(SET_UP, {"code": "abc"}).content.decode()
    assert "Enter the 6-digit code your authenticator app shows" in body
    assert "There is a problem" in body


def test_a_council_lead_may_choose_two_factor_from_the_account_page(client, lead):
    password_step(client, lead)
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("accounts:two_factor") in profile
    key = _key_on_page(client.get(SET_UP).content.decode())
    client.post(SET_UP, {"code": _code_for(key)})
    client.post(reverse("accounts:logout"))
    password_step(client, lead)
    assert client.get("/").url.startswith(CHECK)  # asked from now on


@override_settings(REAUTHENTICATE_AFTER=15 * 60)
def test_changing_the_app_needs_the_password_again(client, council):
    assessor = user_with_role(Role.ASSESSOR, council)
    device = give_app(assessor)
    password_step(client, assessor)
    client.post(CHECK, {"code": current_code(device)})
    _age(client, 60 * 60)
    response = client.get(SET_UP)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:confirm_password"))


# --- The second step of signing in ---------------------------------------------


def test_signing_in_with_a_code_from_the_app(client, council):
    assessor = user_with_role(Role.ASSESSOR, council)
    device = give_app(assessor)
    password_step(client, assessor)
    response = client.post(CHECK, {"code": current_code(device), "next": "/organisations/"})
    assert response.status_code == 302 and response.url == "/organisations/"
    assert client.get("/organisations/").status_code == 200
    assert AuditEvent.objects.filter(kind=AuditKind.SECOND_FACTOR, actor=assessor).exists()


def test_a_wrong_code_gets_a_plain_message_and_is_recorded(client, council):
    assessor = user_with_role(Role.ASSESSOR, council)
    give_app(assessor)
    password_step(client, assessor)
    response = client.post(CHECK, {"code": "000000"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and "That code is not right" in body
    assert client.get("/").status_code == 302  # still not through
    assert AuditEvent.objects.filter(kind=AuditKind.SECOND_FACTOR_FAILED, actor=assessor).exists()


def test_an_empty_code_asks_for_one(client, council):
    assessor = user_with_role(Role.ASSESSOR, council)
    give_app(assessor)
    password_step(client, assessor)
    body = client.post(CHECK, {"code": ""}).content.decode()
    assert "Enter the code from your authenticator app" in body


def test_a_recovery_code_works_once(client, council):
    assessor = user_with_role(Role.ASSESSOR, council)
    give_app(assessor)
    codes = services.recovery_codes_replace(actor=assessor)
    password_step(client, assessor)
    response = client.post(CHECK, {"code": codes[0].upper()}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "You have 9 left" in response.content.decode()

    client.post(reverse("accounts:logout"))
    password_step(client, assessor)
    body = client.post(CHECK, {"code": codes[0]}).content.decode()
    assert "That code is not right" in body
    assert client.get("/").status_code == 302


def test_wrong_codes_count_towards_lockout_and_sign_the_person_out(client, council):
    assessor = user_with_role(Role.ASSESSOR, council)
    give_app(assessor)
    password_step(client, assessor)
    for _ in range(4):
        assert client.post(CHECK, {"code": "000000"}).status_code == 200
    response = client.post(CHECK, {"code": "000000"})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert client.get("/").status_code == 302
    assert client.get("/").url.startswith(LOGIN)  # signed out
    assert password_step(client, assessor).status_code == 429  # and locked out
    assert AuditEvent.objects.filter(kind=AuditKind.LOCKED_OUT, email=assessor.email).exists()


def test_wrong_codes_slow_the_device_down_and_a_new_password_sign_in_does_not_reset_it(
    client, council
):
    assessor = user_with_role(Role.ASSESSOR, council)
    device = give_app(assessor)
    password_step(client, assessor)
    client.post(CHECK, {"code": "000000"})
    client.post(reverse("accounts:logout"))
    password_step(client, assessor)
    device.refresh_from_db()
    # django-otp waits 1, 2, 4… seconds after each failure before it will check
    # a code again; signing in afresh with the password does not reset that.
    assert device.throttling_failure_count == 1
    assert device.throttling_failure_timestamp is not None


# --- Changing and removing -------------------------------------------------------


@override_settings(REAUTHENTICATE_AFTER=15 * 60)
def test_turning_off_needs_a_recent_password_and_is_recorded(client, lead):
    give_app(lead)
    password_step(client, lead)
    client.post(CHECK, {"code": current_code(TOTPDevice.objects.get(user=lead))})
    _age(client, 60 * 60)
    turn_off = reverse("accounts:two_factor_turn_off")
    response = client.post(turn_off)
    assert response.url.startswith(reverse("accounts:confirm_password"))
    assert TOTPDevice.objects.filter(user=lead).exists()
    client.post(reverse("accounts:confirm_password"), {"password": PASSWORD, "next": turn_off})
    response = client.post(turn_off, follow=True)
    assert "Two-factor authentication is off" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=lead).exists()
    assert AuditEvent.objects.filter(
        kind=AuditKind.TWO_FACTOR_CHANGED, summary="Two-factor authentication turned off"
    ).exists()


def test_a_role_that_needs_it_cannot_turn_it_off(council):
    assessor = user_with_role(Role.ASSESSOR, council)
    give_app(assessor)
    with pytest.raises(ValidationError, match="cannot be turned off"):
        services.two_factor_turn_off(actor=assessor)
    assert TOTPDevice.objects.filter(user=assessor).exists()


def test_new_recovery_codes_replace_the_old_ones(council):
    assessor = user_with_role(Role.ASSESSOR, council)
    give_app(assessor)
    old = services.recovery_codes_replace(actor=assessor)
    new = services.recovery_codes_replace(actor=assessor)
    stored = set(StaticToken.objects.values_list("token", flat=True))
    assert stored == set(new) and not stored & set(old)
    assert StaticDevice.objects.filter(user=assessor).count() == 1


def test_recovery_codes_need_an_app_or_a_key_first(lead):
    with pytest.raises(ValidationError):
        services.recovery_codes_replace(actor=lead)


def test_someone_elses_security_key_cannot_be_removed(client, lead, other_lead):
    key = give_security_key(other_lead)
    with pytest.raises(PermissionDenied):
        services.security_key_remove(actor=lead, key=key)
    client.force_login(lead)
    response = client.post(reverse("accounts:security_key_remove", args=[key.pk]))
    assert response.status_code == 404
    assert WebAuthnCredential.objects.filter(pk=key.pk).exists()


def test_the_last_way_to_pass_cannot_be_removed_by_a_role_that_needs_one(council):
    assessor = user_with_role(Role.ASSESSOR, council)
    key = give_security_key(assessor)
    with pytest.raises(ValidationError, match="only way"):
        services.security_key_remove(actor=assessor, key=key)
    give_app(assessor)
    services.security_key_remove(actor=assessor, key=key)
    assert not WebAuthnCredential.objects.filter(user=assessor).exists()


def test_the_security_keys_page_offers_to_add_one_without_inline_script(client, lead):
    give_security_key(lead, "Blue key")
    client.force_login(lead)
    mark_verified(client, lead)  # they have a key, so they pass a second factor first
    page = client.get(reverse("accounts:security_keys")).content.decode()
    assert "Blue key" in page and 'id="passkey-register-button"' in page
    # Configuration is a JSON data block; every executed script is an external file.
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    for attributes, _body in scripts:
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
    assert reverse("accounts:webauthn_registration_begin") in page


def test_starting_to_add_a_security_key_gives_the_browser_its_options(client, lead):
    client.force_login(lead)
    response = client.post(reverse("accounts:webauthn_registration_begin"))
    assert response.status_code == 200
    options = response.json()
    assert options["rp"]["name"] == "Prevent Duty Assurance"
    assert options["user"]["name"] == lead.email


def test_the_account_page_says_whether_two_factor_is_on(client):
    user = UserFactory()
    client.force_login(user)
    assert "Off" in client.get(reverse("accounts:profile")).content.decode()


def test_an_administrator_resets_a_lost_second_factor_from_the_admin(client, council):
    assessor = user_with_role(Role.ASSESSOR, council)
    give_app(assessor)
    services.recovery_codes_replace(actor=assessor)
    administrator = user_with_role(Role.ADMINISTRATOR)
    client.force_login(administrator)  # passes the administrator's own second factor
    response = client.post(
        "/admin/accounts/user/",
        {"action": "reset_two_factor", "_selected_action": [assessor.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=assessor).exists()
    assert not StaticDevice.objects.filter(user=assessor).exists()
    assert AuditEvent.objects.filter(
        kind=AuditKind.TWO_FACTOR_CHANGED, actor=administrator
    ).exists()
    client.post(reverse("accounts:logout"))
    password_step(client, assessor)
    assert client.get("/").url.startswith(SET_UP)


def test_the_admin_shows_no_ones_secret_keys(client):
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404


def test_making_new_recovery_codes_from_the_two_factor_page_shows_them_once(client, council):
    assessor = user_with_role(Role.ASSESSOR, council)
    give_app(assessor)
    old = services.recovery_codes_replace(actor=assessor)
    client.force_login(assessor)
    response = client.post(reverse("accounts:two_factor_recovery_codes_new"), follow=True)
    page = response.content.decode()
    assert "New recovery codes made" in page and "Your old codes no longer work" in page
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(codes) == 10 and not set(codes) & set(old)
    assert not any(code in client.get(CODES).content.decode() for code in codes)
