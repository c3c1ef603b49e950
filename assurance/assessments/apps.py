from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assurance.assessments"
    label = "assessments"
