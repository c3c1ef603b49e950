from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "assurance.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from . import devices, reauthentication, second_factor

        user_logged_in.connect(reauthentication.on_sign_in, dispatch_uid="pda_authenticated_at")
        user_logged_in.connect(devices.on_sign_in, dispatch_uid="pda_signed_in_session")
        user_logged_in.connect(second_factor.on_sign_in, dispatch_uid="pda_second_factor")
        user_logged_out.connect(devices.on_sign_out, dispatch_uid="pda_signed_out_session")

        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_login_failed

        from . import audit

        user_logged_in.connect(audit.on_sign_in, dispatch_uid="pda_audit_sign_in")
        user_login_failed.connect(audit.on_sign_in_failed, dispatch_uid="pda_audit_failed")
        user_locked_out.connect(audit.on_locked_out, dispatch_uid="pda_audit_locked_out")
        from assurance.core.registry import register_home_section, register_nav

        from .home import administration_section
        from .permissions import Action

        register_nav("Administration", "admin:index", Action.MANAGE_USERS, order=90)
        register_home_section("accounts/home_administration.html", administration_section, 90)
