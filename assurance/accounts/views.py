from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse_lazy

from assurance.ui.forms import run_service

from . import forms, selectors, services
from .permissions import Action, public, requires, signed_in

sign_in = public(
    auth_views.LoginView.as_view(
        template_name="accounts/sign_in.html",
        authentication_form=forms.SignInForm,
        redirect_authenticated_user=True,
    )
)
sign_out = signed_in(auth_views.LogoutView.as_view())
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
password_reset = public(
    auth_views.PasswordResetView.as_view(
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
password_reset_confirm = public(
    auth_views.PasswordResetConfirmView.as_view(
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
            "assignments": selectors.assignments_of(request.user),
        },
    )


@requires(Action.VIEW_ORGANISATION)
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
            base_url=request.build_absolute_uri("/").rstrip("/"),
            **data,
        ),
        success=lambda membership: f"{membership.user.full_name} has been added.",
        then=("accounts:people", organisation.pk),
    )
    return done or render(
        request,
        "accounts/people.html",
        {
            "organisation": organisation,
            "memberships": selectors.colleagues_of(request.user, organisation),
            "form": form,
        },
    )
