from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "assurance.sso"
    label = "sso"
    verbose_name = "Single sign-on"
