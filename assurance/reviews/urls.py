from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("", views.review_list, name="list"),
    path("new/", views.review_set_up, name="set_up"),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/stages/<int:stage_pk>/", views.stage_edit, name="stage"),
    path("<int:pk>/team/add/", views.team_add, name="team_add"),
    path("<int:pk>/team/<int:member_pk>/remove/", views.team_remove, name="team_remove"),
    path("<int:pk>/declaration/", views.declaration, name="declaration"),
    path("<int:pk>/self-assessment/", views.self_assessment, name="self_assessment"),
    path(
        "<int:pk>/self-assessment/<int:criterion_pk>/",
        views.self_assessment_task,
        name="task",
    ),
    path(
        "<int:pk>/self-assessment/<int:criterion_pk>/evidence/file/",
        views.evidence_file_add,
        name="evidence_file",
    ),
    path(
        "<int:pk>/self-assessment/<int:criterion_pk>/evidence/link/",
        views.evidence_link_add,
        name="evidence_link",
    ),
    path(
        "<int:pk>/self-assessment/<int:criterion_pk>/evidence/<int:evidence_pk>/remove/",
        views.evidence_remove,
        name="evidence_remove",
    ),
    path("<int:pk>/enquiries/", views.enquiries, name="enquiries"),
    path("<int:pk>/programme/", views.programme, name="programme"),
    path("<int:pk>/programme/<int:session_pk>/", views.session_detail, name="session"),
    path(
        "<int:pk>/programme/<int:session_pk>/participants/",
        views.participant_add,
        name="participant_add",
    ),
    path("<int:pk>/findings/", views.findings, name="findings"),
    path("<int:pk>/findings/<int:finding_pk>/remove/", views.finding_remove, name="finding_remove"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/report/edit/", views.report_edit, name="report_edit"),
    path("<int:pk>/report/issue/", views.report_issue, name="report_issue"),
    path("<int:pk>/report/reopen/", views.report_reopen, name="report_reopen"),
    path(
        "<int:pk>/reports/<int:version>/<str:fmt>/",
        views.report_download,
        name="report_download",
    ),
]
