from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "assurance.frameworks"
    label = "frameworks"

    def ready(self) -> None:
        from assurance.accounts.permissions import Action
        from assurance.core.registry import register_history, register_nav

        from . import selectors
        from .models import FrameworkVersion

        register_nav("Frameworks", "frameworks:library", Action.VIEW_FRAMEWORKS, order=20)
        register_history(
            FrameworkVersion, selectors.get_framework_version_for, purpose=Action.VIEW_FRAMEWORKS
        )
