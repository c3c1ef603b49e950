from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from assurance.documents.csv import csv_from_rows
from assurance.documents.responses import file_response
from assurance.ui.forms import add_service_errors, run_service
from assurance.ui.links import site_url
from assurance.ui.paging import paginate

from . import forms, selectors, services
from .audit import audit_events
from .devices import sessions_sign_out_elsewhere, signed_in_sessions_of
from .permissions import Action, public, requires, signed_in
from .reauthentication import mark_authenticated, recent_sign_in_required
from .second_factor import has_device

sign_in = public(
    auth_views.LoginView.as_view(
        template_name="accounts/sign_in.html",
        authentication_form=forms.SignInForm,
        redirect_authenticated_user=True,
    )
)
# Set by single sign-on (assurance.sso.views) when the provider advertises an
# end-session endpoint: built there from the provider's own metadata.
SSO_END_SESSION = "sso_end_session_url"


class _SignOut(auth_views.LogoutView):
    """Ends this service's session, then, after single sign-on, the
    provider's too (it sends the person back to the sign-in page)."""

    def post(self, request, *args, **kwargs):
        end_session = request.session.get(SSO_END_SESSION)
        response = super().post(request, *args, **kwargs)
        return redirect(end_session) if end_session else response


sign_out = signed_in(_SignOut.as_view())
password_change = signed_in(
    auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html",
        form_class=forms.ChangePasswordForm,
        success_url=reverse_lazy("accounts:password_change_done"),
    )
)
password_change_done = signed_in(
    auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html")
)


class _PasswordReset(auth_views.PasswordResetView):
    # The link in the email uses SITE_URL, not the Host header of the request,
    # so a forged Host cannot point a reset link at somebody else's server.
    @property
    def extra_email_context(self):
        return {"site_url": site_url()}


password_reset = public(
    _PasswordReset.as_view(
        template_name="accounts/password_reset.html",
        form_class=forms.ResetPasswordForm,
        email_template_name="accounts/email/password_reset.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset_done = public(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)


class _PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        services.sign_in_lockout_lift(actor=form.user)
        return response


password_reset_confirm = public(
    _PasswordResetConfirm.as_view(
        template_name="accounts/password_reset_confirm.html",
        form_class=forms.SetNewPasswordForm,
        success_url=reverse_lazy("accounts:password_reset_complete"),
    )
)
password_reset_complete = public(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"
    )
)


@signed_in
def profile(request):
    return render(
        request,
        "accounts/profile.html",
        {
            "memberships": selectors.memberships_of(request.user),
            "invitations": selectors.invitations_for(request.user),
            "assignments": selectors.assignments_of(request.user),
            "two_factor_on": has_device(request.user),
        },
    )


@requires(Action.VIEW_ORGANISATION)
@recent_sign_in_required
def people(request, organisation_pk: int):

    from assurance.organisations.selectors import get_organisation_for

    organisation = get_organisation_for(request.user, organisation_pk, purpose=Action.VIEW_RECORDS)
    form = forms.InviteColleagueForm(request.POST or None)
    done = run_service(
        request,
        form,
        lambda data: services.colleague_invite(
            actor=request.user,
            organisation=organisation,
            **data,
        ),
        success=lambda invitation: (
            f"{invitation.full_name} has been invited. They will have the role once "
            f"they accept the invitation sent to {invitation.email}."
        ),
        then=("accounts:people", organisation.pk),
    )
    return done or render(
        request,
        "accounts/people.html",
        {
            "organisation": organisation,
            "memberships": selectors.colleagues_of(request.user, organisation),
            "invitations": selectors.pending_invitations_at(request.user, organisation),
            "form": form,
        },
    )


@require_POST
@signed_in
def invitation_accept(request, pk: int):
    invitation = selectors.own_invitation(request.user, pk)
    try:
        services.invitation_accept(actor=request.user, invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"You are now {invitation.get_role_display().lower()} at {invitation.organisation}.",
        )
    return redirect("accounts:profile")


@signed_in
def confirm_password(request):
    """Prove the password again before a sensitive action, then go back to it."""
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    form = forms.ConfirmPasswordForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        mark_authenticated(request)
        return redirect(next_url)
    return render(request, "accounts/confirm_password.html", {"form": form, "next": next_url})


DEVICES_PAGE_SIZE = 25


@signed_in
def devices(request):
    # Newest first, a page at a time: an account used by scripts or many
    # browsers may hold hundreds of live sessions.
    page, pagination = paginate(
        request, signed_in_sessions_of(request.user), size=DEVICES_PAGE_SIZE
    )
    return render(
        request,
        "accounts/devices.html",
        {"page": page, "pagination": pagination, "current_key": request.session.session_key},
    )


@require_POST
@signed_in
@recent_sign_in_required
def sign_out_everywhere(request):
    ended = sessions_sign_out_elsewhere(actor=request.user, current_key=request.session.session_key)
    messages.success(
        request,
        f"Signed out of {ended} other device{'s' if ended != 1 else ''}."
        if ended
        else "You were not signed in anywhere else.",
    )
    return redirect("accounts:devices")


AUDIT_PAGE_SIZE = 50
AUDIT_HEADERS = ["When", "Event", "Person", "Email given", "Address", "Organisation", "Detail"]


def _audit_rows(events):
    for e in events:
        yield [
            timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"),
            e.get_kind_display(),
            e.actor.full_name if e.actor else "",
            e.email,
            e.address,
            str(e.organisation or ""),
            e.summary,
        ]


@requires(Action.MANAGE_USERS)
def audit(request):
    form = forms.AuditFilterForm(request.GET or None)
    events = audit_events(**form.filters())
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/audit.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@requires(Action.MANAGE_USERS)
def audit_export(request):
    form = forms.AuditFilterForm(request.GET or None)
    events = audit_events(**form.filters())[:100_000]
    content = csv_from_rows(headers=AUDIT_HEADERS, rows=_audit_rows(events))
    return file_response(content, filename="audit-trail", extension="csv")


@signed_in
@recent_sign_in_required
def api_tokens(request):
    """The user's API tokens; a new one is shown on this response only, never stored."""
    form = forms.ApiTokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            created = services.api_token_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            form = forms.ApiTokenForm()
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "form": form,
            "created": created,
            "tokens": selectors.api_tokens_of(request.user),
            "now": timezone.now(),
        },
    )


@require_POST
@signed_in
def api_token_revoke(request, pk: int):
    token = selectors.own_api_token(request.user, pk)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, f"The token “{token.name}” no longer works.")
    return redirect("accounts:api_tokens")
