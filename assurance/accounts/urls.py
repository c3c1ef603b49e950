from django.urls import path

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
]
