from django import forms
from django.contrib.auth import forms as auth_forms

from assurance.ui.forms import GovukForm, GovukFormMixin

from .models import COUNCIL_ROLES, TokenScope


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


class ConfirmPasswordForm(GovukForm):
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password."},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("The password is not right. Try again.")
        return password


class AuditFilterForm(GovukForm):
    kind = forms.ChoiceField(label="Event", required=False)
    text = forms.CharField(
        label="Person, email or address contains", required=False, max_length=100
    )
    since = forms.DateField(
        label="From (optional)",
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text="For example, 01/04/2026",
        error_messages={"invalid": "Enter a real date, for example 01/04/2026."},
    )
    until = forms.DateField(
        label="To (optional)",
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text="For example, 30/04/2026",
        error_messages={"invalid": "Enter a real date, for example 30/04/2026."},
    )

    def __init__(self, *args, **kwargs):
        from .models import AuditKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Any event"), *AuditKind.choices]

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class ApiTokenForm(GovukForm):
    name = forms.CharField(
        label="Name",
        max_length=100,
        help_text="Where the token is used, for example “Performance portal”.",
        error_messages={"required": "Enter a name that says where the token is used."},
    )
    scope = forms.ChoiceField(
        label="What the token may do",
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        widget=forms.RadioSelect,
        help_text="Never more than your own roles allow.",
        error_messages={"required": "Choose read only or read and write."},
    )
    lifetime_days = forms.TypedChoiceField(
        label="Expires after",
        coerce=int,
        choices=[(30, "30 days"), (90, "90 days"), (365, "1 year")],
        initial=90,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how long the token lasts."},
    )


class TwoFactorCodeForm(GovukForm):
    """A code from the authenticator app, or a recovery code, at sign-in."""

    code = forms.CharField(
        label="Code",
        max_length=40,
        help_text="The 6-digit code your authenticator app shows, or one of your recovery codes.",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "autocapitalize": "none",
                "class": "govuk-input--width-10",
            }
        ),
        error_messages={"required": "Enter the code from your authenticator app."},
    )


class TwoFactorSetUpForm(GovukForm):
    code = forms.CharField(
        label="Enter the 6-digit code the app shows",
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-5",
            }
        ),
        error_messages={"required": "Enter the 6-digit code your authenticator app shows."},
    )
