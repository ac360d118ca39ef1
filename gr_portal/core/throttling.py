"""Who is asking, and how often: the client's address behind the portal's own proxies, and
counters that refuse what comes too often (security audit F7, F13). The floor's: the login and
password-reset limits (gr_portal.accounts.throttling), the API's rate limit
(gr_portal.core.api.viewsets) and the subscribe form (milestones.alerts) count with these.

The address: REMOTE_ADDR, unless that is one of TRUSTED_PROXIES (addresses or networks, from the
environment); then the right-most address in X-Forwarded-For that is not a trusted proxy. Only a
proxy the portal trusts can speak for a client, so nobody can pick an address by sending the
header. django-axes asks the same function (AXES_CLIENT_IP_CALLABLE).

The counters live in the default cache (Redis where REDIS_URL is set, so every app server
counts together). A counter starts at the first hit and expires a window later.
"""

from __future__ import annotations

import hashlib
import ipaddress
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.cache import cache as shared_cache


@cache
def _trusted(networks: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(network, strict=False) for network in networks)


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _trusted(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request) -> str:
    """The client's address as the portal's own proxies saw it (see the module)."""
    address = request.META.get("REMOTE_ADDR", "") or ""
    if not _is_trusted(address):
        return address
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([part.strip() for part in forwarded.split(",") if part.strip()]):
        if not _is_trusted(hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return address  # a proxy we trust wrote nonsense: count the proxy
    return address


@dataclass(frozen=True)
class Limit:
    """At most `count` hits per `seconds`, per key."""

    name: str
    count: int
    seconds: int

    def _key(self, key: str) -> str:
        digest = hashlib.sha256(key.strip().lower().encode()).hexdigest()[:32]
        return f"throttle:{self.name}:{digest}"

    def exceeded(self, key: str) -> bool:
        """Whether `key` has used up its hits (without counting one)."""
        return (shared_cache.get(self._key(key)) or 0) >= self.count

    def hit(self, key: str) -> bool:
        """Count one hit for `key`; False when that one is over the limit."""
        name = self._key(key)
        if shared_cache.add(name, 1, timeout=self.seconds):
            return self.count >= 1
        try:
            hits = shared_cache.incr(name)
        except ValueError:  # expired in between
            shared_cache.add(name, 1, timeout=self.seconds)
            hits = 1
        return hits <= self.count
