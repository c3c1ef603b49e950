from django.core.exceptions import PermissionDenied

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
