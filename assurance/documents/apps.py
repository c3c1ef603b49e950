from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "assurance.documents"
    label = "documents"
