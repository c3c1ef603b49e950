from django.urls import path

from . import views

app_name = "evidence"

urlpatterns = [
    path("<int:pk>/download/", views.evidence_download, name="download"),
]
