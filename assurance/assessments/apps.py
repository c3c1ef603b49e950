from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assurance.assessments"
    label = "assessments"

    def ready(self) -> None:
        from assurance.accounts.permissions import Action, register_stage
        from assurance.core.registry import register_history, register_home_section, register_nav
        from assurance.evidence.registry import register_evidence_holder

        from . import home, selectors
        from .models import Assessment, CriterionResponse

        register_stage("assessments.assessment", selectors.stage_of)
        register_stage("assessments.criterionresponse", selectors.stage_of_part)
        register_stage("assessments.assessmentrecommendation", selectors.stage_of_part)
        register_nav("Assessments", "assessments:list", Action.VIEW_RECORDS, order=20)
        register_home_section("assessments/home_section.html", home.assessments_section, 20)
        register_home_section("assessments/home_moderation.html", home.moderation_section, 21)
        register_history(Assessment, selectors.get_assessment_for, purpose=Action.VIEW_RECORDS)
        register_history(
            CriterionResponse, selectors.get_response_by_pk_for, purpose=Action.VIEW_RECORDS
        )
        register_evidence_holder(
            CriterionResponse,
            selectors.get_response_by_pk_for,
            change_purpose=Action.EDIT_SELF_ASSESSMENT,
        )
        from assurance.recommendations.scrutiny import register_pack_section

        from .scrutiny import letter_outcome, letter_state

        register_pack_section(letter_outcome, state=letter_state)
