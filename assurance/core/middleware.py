"""Responses that must never be kept by a browser or a proxy cache."""

from django.utils.cache import add_never_cache_headers, patch_cache_control


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every page shown to someone signed in and
    on every generated file or download: OFFICIAL-SENSITIVE material must not
    stay in a shared computer's cache or in a proxy after sign-out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        download = "attachment" in response.get("Content-Disposition", "")
        if signed_in or download:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
