"""Public pages and downloads for anonymous visitors: cached, and answered 304 when unchanged.

Public pages are read a thousand times for each write. Every write raises the data version in
its own transaction (gr_portal.core.models), so the version a request reads says exactly which
commits it sees:

* the cache key holds the version, the language and the full path: after a commit the next
  request reads the new version and misses, so no page from before a commit is served once
  that commit is visible (old entries expire by themselves);
* the ETag is the same key, hashed, and Last-Modified the version's time: a client or proxy
  that has the page asks with If-None-Match / If-Modified-Since and gets 304 without anything
  being rendered (downloads and feeds too, which are streamed and not cached);
* only anonymous GET and HEAD requests of the listed public URLs are cached, and only answers
  200 without cookies: a logged-in user (a session cookie) always gets their own page.

The cache is Django's: in the process by default, Redis where REDIS_URL is set, shared by
every app server. PUBLIC_PAGE_CACHE = False turns it off (the query-count tests measure the
pages uncached).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from gr_portal.core.models import current

#: URL names whose answers are the same for every anonymous visitor.
PUBLIC_URLS = frozenset(
    {
        "home",
        "process_detail",
        "regeling_detail",
        "decision_detail",
        "municipality_detail",
        "decisions:status_matrix",
        "decisions:versions",
        "milestones:timeline",
        "milestones:agenda",
        "milestones:municipality_agenda",
        "search:page",
        "opendata:index",
        "opendata:matrix_csv",
        "opendata:matrix_json",
        "opendata:votes_csv",
        "opendata:member_votes_csv",
        "opendata:votes_json",
        "opendata:feed",
        "letters:archive",
    }
)
#: Seconds a cached page is kept (a new version makes it unreachable long before).
TIMEOUT = 3600


def _public(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.view_name in PUBLIC_URLS


class PublicPageCacheMiddleware:
    """Between the locale (the language is part of the key) and the session middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not getattr(settings, "PUBLIC_PAGE_CACHE", True) or not _public(request):
            return self.get_response(request)
        version, changed_at = current()
        language = translation.get_language() or settings.LANGUAGE_CODE
        key = f"page:{version}:{language}:{request.get_full_path()}"
        etag = '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'
        last_modified = int(changed_at.timestamp())
        if _not_modified(request, etag, last_modified):
            return self._headers(HttpResponseNotModified(), etag, last_modified)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Cache"] = "hit"
            return self._headers(cached, etag, last_modified)
        response = self.get_response(request)
        if response.status_code != 200:
            return response
        response = self._headers(response, etag, last_modified)
        if not response.streaming and not response.cookies:
            cache.set(key, response, TIMEOUT)
            response["X-Cache"] = "miss"
        return response

    @staticmethod
    def _headers(response, etag: str, last_modified: int):
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        # A proxy may keep the page, but asks again each time (a 304 is cheap): a clerk's save
        # shows at once. Per language cookie, and never for a logged-in user's cookie.
        response["Cache-Control"] = "public, no-cache"
        patch_vary_headers(response, ("Cookie",))
        return response


def _not_modified(request, etag: str, last_modified: int) -> bool:
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return etag in tags or "*" in tags
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and last_modified <= since
