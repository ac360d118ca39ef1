import contextlib
import logging
import threading

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.template.loader import render_to_string
from django.utils import translation


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    """Dutch unless the visitor chose another language with the language switch.

    Django's LocaleMiddleware also follows the browser's Accept-Language header; a Dutch
    government service answers in Dutch by default, so only the explicit choice (the language
    cookie set by the switch) counts.
    """

    def process_request(self, request):
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()


def chosen_language(request) -> str:
    """The language the visitor chose with the switch (its cookie), else Dutch."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


# --- a database that is gone for a moment ------------------------------------------------

#: Seconds a client is asked to wait before trying again when the database is unavailable.
RETRY_AFTER = 5

logger = logging.getLogger("gr_portal.database")


def is_database_unavailable(error: BaseException) -> bool:
    """A database error that says the database cannot be reached or the connection broke
    (a restart, a failover, a network blip) — or a statement stopped by the time limit
    (DATABASE_STATEMENT_TIMEOUT): both are answered 503, not 500."""
    return isinstance(error, OperationalError | InterfaceError)


def is_time_limit(error: BaseException) -> bool:
    """A statement the database stopped after DATABASE_STATEMENT_TIMEOUT (not retried)."""
    return any(
        type(cause).__name__ == "QueryCanceled" for cause in (error, error.__cause__) if cause
    )


def unavailable_response(error: BaseException | None = None) -> HttpResponse:
    """The Dutch 503 page, rendered without the database (no context processors, no user)."""
    with translation.override(translation.get_language() or settings.LANGUAGE_CODE):
        content = render_to_string(
            "503.html", {"time_limit": error is not None and is_time_limit(error)}
        )
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def _close_broken_connections() -> None:
    """Close every connection that failed and no longer answers, so that the next query
    connects afresh (Django's own test, as at the start of a request)."""
    for conn in connections.all(initialized_only=True):
        if conn.connection is None or not conn.errors_occurred:
            continue
        with contextlib.suppress(DatabaseError):  # closing a connection that is already gone
            if not conn.is_usable():
                conn.close()


class DatabaseFaultMiddleware:
    """A view that fails because the database is unavailable: close the broken connection and
    try once more (GET and HEAD only, which change nothing); when that fails too, answer the
    Dutch 503 page with Retry-After, logging one line instead of a traceback. A statement
    stopped by the time limit is answered 503 at once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_unavailable(exception):
            return None
        _close_broken_connections()
        retry = (
            request.method in ("GET", "HEAD")
            and not is_time_limit(exception)
            and not getattr(request, "_database_retried", False)
            and request.resolver_match is not None
        )
        if retry:
            request._database_retried = True
            match = request.resolver_match
            try:
                response = match.func(request, *match.args, **match.kwargs)
                # Failed while rendering: this response is past Django's own render step.
                if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                    response = response.render()
                return response
            except (OperationalError, InterfaceError) as again:
                _close_broken_connections()
                exception = again
        logger.warning(
            "Database unavailable for %s %s: %s", request.method, request.path, exception
        )
        return unavailable_response(exception)


class DatabaseUnavailableFilter(logging.Filter):
    """On the django.request logger: a request that failed because the database was
    unavailable is logged as one line (the 503 says the rest), not with a traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if error is not None and is_database_unavailable(error):
            record.exc_info = None
            record.exc_text = None
            record.msg = "Database unavailable: %s (%s)"
            request = getattr(record, "request", None)
            record.args = (getattr(request, "path", ""), error)
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


class PermissionsPolicyMiddleware:
    """The Permissions-Policy header (settings.PERMISSIONS_POLICY) on every response: Django's
    SecurityMiddleware sets the other security headers but not this one. And a page for someone
    with a session (signed in, or a form on its way) is marked private: no proxy or shared cache
    keeps it (the public pages for anonymous visitors say `public`, gr_portal.caching)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        if settings.SESSION_COOKIE_NAME in request.COOKIES and "Cache-Control" not in response:
            response["Cache-Control"] = "private, no-cache"
        return response


class RenderLimitMiddleware:
    """At most settings.RENDER_CONCURRENCY requests of one worker process run at once (0: no
    limit); the others wait their turn, up to RENDER_QUEUE_SECONDS, then get the Dutch 503.
    Placed after the page cache, so a cached page never waits, and /_healthz/ never waits:
    with the CPU saturated, the health check then shares the interpreter with a few threads
    instead of all of them (bench/load.py --health)."""

    def __init__(self, get_response):
        self.get_response = get_response
        limit = getattr(settings, "RENDER_CONCURRENCY", 0)
        self.slots = threading.BoundedSemaphore(limit) if limit > 0 else None

    def __call__(self, request):
        if self.slots is None or request.path_info == "/_healthz/":
            return self.get_response(request)
        if not self.slots.acquire(timeout=settings.RENDER_QUEUE_SECONDS):
            return unavailable_response()
        try:
            return self.get_response(request)
        finally:
            self.slots.release()
