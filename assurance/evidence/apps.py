from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "assurance.evidence"
    label = "evidence"
