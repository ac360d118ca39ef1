"""What every part of the open-data API at /api/v1/ shares, whatever app it serves.

The floor of the API: no app is imported here. Each app describes its own resources in its
``api`` package (councils.api, decisions.api, milestones.api) with the pieces below, and the
project's gr_portal/api_urls.py puts them under one router:

* problems: errors as application/problem+json (RFC 9457), from DRF and from Django alike;
* headers: the API-Version header on every answer under /api/;
* fields and serializers: references as ``{"id", "url"}``, ODS value lists, dates as
  date-times, and nothing ``null``: an absent value is left out;
* sync: ``gewijzigdSinds`` from the history tables, with tombstones for what was deleted;
* pagination and viewsets: stable page-number paging with a page size cap, anonymous
  read-only access with a rate limit;
* schema: the OpenAPI document's shared parts (headers, error answers) for drf-spectacular.
"""

#: The API's full version (semver), sent as API-Version on every answer and in the OpenAPI
#: document; the major version is the one in the path (/api/v1/).
VERSION = "1.0.0"
#: Where the API lives.
PREFIX = "/api/"
