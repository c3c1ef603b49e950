"""Personal API tokens as a DRF authentication class.

``Authorization: Bearer pda_…``. A read-only token limits its user to the
reading actions of their roles for the request (permissions.limit_to_reading),
so every selector and service answers as for a role without write actions.
Tokens are created from a signed-in session (password, and 2FA where it
applies), so they authenticate on their own: that is their purpose."""

from __future__ import annotations

from rest_framework import authentication, exceptions

from assurance.accounts.models import TokenScope
from assurance.accounts.permissions import limit_to_reading
from assurance.accounts.selectors import api_token_by_secret
from assurance.accounts.services import api_token_used

KEYWORD = "Bearer"


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Give the token after “Bearer ”.")
        try:
            raw = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("The token is not valid.") from None
        token = api_token_by_secret(raw)
        if token is None:
            raise exceptions.AuthenticationFailed(
                "The token is not valid: it may have expired or been revoked."
            )
        user = token.user
        if token.scope != TokenScope.READ_WRITE:
            limit_to_reading(user)
        api_token_used(token=token)
        return user, token

    def authenticate_header(self, request) -> str:
        return f'{KEYWORD} realm="api"'


class SessionAuthentication(authentication.SessionAuthentication):
    """The browsable documentation and a signed-in browser: the session, with
    DRF's CSRF check on writes."""
