from django.urls import path

from . import views

app_name = "frameworks"

urlpatterns = [
    path("", views.library, name="library"),
    path("upload/", views.upload, name="upload"),
    path("crosswalks/<slug:slug>/", views.crosswalk_detail, name="crosswalk"),
    path("<slug:slug>/<str:version>/", views.version_detail, name="version"),
]
