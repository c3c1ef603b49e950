"""Error pages in the service's own style. They render with the request so
the navigation and marking banner stay in place."""

from django.shortcuts import render


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors: the failure may be in one of them.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(
        loader.get_template("500.html").render(
            {"service_name": "Prevent Duty Assurance", "marking": "OFFICIAL"}
        )
    )
