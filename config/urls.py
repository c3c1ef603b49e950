from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Prevent Duty Assurance administration"
admin.site.site_title = "Prevent Duty Assurance"

urlpatterns = [
    path("", include("assurance.core.urls")),
    path("accounts/", include("assurance.accounts.urls")),
    path("organisations/", include("assurance.organisations.urls")),
    path("frameworks/", include("assurance.frameworks.urls")),
    path("assessments/", include("assurance.assessments.urls")),
    path("evidence/", include("assurance.evidence.urls")),
    path("recommendations/", include("assurance.recommendations.urls")),
    path("oversight/", include("assurance.oversight.urls")),
    path("reviews/", include("assurance.reviews.urls")),
    path("delivery/", include("assurance.delivery.urls")),
    path("sso/", include("assurance.sso.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "assurance.core.errors.permission_denied"
handler404 = "assurance.core.errors.page_not_found"
handler500 = "assurance.core.errors.server_error"
