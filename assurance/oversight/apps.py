from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "assurance.oversight"
    label = "oversight"

    def ready(self) -> None:
        from assurance.accounts.permissions import Action
        from assurance.core.registry import register_home_section, register_nav

        from . import home

        register_nav("Oversight", "oversight:heatmap", Action.VIEW_REGIONAL_OVERSIGHT, order=45)
        register_home_section("oversight/home_section.html", home.overview_section, order=45)
