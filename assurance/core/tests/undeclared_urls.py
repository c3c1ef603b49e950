"""The project's URLconf plus one view that declares no access, for the
deny-by-default test."""

from django.http import HttpResponse
from django.urls import path

from config.urls import handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as project_urls


def forgot_to_declare(request):
    return HttpResponse("secret")


urlpatterns = [path("undeclared/", forgot_to_declare), *project_urls]
