from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "assurance.recommendations"
    label = "recommendations"

    def ready(self) -> None:
        from assurance.accounts.permissions import Action
        from assurance.core.registry import register_history, register_home_section, register_nav
        from assurance.evidence.registry import register_evidence_holder

        from . import home, selectors
        from .models import Recommendation, RecommendationSource

        register_nav("Recommendations", "recommendations:register", Action.VIEW_RECORDS, order=40)
        register_home_section(
            "recommendations/home_section.html", home.recommendations_section, order=40
        )
        register_history(
            RecommendationSource, selectors.get_source_for, purpose=Action.VIEW_RECORDS
        )
        register_history(
            Recommendation, selectors.get_recommendation_for, purpose=Action.VIEW_RECORDS
        )
        # Evidence that a recommendation was addressed downloads only for
        # those who may see the recommendation.
        register_evidence_holder(
            Recommendation,
            selectors.get_recommendation_for,
            change_purpose=Action.RESPOND_RECOMMENDATIONS,
        )
