"""Rate limits per token (DRF throttling in the configured cache, so every
web node counts the same requests when the cache is shared)."""

from rest_framework.throttling import SimpleRateThrottle

from assurance.accounts.models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    scope = "api_token"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None  # session use of the browsable pages is not limited here
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
