from django.apps import AppConfig


class SelfAssessmentConfig(AppConfig):
    """The self-assessment task list (rules, form, templates) shared by the
    annual assessment and peer reviews. No models of its own: each record
    keeps its own criterion rows with the same field names."""

    name = "assurance.selfassessment"
    label = "selfassessment"
    verbose_name = "Self-assessment task list"
