from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "assurance.core"
    label = "core"

    def ready(self) -> None:
        from . import freshness

        freshness.install()
