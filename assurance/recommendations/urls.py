from django.urls import path

from . import views

app_name = "recommendations"

urlpatterns = [
    path("", views.register, name="register"),
    path("sources/", views.source_list, name="sources"),
    path("sources/new/", views.source_create, name="source_create"),
    path("sources/<int:pk>/", views.source_detail, name="source"),
    path("sources/<int:pk>/respond/", views.source_respond, name="source_respond"),
    path("sources/<int:pk>/add/", views.recommendation_add, name="recommendation_add"),
    path("sources/<int:pk>/close/", views.source_close, name="source_close"),
    path("sources/<int:pk>/reopen/", views.source_reopen, name="source_reopen"),
    path("sources/<int:pk>/verifier/", views.source_verifier, name="source_verifier"),
    path("sources/<int:pk>/import/", views.source_import, name="source_import"),
    path(
        "sources/<int:pk>/import/confirm/",
        views.source_import_confirm,
        name="source_import_confirm",
    ),
    path(
        "sources/<int:pk>/<slug:kind>.<slug:extension>",
        views.document,
        name="document",
    ),
    path("documents/<int:pk>/", views.document_status, name="document_status"),
    path("import-template.<slug:extension>", views.import_template, name="import_template"),
    path("<int:pk>/", views.recommendation_detail, name="recommendation"),
    path("<int:pk>/progress/", views.progress_add, name="progress_add"),
    path("<int:pk>/respond/", views.recommendation_respond, name="recommendation_respond"),
    path("<int:pk>/address/", views.recommendation_address, name="recommendation_address"),
    path("<int:pk>/verify/", views.recommendation_verify, name="recommendation_verify"),
    path("<int:pk>/link/", views.recommendation_link, name="recommendation_link"),
    path("<int:pk>/reopen/", views.recommendation_reopen, name="recommendation_reopen"),
    path("<int:pk>/extension/", views.extension_request, name="extension_request"),
    path("scrutiny-pack/", views.scrutiny_pack, name="scrutiny_pack"),
    path(
        "scrutiny-pack/<int:pk>/<str:period>.<slug:extension>",
        views.scrutiny_pack_download,
        name="scrutiny_pack_download",
    ),
    path(
        "scrutiny-pack/<int:pk>/<str:period>.<slug:extension>/status/",
        views.scrutiny_pack_status,
        name="scrutiny_pack_status",
    ),
    path("national/", views.national_list, name="national_list"),
    path("national/new/", views.national_publish, name="national_publish"),
    path("national/<int:pk>/", views.national_detail, name="national"),
    path("extensions/<int:pk>/decide/", views.extension_decide, name="extension_decide"),
]
