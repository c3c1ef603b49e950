from django import forms
from django.contrib.auth import forms as auth_forms

from assurance.ui.forms import GovukForm, GovukFormMixin

from .models import COUNCIL_ROLES


class SignInForm(GovukFormMixin, auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": (
            "Enter a correct email address and password. After 5 failed attempts "
            "you will have to wait 15 minutes before trying again."
        ),
        "inactive": "This account has been switched off. Ask an administrator.",
    }

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class ChangePasswordForm(GovukFormMixin, auth_forms.PasswordChangeForm):
    pass


class ResetPasswordForm(GovukFormMixin, auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class SetNewPasswordForm(GovukFormMixin, auth_forms.SetPasswordForm):
    pass


class InviteColleagueForm(GovukForm):
    full_name = forms.CharField(label="Full name", max_length=150)
    email = forms.EmailField(label="Email address")
    role = forms.ChoiceField(
        label="Role",
        choices=[(r.value, r.label) for r in COUNCIL_ROLES],
        widget=forms.RadioSelect,
        help_text="Contributors edit what they are given; viewers only read.",
    )
