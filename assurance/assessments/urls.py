from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("new/", views.assessment_open, name="open"),
    path("own/new/", views.own_start, name="own_start"),
    path("<int:pk>/export/<str:fmt>/", views.own_export, name="own_export"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
    path("<int:pk>/tasks/<int:criterion_pk>/", views.self_assessment_task, name="task"),
    path(
        "<int:pk>/tasks/<int:criterion_pk>/evidence/file/",
        views.evidence_file_add,
        name="evidence_file",
    ),
    path(
        "<int:pk>/tasks/<int:criterion_pk>/evidence/link/",
        views.evidence_link_add,
        name="evidence_link",
    ),
    path(
        "<int:pk>/tasks/<int:criterion_pk>/evidence/<int:evidence_pk>/remove/",
        views.evidence_remove,
        name="evidence_remove",
    ),
    path("<int:pk>/submit/", views.self_assessment_submit, name="submit"),
    path("<int:pk>/scores/", views.scoring_overview, name="scores"),
    path("<int:pk>/scores/<int:criterion_pk>/", views.criterion_score, name="score"),
    path("<int:pk>/summary/", views.assessment_summary, name="summary"),
    path("<int:pk>/recommendations/add/", views.recommendation_add, name="recommendation_add"),
    path(
        "<int:pk>/recommendations/<int:recommendation_pk>/edit/",
        views.recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "<int:pk>/recommendations/<int:recommendation_pk>/remove/",
        views.recommendation_remove,
        name="recommendation_remove",
    ),
    path("<int:pk>/ready/", views.assessment_ready, name="ready"),
    path("<int:pk>/moderation/", views.assessment_moderate, name="moderate"),
    path("<int:pk>/issue/", views.assessment_issue, name="issue"),
    path("<int:pk>/reopen/", views.assessment_reopen, name="reopen"),
    path("<int:pk>/letter/", views.letter_preview, name="letter"),
    path(
        "<int:pk>/letters/<int:version>/<str:fmt>/", views.letter_download, name="letter_download"
    ),
]
