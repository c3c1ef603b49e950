from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "assurance.organisations"
    label = "organisations"

    def ready(self) -> None:
        from assurance.accounts.permissions import Action
        from assurance.core.registry import register_history, register_home_section, register_nav

        from . import home, selectors
        from .models import Organisation, Partnership

        register_nav("Organisations", "organisations:list", Action.VIEW_ORGANISATION, order=10)
        register_home_section("organisations/home_section.html", home.organisations_section, 10)
        register_history(
            Organisation, selectors.get_organisation_for, purpose=Action.VIEW_ORGANISATION
        )
        register_history(
            Partnership, selectors.get_partnership_for, purpose=Action.VIEW_ORGANISATION
        )
