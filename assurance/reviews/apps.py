from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "assurance.reviews"
    label = "reviews"
    verbose_name = "Peer reviews"

    def ready(self) -> None:
        from assurance.accounts.permissions import Action
        from assurance.core.registry import (
            register_history,
            register_home_section,
            register_nav,
        )
        from assurance.evidence.registry import register_evidence_holder

        from . import home, selectors
        from .models import Review, SelfAssessmentResponse

        register_nav("Peer reviews", "reviews:list", Action.VIEW_REVIEW, order=30)
        register_home_section("reviews/home_section.html", home.reviews_section, 15)
        # Team only: the history holds the report text as drafted, before the host may read it.
        register_history(Review, selectors.review_for_history, purpose=Action.WORK_ON_REVIEW)
        register_evidence_holder(
            SelfAssessmentResponse,
            selectors.evidence_holder_for,
            change_purpose=Action.EDIT_SELF_ASSESSMENT,
        )
