from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "assurance.core"
    label = "core"
