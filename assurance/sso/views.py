"""Signing in with an organisation's own account (OpenID Connect).

The email-first page finds the provider by the address's domain and sends the
person there; the callback checks the provider's answer (state, PKCE, the ID
token's signature, issuer, audience and nonce, all by Authlib), then hands the
claims to ``services.identity_sign_in``, which decides whose account it is."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from authlib.common.errors import AuthlibBaseError
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from joserfc.errors import JoseError
from requests import RequestException

from assurance.accounts.audit import audit_record
from assurance.accounts.models import AuditKind
from assurance.accounts.permissions import public

from . import csp, rules
from .forms import OrganisationEmailForm
from .providers import configured_providers, oidc_client, provider_by_key, provider_for_email
from .services import identity_sign_in

log = logging.getLogger(__name__)

PENDING = "sso_pending"
AMR = "sso_amr"
# Read by accounts' sign-out view: the provider's end-session address, built here.
END_SESSION = csp.END_SESSION
# What a provider that is down, slow or wrong can make the client raise.
PROVIDER_ERRORS = (
    AuthlibBaseError,
    JoseError,
    RequestException,
    RuntimeError,
    ValueError,
    KeyError,
    TypeError,
)

REFUSALS = {
    rules.UNVERIFIED: (
        "Your email address is not verified",
        "Your organisation's sign-in service did not confirm that you own your email "
        "address, so we cannot tell which account is yours. Ask your organisation's IT "
        "team to verify your address, or sign in with your email address and password.",
    ),
    rules.NO_EMAIL: (
        "We could not find your email address",
        "Your organisation's sign-in service did not tell us your email address. Ask your "
        "organisation's IT team to share it with this service, or sign in with your email "
        "address and password.",
    ),
    rules.WRONG_DOMAIN: (
        "That sign-in service cannot sign you in here",
        "The account you signed in with has an email address that this sign-in service "
        "does not vouch for. Sign in with your organisation's own account, or with your "
        "email address and password.",
    ),
    rules.UNKNOWN: (
        "There is no account for you yet",
        "You signed in with your organisation's account, but this service has no account "
        "for that email address. Signing in elsewhere does not create an account or give "
        "access here: ask a lead at your council, or an administrator, to invite you.",
    ),
}
FAILED = (
    "Sign-in could not be finished",
    "Your organisation's sign-in service did not give us an answer we could check. "
    "Start again, or sign in with your email address and password.",
)


def _safe_next(request, value: str | None) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return reverse(settings.LOGIN_REDIRECT_URL)


def _refused(request, title: str, message: str, *, status: int):
    return render(request, "sso/refused.html", {"title": title, "message": message}, status=status)


@public
def start(request):
    """Email first: the address's domain says which provider to use."""
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    form = OrganisationEmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        provider = provider_for_email(email)
        if provider is None:
            form.add_error(
                "email",
                "Your organisation does not have its own sign-in here yet. Sign in with "
                "your email address and password instead.",
            )
        else:
            try:
                response = oidc_client(provider).authorize_redirect(
                    request,
                    request.build_absolute_uri(reverse("sso:callback")),
                    login_hint=email,
                )
            except PROVIDER_ERRORS:
                log.warning("Identity provider %s could not be reached", provider.name)
                form.add_error(
                    "email",
                    f"{provider.name} could not be reached. Try again in a few minutes, "
                    "or sign in with your email address and password.",
                )
            else:
                request.session[PENDING] = {"key": provider.key, "next": next_url}
                return response
    response = render(request, "sso/start.html", {"form": form, "next": next_url})
    csp.allow_form_action(response, [csp.origin_of(p.issuer) for p in configured_providers()])
    return response


@public
def callback(request):
    pending = request.session.pop(PENDING, None)
    provider = provider_by_key(pending["key"]) if pending else None
    if provider is None:
        return _refused(
            request,
            "Sign-in could not be finished",
            "This sign-in had expired or was started in another browser. Start again.",
            status=400,
        )
    client = oidc_client(provider)
    try:
        token = client.authorize_access_token(request)
        claims = dict(token.get("userinfo") or {})
        if "sub" not in claims:
            raise ValueError("no ID token in the provider's answer")
        if "email" not in claims:
            # Some providers keep the address for the userinfo endpoint.
            extra = client.userinfo(token=token)
            if extra.get("sub") == claims["sub"]:
                claims.update({k: extra[k] for k in ("email", "email_verified") if k in extra})
    except PROVIDER_ERRORS as error:
        log.warning("Sign-in through %s failed: %s", provider.name, error)
        return _refused(request, *FAILED, status=400)
    try:
        result = identity_sign_in(provider=provider, claims=claims)
    except ValidationError as refusal:
        code = refusal.code or rules.UNKNOWN
        audit_record(
            kind=AuditKind.SIGN_IN_FAILED,
            summary=f"Sign-in through {provider.name} refused: {code.replace('_', ' ')}",
            request=request,
            email=str(claims.get("email") or ""),
        )
        return _refused(request, *REFUSALS.get(code, REFUSALS[rules.UNKNOWN]), status=403)

    # The audit trail's sign-in record (accounts.audit.on_sign_in) names the provider.
    request.sso_provider_name = provider.name
    login(request, result.user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[AMR] = rules.amr_of(claims)
    end_session = client.load_server_metadata().get("end_session_endpoint")
    if end_session and token.get("id_token"):
        request.session[END_SESSION] = (
            end_session
            + ("&" if "?" in end_session else "?")
            + urlencode(
                {
                    "id_token_hint": token["id_token"],
                    "client_id": provider.client_id,
                    "post_logout_redirect_uri": request.build_absolute_uri(
                        reverse("accounts:login")
                    ),
                }
            )
        )
    if result.newly_linked:
        messages.success(
            request,
            f"Your {provider.name} account is now linked to this service. Next time, sign in "
            "with your organisation's account.",
        )
    return redirect(pending.get("next") or settings.LOGIN_REDIRECT_URL)
