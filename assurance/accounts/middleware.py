from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from .permissions import ACCESS_ATTR

# The Django admin checks is_staff on every view itself.
SELF_GUARDED_NAMESPACES = frozenset({"admin"})


def declared_access(view_func):
    view_class = getattr(view_func, "view_class", None) or getattr(view_func, "cls", None)
    return getattr(view_func, ACCESS_ATTR, None) or getattr(view_class, ACCESS_ATTR, None)


class ViewAccessMiddleware:
    """Deny by default: a view that has not declared who may use it is refused."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match and SELF_GUARDED_NAMESPACES.intersection(match.namespaces):
            return None
        if declared_access(view_func) is None:
            raise PermissionDenied
        return None


class SecondFactorMiddleware:
    """A signed-in session that has not passed its second factor reaches only
    the second step of signing in (or, for someone who must use two-factor
    authentication and has no device yet, setting one up). Public pages stay open."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from . import second_factor

        if not request.user.is_authenticated or declared_access(view_func) == "public":
            return None
        match = request.resolver_match
        name = match.view_name if match else ""
        step = second_factor.next_step(request)
        if step is None:
            return None
        allowed = (
            second_factor.OPEN_URL_NAMES
            if step == "accounts:two_factor_verify"
            else second_factor.SET_UP_URL_NAMES
        )
        if name in allowed:
            return None
        url = reverse(step)
        if request.method == "GET" and name not in ("core:home", ""):
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)
