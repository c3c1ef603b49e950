from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "assurance.recommendations"
    label = "recommendations"
