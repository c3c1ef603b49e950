from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "assurance.frameworks"
    label = "frameworks"
