from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "assurance.oversight"
    label = "oversight"

    def ready(self) -> None:
        from assurance.accounts.permissions import Action
        from assurance.core.registry import register_nav

        register_nav("Oversight", "oversight:heatmap", Action.VIEW_REGIONAL_OVERSIGHT, order=45)
