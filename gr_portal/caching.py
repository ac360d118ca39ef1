"""Public pages and downloads for anonymous visitors: cached, and answered 304 when unchanged.

Public pages are read a thousand times for each write. Every write raises the data version in
its own transaction (gr_portal.core.models), so the version a request reads says exactly which
commits it sees:

* the cache key holds the version, the language and the full path: after a commit the next
  request reads the new version and misses, so no page from before a commit is served once
  that commit is visible (old entries expire by themselves);
* the ETag is the same key, hashed, and Last-Modified the version's time: a client or proxy
  that has the page asks with If-None-Match / If-Modified-Since and gets 304 without anything
  being rendered (downloads and feeds too);
* a streamed download is passed on as it is made and kept once it has been sent whole (up to
  MAX_BYTES), so the next visitor gets it from the cache;
* only anonymous GET and HEAD requests of the listed public URLs are cached, and only answers
  200 without cookies: a logged-in user (a session cookie) always gets their own page.

The cache is Django's: in the process by default, Redis where REDIS_URL is set, shared by
every app server; each process keeps its most used pages in front of it as well (LocalPages).
PUBLIC_PAGE_CACHE = False turns it off (the query-count tests measure the pages uncached).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterator

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from gr_portal.core.models import current
from gr_portal.middleware import chosen_language

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
        "milestones:process_agenda",
        "milestones:regeling_agenda",
        "milestones:decision_agenda",
        "search:page",
        "opendata:index",
        "opendata:matrix_csv",
        "opendata:matrix_json",
        "opendata:votes_csv",
        "opendata:member_votes_csv",
        "opendata:votes_json",
        "opendata:feed",
        "opendata:target_feed",
        "letters:archive",
    }
)
#: Seconds a cached page is kept (a new version makes it unreachable long before).
TIMEOUT = 3600
#: The largest download kept (the votes JSON at 50 times the real data is 12.6 MB, 0.4 MB
#: compressed); a larger one is streamed every time.
MAX_BYTES = 16 * 1024 * 1024


def _public(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    # The open-data API (gr_portal.api_urls) is public as a whole.
    return match.view_name in PUBLIC_URLS or match.namespace == "api"


class PublicPageCacheMiddleware:
    """Outside the compression (a hit is sent as stored) and everything that reads the session
    or the database; the language is read from its cookie as the locale middleware does."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not getattr(settings, "PUBLIC_PAGE_CACHE", True) or not _public(request):
            return self.get_response(request)
        try:
            version, changed_at = current()
        except DatabaseError:  # the view behind answers it (gr_portal.middleware: 503)
            return self.get_response(request)
        # Stored as sent: compressed for a client that takes gzip (no secret is on these
        # pages, so one compressed body for everyone gives BREACH nothing to compare).
        encoding = "gzip" if "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "") else "-"
        # The version's time too: a database restored or loaded afresh counts from 1 again.
        key = (
            f"page:{version}.{changed_at.timestamp():.6f}:{chosen_language(request)}:"
            f"{encoding}:{request.get_full_path()}"
        )
        etag = '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'
        last_modified = int(changed_at.timestamp())
        if _not_modified(request, etag, last_modified):
            return self._headers(HttpResponseNotModified(), etag, last_modified)
        cached = LOCAL.get(key)
        if cached is None:
            cached = cache.get(key)
            if cached is not None:
                LOCAL.put(key, cached)
        if cached is not None:
            return self._headers(_unpack(cached), etag, last_modified)
        response = self.get_response(request)
        if response.status_code != 200:
            return response
        response = self._headers(response, etag, last_modified)
        if response.cookies:
            return response
        if response.streaming:
            # A download: sent as it is made, and kept when it has been sent whole.
            response.streaming_content = _kept(
                response.streaming_content, key, tuple(response.headers.items())
            )
        else:
            packed = _pack(response)
            cache.set(key, packed, TIMEOUT)
            LOCAL.put(key, packed)
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


class LocalPages:
    """The most recently used pages of this process, in front of the shared cache: a key holds
    the data version, so what is stored under it never changes and a copy here is exactly as
    fresh as the one in Redis (and saves its round trip). Bounded by the bytes it holds; the
    least recently used go first. Safe between threads."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, tuple[bytes, tuple]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str):
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: tuple[bytes, tuple]) -> None:
        size = len(entry[0])
        if size > self.max_bytes // 4:
            return  # a large download stays in the shared cache only
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._size -= len(old[0])
            self._entries[key] = entry
            self._size += size
            while self._size > self.max_bytes:
                _key, dropped = self._entries.popitem(last=False)
                self._size -= len(dropped[0])

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._size = 0


#: Per process (gunicorn worker).
LOCAL = LocalPages(max_bytes=32 * 1024 * 1024)


def _pack(response) -> tuple[bytes, tuple[tuple[str, str], ...]]:
    """What a hit needs of a response: its body and headers (cheaper to store and read back
    than the pickled response)."""
    return response.content, tuple(response.headers.items())


def _kept(chunks, key: str, headers) -> Iterator[bytes]:
    """Pass a streamed download's parts on and store the whole once the last is sent; beyond
    MAX_BYTES (or when the client goes away before the end) nothing is stored, and no more is
    held than that."""
    parts: list[bytes] | None = []
    size = 0
    for chunk in chunks:
        if parts is not None:
            size += len(chunk)
            if size > MAX_BYTES:
                parts = None
            else:
                parts.append(chunk)
        yield chunk
    if parts is not None:
        packed = (b"".join(parts), headers)
        cache.set(key, packed, TIMEOUT)
        LOCAL.put(key, packed)


def _unpack(cached) -> HttpResponse:
    content, headers = cached
    response = HttpResponse(content, headers=dict(headers))
    response["X-Cache"] = "hit"
    return response


def _not_modified(request, etag: str, last_modified: int) -> bool:
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return etag in tags or "*" in tags
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and last_modified <= since
