"""Requests per second of the public pages under gunicorn, side by side with a bare view.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/grp_load \\
        .venv/bin/python bench/load.py --duration 10 --connections 16

Sets up the database in DATABASE_URL afresh (dropped and created: name a database of its own),
loads the real Drechtsteden data, collects the static files into a temporary folder, and starts
gunicorn with the production settings and gr_portal/gunicorn_conf.py on a free port. Then, per
public page, wrk (Debian package `wrk`) for --duration seconds at --connections connections,
each page right after a run of the bare view /_bare/ (bench/load_urls.py) under the same server,
so that both are measured in the same conditions. Prints requests/s, p50 and p99 latency and
the page's share of the bare view's requests/s; then /_healthz/'s latency while 16 connections
load the heaviest page. Pages are anonymous, so the public page cache (gr_portal.caching) is on
unless --no-cache.
"""

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PAGES = [
    ("home", "/"),
    ("process", "/trajecten/samenvoeging-drechtwerk-sociaal/"),
    ("regeling", "/regelingen/gr-sociaal/"),
    ("decision", "/besluiten/concept-gr-tekst-2022/"),
    ("municipality", "/gemeenten/dordrecht/"),
    ("status matrix", "/stand/"),
    ("timeline", "/tijdlijn/"),
    ("open data", "/open-data/"),
    ("votes JSON", "/open-data/stemmingen.json"),
    ("feed", "/open-data/wijzigingen.atom"),
    ("agenda", "/agenda.ics"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = f"{parts.scheme}://{parts.netloc}/postgres"
    with psycopg.connect(admin.replace("postgres://", "postgresql://"), autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')


def manage(env, *args) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def wrk(url: str, duration: int, connections: int) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def ms(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)", out, re.M)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": ms("50"),
        "p99": ms("99"),
        "non2xx": int(errors.group(1)) if errors else 0,
        "socket": sockets.group(1).strip() if sockets else "",
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--no-cache", action="store_true")
    options = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database of its own (it is recreated).")
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")
    var = Path(tempfile.mkdtemp(prefix="grp-load-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.load_settings",
        "DEBUG": "0",
        "SECRET_KEY": "load-benchmark-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "VAR_DIR": str(var),
        "GUNICORN_ACCESSLOG": "/dev/null",
        "PUBLIC_PAGE_CACHE": "0" if options.no_cache else "1",
    }
    recreate_database(url)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_drechtsteden")
    manage(env, "collectstatic", "--noinput", "-v0")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "-c",
            "python:gr_portal.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{port}",
            "gr_portal.wsgi",
        ],
        cwd=ROOT,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/_healthz/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        for _label, path in PAGES:  # warm up: templates compiled, cache filled
            for _ in range(3):
                urllib.request.urlopen(base + path, timeout=30).read()
        nproc = os.cpu_count()
        print(
            f"{time.strftime('%Y-%m-%d')}, {nproc} CPUs, gunicorn gthread "
            f"({env.get('GUNICORN_WORKERS') or nproc + 1} workers × "
            f"{env.get('GUNICORN_THREADS') or 8} threads), PostgreSQL, wrk "
            f"{options.connections} connections × {options.duration} s, cache "
            f"{'off' if options.no_cache else 'on'}"
        )
        print()
        print("| page | req/s | p50 ms | p99 ms | bare req/s | share of bare | non-2xx |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for label, path in PAGES:
            bare = wrk(base + "/_bare/", options.duration, options.connections)
            page = wrk(base + path, options.duration, options.connections)
            print(
                f"| {label} | {page['rps']:.0f} | {page['p50']:.1f} | {page['p99']:.1f} "
                f"| {bare['rps']:.0f} | {100 * page['rps'] / bare['rps']:.0f} % "
                f"| {page['non2xx']} |",
                flush=True,
            )
        # /_healthz/ while the heaviest page is loaded by 16 connections
        heavy = "/open-data/stemmingen.json"  # streamed, so never cached
        load = threading.Thread(target=wrk, args=(base + heavy, options.duration, 16))
        load.start()
        time.sleep(1)
        timings = []
        while load.is_alive() and len(timings) < 200:
            started = time.perf_counter()
            urllib.request.urlopen(base + "/_healthz/", timeout=30).read()
            timings.append(1000 * (time.perf_counter() - started))
            time.sleep(0.05)
        load.join()
        print()
        print(
            f"/_healthz/ while 16 connections load {heavy}: {len(timings)} checks, "
            f"median {statistics.median(timings):.1f} ms, max {max(timings):.1f} ms"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(var, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
