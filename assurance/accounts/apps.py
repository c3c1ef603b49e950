from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "assurance.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .reauthentication import on_sign_in

        user_logged_in.connect(on_sign_in, dispatch_uid="pda_authenticated_at")
        from assurance.core.registry import register_home_section, register_nav

        from .home import administration_section
        from .permissions import Action

        register_nav("Administration", "admin:index", Action.MANAGE_USERS, order=90)
        register_home_section("accounts/home_administration.html", administration_section, 90)
