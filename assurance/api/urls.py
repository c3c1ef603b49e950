"""Version 1 of the API. Every endpoint is declared ``api_view``: DRF
authenticates it (token or session) and it names the action it needs."""

from django.urls import path

from assurance.accounts.permissions import api_view
from assurance.delivery.kinds import KINDS

from .views import assessments, delivery, docs, frameworks, organisations, oversight
from .views import recommendations as register

app_name = "api"


def _api(view_class):
    return api_view(view_class.as_view())


urlpatterns = [
    path("schema/", docs.schema, name="schema"),
    path("docs/", docs.docs, name="docs"),
    path("organisations/", _api(organisations.OrganisationList), name="organisations"),
    path("organisations/<int:pk>/", _api(organisations.OrganisationDetail), name="organisation"),
    path("frameworks/", _api(frameworks.FrameworkList), name="frameworks"),
    path("frameworks/<int:pk>/", _api(frameworks.FrameworkDetail), name="framework"),
    path("assessments/", _api(assessments.AssessmentList), name="assessments"),
    path("assessments/<int:pk>/", _api(assessments.AssessmentDetail), name="assessment"),
    path(
        "assessments/<int:pk>/letters/<int:version>/<str:fmt>/",
        _api(assessments.LetterDownload),
        name="letter_download",
    ),
    path("register/sources/", _api(register.SourceList), name="sources"),
    path("register/sources/<int:pk>/", _api(register.SourceDetail), name="source"),
    path("register/sources/<int:pk>/import/", _api(register.SourceImport), name="source_import"),
    path("register/recommendations/", _api(register.RecommendationList), name="recommendations"),
    path(
        "register/recommendations/<int:pk>/",
        _api(register.RecommendationDetail),
        name="recommendation",
    ),
    path(
        "register/recommendations/<int:pk>/progress/",
        _api(register.ProgressList),
        name="progress",
    ),
    path("oversight/heatmap/", _api(oversight.Heatmap), name="heatmap"),
    *[
        path(f"delivery/{slug}/", _api(delivery.list_view(slug)), name=f"delivery_{slug}")
        for slug in KINDS
    ],
]
