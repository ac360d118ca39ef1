"""gunicorn's production settings, read with

    gunicorn -c python:gr_portal.gunicorn_conf gr_portal.wsgi

Threads, so that a slow request holds one thread, not a whole worker, and /_healthz/ keeps
answering beside it; a worker that stops answering gunicorn's heartbeat is restarted after
`timeout`, but a slow request is stopped before that by the database's statement time limit
(DATABASE_STATEMENT_TIMEOUT, 20 s) and answered 503. Every value can be set from the
environment (README, "Configuration").
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = "gthread"
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1)
threads = _int("GUNICORN_THREADS", 8)
#: Seconds without a heartbeat before a worker is restarted (requests end sooner: see above).
timeout = _int("GUNICORN_TIMEOUT", 60)
#: Seconds a worker gets to finish its requests when it is stopped (SIGTERM, a restart).
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
#: Seconds a connection from the proxy in front is kept open for its next request.
keepalive = _int("GUNICORN_KEEPALIVE", 5)
#: The portal is loaded once, in the master, and every worker forked from it: a worker that is
#: replaced (below) starts in milliseconds and shares the loaded code's memory. A new release
#: therefore needs a restart of gunicorn, not a SIGHUP.
preload_app = True
#: Workers are replaced after this many requests (with jitter), so that no leak can grow.
max_requests = _int("GUNICORN_MAX_REQUESTS", 20000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 2000)
#: Addresses of the proxies whose X-Forwarded-* headers are trusted.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
