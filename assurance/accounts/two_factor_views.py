"""Two-factor authentication pages: the account's two-factor page, setting up
an authenticator app, recovery codes, security keys, and the second step of
signing in. Changing any of it needs a recent password (reauthentication)."""

from __future__ import annotations

from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.i18n import JavaScriptCatalog
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn import views as webauthn_views
from django_otp_webauthn.models import WebAuthnCredential

from . import forms, second_factor, services
from .audit import audit_record
from .devices import sessions_sign_out_elsewhere
from .models import AuditKind
from .permissions import must_use_second_factor, signed_in
from .reauthentication import recent_sign_in_required, recently_authenticated

APP_KEY = "_pda_totp_key"
SHOW_CODES = "_pda_recovery_codes"
AFTER_SET_UP = "_pda_after_set_up"


def _next_url(request, default: str = "/") -> str:
    url = request.POST.get("next") or request.GET.get("next") or default
    if not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return default
    return url


def _confirm_password_first(request):
    """Changing an existing set-up needs the password given recently, on GET too:
    the pages below start things (a key, a security key ceremony) a POST finishes."""
    query = urlencode({"next": request.get_full_path()})
    return redirect(f"{reverse('accounts:confirm_password')}?{query}")


def _webauthn_config(request) -> dict:
    """What django-otp-webauthn's scripts read (as its template tags would give,
    but with this service's URLs: its views are wrapped to declare access)."""
    return {
        "autocompleteLoginFieldSelector": None,
        "nextFieldSelector": "input[name='next']",
        "csrfToken": get_token(request),
        "beginAuthenticationUrl": reverse("accounts:webauthn_authentication_begin"),
        "completeAuthenticationUrl": reverse("accounts:webauthn_authentication_complete"),
        "beginRegistrationUrl": reverse("accounts:webauthn_registration_begin"),
        "completeRegistrationUrl": reverse("accounts:webauthn_registration_complete"),
    }


def _status(user) -> dict:
    return {
        "app": TOTPDevice.objects.filter(user=user, confirmed=True).first(),
        "keys": list(WebAuthnCredential.objects.filter(user=user, confirmed=True)),
        "codes_left": second_factor.recovery_codes_left(user),
        "required": must_use_second_factor(user),
    }


@signed_in
def two_factor(request):
    return render(request, "accounts/two_factor.html", _status(request.user))


@signed_in
def two_factor_setup(request):
    """Explain, show the QR code and the key as text, then confirm with a code."""
    status = _status(request.user)
    changing = bool(status["app"] or status["keys"])
    if changing and not recently_authenticated(request):
        return _confirm_password_first(request)
    if APP_KEY not in request.session:
        # Kept until confirmed, so a reload (or a second tab) shows the same key.
        request.session[APP_KEY] = second_factor.new_app_key()
    key = request.session[APP_KEY]
    device = TOTPDevice(user=request.user, key=key, name="Authenticator app")
    form = forms.TwoFactorSetUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.two_factor_app_confirm(
                actor=request.user, key=key, code=form.cleaned_data["code"], request=request
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            saved = TOTPDevice.objects.get(user=request.user, confirmed=True)
            # Setting up proves the second factor: this session is verified,
            # and sessions elsewhere that never passed one are ended.
            second_factor.verified_by(request, saved)
            sessions_sign_out_elsewhere(actor=request.user, current_key=request.session.session_key)
            del request.session[APP_KEY]
            request.session[SHOW_CODES] = codes
            request.session[AFTER_SET_UP] = _next_url(request)
            return redirect("accounts:two_factor_recovery_codes")
    secret = device.config_url.split("secret=", 1)[1].split("&", 1)[0]
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_code": segno.make(device.config_url, error="m").svg_data_uri(scale=5),
            "secret": secret,
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "changing": changing,
            "required": status["required"],
            "next": _next_url(request),
        },
    )


@signed_in
def two_factor_recovery_codes(request):
    """Recovery codes are shown once, straight after they are made."""
    codes = request.session.pop(SHOW_CODES, None)
    after = request.session.pop(AFTER_SET_UP, None) if codes else None
    return render(
        request,
        "accounts/two_factor_recovery_codes.html",
        {"codes": codes, "after": after, **_status(request.user)},
    )


@require_POST
@signed_in
@recent_sign_in_required
def two_factor_recovery_codes_new(request):
    try:
        codes = services.recovery_codes_replace(actor=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:two_factor")
    request.session[SHOW_CODES] = codes
    return redirect("accounts:two_factor_recovery_codes")


@signed_in
@recent_sign_in_required
def two_factor_turn_off(request):
    if request.method == "POST":
        try:
            services.two_factor_turn_off(actor=request.user, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Two-factor authentication is off.")
        return redirect("accounts:two_factor")
    return render(request, "accounts/two_factor_turn_off.html", _status(request.user))


@signed_in
def two_factor_verify(request):
    """The second step of signing in."""
    next_url = _next_url(request)
    if second_factor.passed(request):
        return redirect(next_url)
    form = forms.TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            kind = second_factor.verify_code(request, form.cleaned_data["code"])
        except second_factor.LockedOut:
            return render(request, "accounts/locked_out.html", status=429)
        if kind:
            if kind == "recovery code":
                left = second_factor.recovery_codes_left(request.user)
                messages.warning(
                    request,
                    f"You used a recovery code. You have {left} left: each works only once. "
                    "You can make new ones on your two-factor authentication page.",
                )
            return redirect(next_url)
        form.add_error(
            "code",
            "That code is not right. Enter the newest code from your authenticator app, or "
            "an unused recovery code. After a wrong code, wait a few seconds before trying again.",
        )
    has_key = WebAuthnCredential.objects.filter(user=request.user, confirmed=True).exists()
    return render(
        request,
        "accounts/two_factor_verify.html",
        {
            "form": form,
            "next": next_url,
            "has_key": has_key,
            "webauthn_config": _webauthn_config(request) if has_key else None,
        },
    )


@signed_in
def security_keys(request):
    if not recently_authenticated(request):
        return _confirm_password_first(request)
    return render(
        request,
        "accounts/security_keys.html",
        {**_status(request.user), "webauthn_config": _webauthn_config(request)},
    )


@require_POST
@signed_in
@recent_sign_in_required
def security_key_remove(request, pk: int):
    key = get_object_or_404(WebAuthnCredential, pk=pk, user=request.user)
    try:
        services.security_key_remove(actor=request.user, key=key, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The security key has been removed.")
    return redirect("accounts:security_keys")


# --- WebAuthn ceremonies (django-otp-webauthn's JSON endpoints) -----------------


class _Registration:
    def check_can_register(self):
        super().check_can_register()
        if not recently_authenticated(self.request):
            raise _ReauthenticationNeeded()


class _ReauthenticationNeeded(webauthn_views.exceptions.OTPWebAuthnApiError):
    status_code = 403
    code = "reauthentication_needed"
    default_detail = "Confirm your password again, then add the security key."


class _BeginRegistration(_Registration, webauthn_views.BeginCredentialRegistrationView):
    pass


class _CompleteRegistration(_Registration, webauthn_views.CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        if response.status_code == 200:
            audit_record(
                kind=AuditKind.TWO_FACTOR_CHANGED,
                summary="Security key added",
                request=self.request,
            )
            # A first factor set up this way verifies the session, as the app's does.
            self.request.session.pop(second_factor.OPTIONAL, None)
        return response


class _CompleteAuthentication(webauthn_views.CompleteCredentialAuthenticationView):
    def complete_auth(self, device):
        if device.user_id != self.request.user.pk:
            raise webauthn_views.exceptions.CredentialUserMismatch()
        super().complete_auth(device)
        audit_record(
            kind=AuditKind.SECOND_FACTOR,
            summary="Second factor passed with a security key",
            request=self.request,
        )


# Signed-in only (LoginRequiredMiddleware sends anyone else to sign in).
webauthn_registration_begin = signed_in(_BeginRegistration.as_view())
webauthn_registration_complete = signed_in(_CompleteRegistration.as_view())
webauthn_authentication_begin = signed_in(
    webauthn_views.BeginCredentialAuthenticationView.as_view()
)
webauthn_authentication_complete = signed_in(_CompleteAuthentication.as_view())
webauthn_i18n = signed_in(JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]))
