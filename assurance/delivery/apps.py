from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "assurance.delivery"
    label = "delivery"
    verbose_name = "Delivery records"

    def ready(self) -> None:
        from assurance.accounts.permissions import Action
        from assurance.core.registry import (
            register_assessment_panel,
            register_criterion_panel,
            register_history,
            register_home_section,
            register_letter_evidence,
            register_nav,
        )

        from . import home, letter, selectors
        from .kinds import KINDS

        register_nav("Delivery", "delivery:index", Action.VIEW_RECORDS, order=45)
        register_home_section("delivery/home_section.html", home.delivery_section, order=45)
        register_criterion_panel(
            "delivery/includes/criterion_panel.html", selectors.criterion_panel
        )
        register_assessment_panel(
            "delivery/includes/assessment_panel.html", selectors.assessment_panel
        )
        register_letter_evidence(letter.letter_evidence)
        for slug, kind in KINDS.items():
            register_history(kind.model, _getter(slug), purpose=Action.VIEW_RECORDS)


def _getter(slug: str):
    def get(user, pk: int, *, purpose):
        from . import selectors

        return selectors.get_record_for(user, slug, pk, purpose=purpose)

    return get
