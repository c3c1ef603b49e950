from django.urls import path, re_path

from . import views

app_name = "oversight"
FMT = r"(?P<fmt>csv|xlsx)"

urlpatterns = [
    path("", views.heatmap, name="heatmap"),
    re_path(rf"^heatmap\.{FMT}$", views.heatmap_export, name="heatmap_export"),
    path("distributions/", views.distributions, name="distributions"),
    re_path(rf"^distributions\.{FMT}$", views.distributions_export, name="distributions_export"),
    path("consistency/", views.consistency, name="consistency"),
    re_path(rf"^consistency\.{FMT}$", views.consistency_export, name="consistency_export"),
    path("recommendations/", views.recommendations, name="recommendations"),
    re_path(
        rf"^recommendations\.{FMT}$", views.recommendations_export, name="recommendations_export"
    ),
    path("councils/<int:pk>/", views.council, name="council"),
    re_path(rf"^councils/(?P<pk>\d+)\.{FMT}$", views.council_export, name="council_export"),
]
