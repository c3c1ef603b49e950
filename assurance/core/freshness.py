"""Has any data changed? One token, replaced on every committed write.

Reading pages for a whole region or nation (the home page, the register,
moderation) is mostly the same answer again and again: the data behind them
changes a few times an hour, people look many times a minute. So a reader may
keep what it worked out under the current *data version* and reuse it until
the version moves.

The version is a random token in the shared cache (the database table or
Redis, so every web node and the background worker see the same one). Every
statement that writes to a domain table is seen on its way to the database
(an execute wrapper on every connection, so bulk updates and raw SQL count
too), and the token is replaced when that write commits. Until then, the
writing connection reads nothing from these caches: its own uncommitted
changes must show at once, to it and to nobody else. A rolled-back write
changes nothing, so it replaces nothing.

Readers take the token *before* they read the data they keep, so what is kept
under a token is never older than the token. Tables that reading alone
writes to (sessions, the cache itself, sign-in attempts, second factors, the
list of signed-in sessions) do not move the version: pages kept this way must
not show them.
"""

from __future__ import annotations

import atexit
import logging
import re
import secrets
import threading
from collections.abc import Callable
from contextvars import ContextVar
from functools import wraps
from hashlib import sha256

from django.conf import settings
from django.core.cache import cache, caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.utils import timezone

logger = logging.getLogger(__name__)

TOKEN_KEY = "pda:data-version"
LOCAL_CACHE = "local"
KEEP_SECONDS = 15 * 60

_WRITE = re.compile(
    r"""^\s*(?:insert\s+(?:or\s+\w+\s+)?into|update|delete\s+from|replace\s+into)\s+["`]?(\w+)""",
    re.IGNORECASE,
)
_SCHEMA = re.compile(r"^\s*(?:create|alter|drop|truncate)\b", re.IGNORECASE)
# Written by reading alone; never shown by a page that is kept.
_BOOKKEEPING_PREFIXES = (
    "django_session",
    "axes_",
    "otp_",
    "django_otp_webauthn_",
    "accounts_signedinsession",
)

# Within a request, the token it has read ("" until it reads one), so a
# request asks the shared cache once; None outside requests (the worker, a
# command), which always ask.
_UNREAD = ""
_request_token: ContextVar[str | None] = ContextVar("pda_data_version", default=None)


def _bookkeeping(table: str) -> bool:
    table = table.lower()
    cache_table = settings.CACHES["default"].get("LOCATION", "")
    return table == str(cache_table).lower() or table.startswith(_BOOKKEEPING_PREFIXES)


def writes_data(sql: str) -> bool:
    """Does this statement change domain data (or the schema)?"""
    match = _WRITE.match(sql)
    if match:
        return not _bookkeeping(match.group(1))
    return bool(_SCHEMA.match(sql))


# --- Writers -----------------------------------------------------------------


def _replace_token() -> None:
    token = secrets.token_hex(8)
    if _request_token.get() is not None:
        _request_token.set(token)
    try:
        cache.set(TOKEN_KEY, token, None)
    except Exception:  # noqa: BLE001 - a write must never fail for want of the cache
        # No cache yet (``migrate`` runs before ``createcachetable``) or none
        # reachable: readers cannot read the token either, so reuse nothing.
        _unavailable("replace")


_said_unavailable = False


def _unavailable(what: str) -> None:
    """Said once a process: a migration makes hundreds of writes before the
    cache table exists, and the reason is the same each time."""
    global _said_unavailable
    if not _said_unavailable:
        _said_unavailable = True
        logger.warning(
            "Could not %s the data version: nothing is reused until the "
            "shared cache answers (has `manage.py createcachetable` run?)",
            what,
        )


class _Marker:
    """Pending on a connection while its transaction holds uncommitted writes.
    Django drops pending commit callbacks on rollback (to the savepoint they
    were added in), so the marker's presence says exactly that."""

    def __call__(self) -> None:
        _replace_token()


_MARKER = _Marker()


def _pending(connection) -> bool:
    return any(func is _MARKER for _sids, func, _robust in connection.run_on_commit)


# A token owed by this thread: replaced at the next safe moment (see _note_write).
_owed = threading.local()


def _note_write(connection) -> None:
    if connection.in_atomic_block:
        if not _pending(connection):
            connection.on_commit(_MARKER, robust=True)
        return
    # Autocommit: the write is already visible, but its statement may still be
    # open (an INSERT ... RETURNING whose row Django has not read yet), and
    # touching the cache table on the same connection now would end it. So the
    # token is replaced before this thread's next statement, when it next asks
    # for the version, at the end of the request, or at exit; meanwhile this
    # request reuses nothing it kept before.
    _owed.token = True
    if _request_token.get() is not None:
        _request_token.set(secrets.token_hex(8))


def settle() -> None:
    """Replace the token if a write of this thread still owes it. Not inside a
    transaction: the database cache would write the token in it, and lose it
    if that transaction rolled back."""
    if not getattr(_owed, "token", False) or getattr(_owed, "settling", False):
        return
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return
    _owed.token, _owed.settling = False, True
    try:
        _replace_token()
    finally:
        _owed.settling = False


def _watch(execute, sql, params, many, context):
    settle()
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and writes_data(sql):
        _note_write(context["connection"])
    return result


def _install(sender, connection, **kwargs) -> None:
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def install() -> None:
    """Watch every database connection, now and later (CoreConfig.ready)."""
    atexit.register(settle)  # a command's last write
    connection_created.connect(_install, dispatch_uid="pda-freshness")
    for connection in connections.all(initialized_only=True):
        _install(None, connection)


# --- Readers -------------------------------------------------------------------


def data_version() -> str | None:
    """The current token, or None while this connection has writes of its own
    not yet committed (then nothing may be reused)."""
    if _pending(connections[DEFAULT_DB_ALIAS]):
        return None
    settle()
    if getattr(_owed, "token", False):
        return None  # a committed write's token not yet replaced (in a transaction now)
    memo = _request_token.get()
    if memo:
        return memo
    try:
        token = cache.get(TOKEN_KEY)
        if token is None:
            cache.add(TOKEN_KEY, secrets.token_hex(8), None)
            token = cache.get(TOKEN_KEY)
    except Exception:  # noqa: BLE001 - without the shared cache, nothing is reused
        _unavailable("read")
        return None
    if memo is not None and token is not None:
        _request_token.set(token)
    return token


class DataVersionMiddleware:
    """Each request reads the token afresh, once, when it first needs it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reset = _request_token.set(_UNREAD)
        try:
            return self.get_response(request)
        finally:
            settle()
            _request_token.reset(reset)


def kept(name: str, parts: tuple, build: Callable[[], object]) -> object:
    """``build()``, or what it returned before under the same name, parts and
    data version. Kept in this process only (bounded, see CACHES["local"])."""
    version = data_version()
    if version is None:
        return build()
    key = f"pda:{name}:{version}:" + sha256(repr(parts).encode()).hexdigest()
    local = caches[LOCAL_CACHE]
    found = local.get(key)
    if found is None:
        found = build()
        local.set(key, found, KEEP_SECONDS)
    return found


def reused_until_data_changes(view):
    """A GET page for a signed-in reader, kept per person, session, address
    and day until any data changes. Only for pages that show no form which
    saves once (its one-time token would repeat) and nothing that changes by
    itself within a day. A page with messages to show is never kept or reused."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method != "GET" or _has_messages(request):
            return view(request, *args, **kwargs)
        version = data_version()
        if version is None:
            return view(request, *args, **kwargs)
        parts = (
            view.__module__,
            view.__qualname__,
            request.user.pk,
            request.session.session_key,
            request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
            request.get_full_path(),
            timezone.localdate().isoformat(),
        )
        key = f"pda:page:{version}:" + sha256(repr(parts).encode()).hexdigest()
        local = caches[LOCAL_CACHE]
        found = local.get(key)
        if found is not None:
            content, content_type = found
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if _keepable(request, response):
            local.set(key, (response.content, response["Content-Type"]), KEEP_SECONDS)
        return response

    return wrapped


def _has_messages(request) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def _keepable(request, response) -> bool:
    from .submissions import FIELD

    storage = getattr(request, "_messages", None)
    if storage is not None and (storage.used or len(storage)):
        return False  # it showed messages, or has some queued for the next page
    return (
        response.status_code == 200
        and not response.streaming
        and response["Content-Type"].startswith("text/html")
        and not response.cookies
        and f'name="{FIELD}"'.encode() not in response.content
    )
