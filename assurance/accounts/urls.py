from django.urls import path

from . import two_factor_views as two_factor
from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.sign_in, name="login"),
    path("logout/", views.sign_out, name="logout"),
    path("profile/", views.profile, name="profile"),
    path("confirm-password/", views.confirm_password, name="confirm_password"),
    path("devices/", views.devices, name="devices"),
    path("api-tokens/", views.api_tokens, name="api_tokens"),
    path("api-tokens/<int:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path("audit/", views.audit, name="audit"),
    path("audit.csv", views.audit_export, name="audit_export"),
    path("devices/sign-out-everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
    path("password/change/", views.password_change, name="password_change"),
    path("password/change/done/", views.password_change_done, name="password_change_done"),
    path("password/reset/", views.password_reset, name="password_reset"),
    path("password/reset/sent/", views.password_reset_done, name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("password/reset/complete/", views.password_reset_complete, name="password_reset_complete"),
    path("organisations/<int:organisation_pk>/people/", views.people, name="people"),
    path("invitations/<int:pk>/accept/", views.invitation_accept, name="invitation_accept"),
    # Two-factor authentication (two_factor_views.py, docs/two-factor.md).
    path("two-factor/", two_factor.two_factor, name="two_factor"),
    path("two-factor/set-up/", two_factor.two_factor_setup, name="two_factor_setup"),
    path("two-factor/check/", two_factor.two_factor_verify, name="two_factor_verify"),
    path(
        "two-factor/recovery-codes/",
        two_factor.two_factor_recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path(
        "two-factor/recovery-codes/new/",
        two_factor.two_factor_recovery_codes_new,
        name="two_factor_recovery_codes_new",
    ),
    path("two-factor/turn-off/", two_factor.two_factor_turn_off, name="two_factor_turn_off"),
    path("two-factor/security-keys/", two_factor.security_keys, name="security_keys"),
    path(
        "two-factor/security-keys/<int:pk>/remove/",
        two_factor.security_key_remove,
        name="security_key_remove",
    ),
    path(
        "two-factor/webauthn/registration/begin/",
        two_factor.webauthn_registration_begin,
        name="webauthn_registration_begin",
    ),
    path(
        "two-factor/webauthn/registration/complete/",
        two_factor.webauthn_registration_complete,
        name="webauthn_registration_complete",
    ),
    path(
        "two-factor/webauthn/authentication/begin/",
        two_factor.webauthn_authentication_begin,
        name="webauthn_authentication_begin",
    ),
    path(
        "two-factor/webauthn/authentication/complete/",
        two_factor.webauthn_authentication_complete,
        name="webauthn_authentication_complete",
    ),
    path("two-factor/webauthn/i18n/", two_factor.webauthn_i18n, name="webauthn_i18n"),
]
