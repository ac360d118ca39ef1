"""Django's Redis cache, with one client per connection pool instead of one per call.

Django's RedisCacheClient makes a new redis.Redis for every get and set, and redis-py fills a
table of some 170 response callbacks for each: on a cached page that is a third of the hit.
A redis.Redis is safe to share between threads (each command takes a connection from the
pool), so one per pool is kept.
"""

from typing import Any

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key=None, *, write=False):
        django_client: Any = self  # the pool and client class are not in django-stubs
        pool = django_client._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = django_client._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
