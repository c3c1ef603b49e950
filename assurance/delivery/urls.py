from django.urls import path

from . import views

app_name = "delivery"

urlpatterns = [
    path("", views.index, name="index"),
    path("council/<int:org>/", views.dashboard, name="dashboard"),
    path("council/<int:org>/<slug:slug>/", views.record_list, name="records"),
    path("council/<int:org>/<slug:slug>/new/", views.record_create, name="record_create"),
    path("council/<int:org>/<slug:slug>/export/", views.export, name="export"),
    path("council/<int:org>/<slug:slug>/import/", views.import_upload, name="import"),
    path(
        "council/<int:org>/<slug:slug>/import/confirm/",
        views.import_confirm,
        name="import_confirm",
    ),
    path(
        "import-template/<slug:slug>.<str:extension>",
        views.import_template,
        name="import_template",
    ),
    path("<slug:slug>/<int:pk>/", views.record_detail, name="record"),
    path("<slug:slug>/<int:pk>/edit/", views.record_edit, name="record_edit"),
    path("actions/<int:pk>/updates/", views.update_add, name="update_add"),
]
