"""Requests per second of the public pages under gunicorn, side by side with a bare view.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/grp_load \\
        .venv/bin/python bench/load.py --duration 10 --connections 16

Sets up the database in DATABASE_URL afresh (dropped and created: name a database of its own),
loads the real Drechtsteden data (with --scale N, plus bench.synthetic.build(N - 1)), collects
the static files into a temporary folder, and starts gunicorn with the production settings and
gr_portal/gunicorn_conf.py on a free port. Then, per public page, --rounds times: wrk (Debian
package `wrk`) for --duration seconds at --connections connections on the bare view /_bare/
(bench/load_urls.py) under the same server, then on the page, so that both are measured in the
same conditions. Prints the medians of requests/s, p50 and p99 latency and the page's share of
the bare view's requests/s; then /_healthz/'s latency while 16 connections load the slowest
uncached request (a search). Pages are anonymous, so the public page cache (gr_portal.caching)
is on unless --no-cache.

    .venv/bin/python bench/load.py --mix --duration 60 --connections 32
    .venv/bin/python bench/load.py --fault --duration 60 --connections 32

    .venv/bin/python bench/load.py --health 0 2 --rounds 3

--health measures only /_healthz/ under slow requests, with each per-worker limit on concurrent
rendering (RENDER_CONCURRENCY; 0 is none) in turn, a fresh server each time.

--mix runs wrk over all the pages at once (each connection takes them in turn) and prints the
answers counted by status and wrk's socket errors. --fault does the same against a PostgreSQL
of its own (initdb in a temporary folder, on a free port; DATABASE_URL is not needed), restarts
that PostgreSQL a third of the way into the run, and prints the answers by status, when the
database was down, and, from a probe that asks for a page every 20 ms, the last answer that was
not 200 and the first 200 after the restart (the time to recovery).
"""

import argparse
import contextlib
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
import urllib.error
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
#: Requests that are never cached (every query string differs: SLOW_SCRIPT counts), the slow
#: load beside which /_healthz/ is timed.
SLOW = "/zoeken/?q=gemeenschappelijke+regeling+sociaal+"
SLOW_SCRIPT = r"""
n = 0
function request()
  n = n + 1
  return wrk.format("GET", "SLOW" .. n)
end
"""

#: wrk's script for --mix and --fault: each connection takes the pages in turn, and the answers
#: are counted by status (per thread, added up at the end). PATHS is filled in.
MIX_SCRIPT = r"""
local paths = {PATHS}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) n = 0; statuses = {} end
function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  for status, count in pairs(total) do io.write(string.format("status %d %d\n", status, count)) end
end
"""


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


#: Set by --gzip: wrk asks as browsers and HTTP clients do, for a compressed answer.
HEADERS: list[str] = []


def wrk(url: str, duration: int, connections: int, script: str | None = None) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url]
    for header in HEADERS:
        command[1:1] = ["-H", header]
    if script:
        command[1:1] = ["-s", script]
    return parse_wrk(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def parse_wrk(out: str) -> dict:
    """requests, requests/s, p50 and p99 in ms, non-2xx, socket errors and (with MIX_SCRIPT)
    the answers by status, from wrk's report."""

    def ms(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)", out, re.M)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(r"Socket errors: (.*)", out)
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": ms("50"),
        "p99": ms("99"),
        "non2xx": int(errors.group(1)) if errors else 0,
        "socket": sockets.group(1).strip() if sockets else "none",
        "statuses": {
            int(status): int(count)
            for status, count in re.findall(r"^status (\d+) (\d+)", out, re.M)
        },
    }


class PrivatePostgres:
    """A PostgreSQL of the benchmark's own: initdb in a temporary folder, on a free port, so
    that it can be restarted without touching the machine's. As root, run as `postgres`."""

    def __init__(self):
        found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
        if not found and not shutil.which("pg_ctl"):
            sys.exit("pg_ctl is missing: apt-get install -y postgresql")
        self.bin = found[-1].parent if found else Path(shutil.which("pg_ctl")).parent
        self.folder = Path(tempfile.mkdtemp(prefix="grp-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.folder, "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        self.start()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/grp_load"

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run(
            [*self.as_user, str(self.bin / tool), *args], check=True, stdout=subprocess.DEVNULL
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.folder / "log")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def start_server(env: dict) -> tuple[subprocess.Popen, str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "-c",
            "python:gr_portal.gunicorn_conf",
            "gr_portal.wsgi",
        ],
        cwd=ROOT,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/_healthz/", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    # Warm up: templates compiled, cache filled (for the encoding wrk will ask for).
    asked = dict(header.split(": ", 1) for header in HEADERS)
    for _label, path in PAGES:
        for _ in range(3):
            request = urllib.request.Request(base + path, headers=asked)
            urllib.request.urlopen(request, timeout=60).read()
    return server, base


def pages(base: str, options) -> None:
    print(
        f"Medians of {options.rounds} rounds, each the bare view then the page; "
        "'worst p99' is the highest of the rounds."
    )
    print()
    print(
        "| page | req/s | p50 ms | p99 ms | worst p99 ms | bare req/s | bare p99 ms "
        "| share of bare | non-2xx |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, path in PAGES:
        if options.only and label not in options.only:
            continue
        bares, runs = [], []
        for _round in range(options.rounds):
            bares.append(wrk(base + "/_bare/", options.duration, options.connections))
            runs.append(wrk(base + path, options.duration, options.connections))
        bare = statistics.median(run["rps"] for run in bares)
        rps = statistics.median(run["rps"] for run in runs)
        p50 = statistics.median(run["p50"] for run in runs)
        p99 = statistics.median(run["p99"] for run in runs)
        bare_p99 = statistics.median(run["p99"] for run in bares)
        print(
            f"| {label} | {rps:.0f} | {p50:.1f} | {p99:.1f} | {max(r['p99'] for r in runs):.1f} "
            f"| {bare:.0f} | {bare_p99:.1f} | {100 * rps / bare:.0f} % "
            f"| {sum(r['non2xx'] for r in runs)} |",
            flush=True,
        )
    print()
    health(base, options)


class Probe(threading.Thread):
    """Asks for a page every 20 ms and notes (time, status) of every answer."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url, self.answers, self.running = url, [], True

    def run(self) -> None:
        while self.running:
            try:
                with urllib.request.urlopen(self.url, timeout=10) as answer:
                    answer.read()
                    status = answer.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError:
                status = 0  # no answer at all
            self.answers.append((time.monotonic(), status))
            time.sleep(0.02)


def mix(base: str, options, database: PrivatePostgres | None) -> None:
    paths = ", ".join(f'"{path}"' for _label, path in PAGES)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(MIX_SCRIPT.replace("PATHS", paths))
    result: dict = {}
    run = threading.Thread(
        target=lambda: result.update(
            wrk(base + "/", options.duration, options.connections, script.name)
        )
    )
    probe = Probe(base + PAGES[1][1])
    started = time.monotonic()
    run.start()
    probe.start()
    down = up = None
    if database is not None:
        time.sleep(options.duration / 3)
        down = time.monotonic()
        database.stop()
        time.sleep(0.5)
        database.start()
        up = time.monotonic()
    run.join()
    probe.running = False
    probe.join()
    os.unlink(script.name)
    counted = sorted(result["statuses"].items())
    statuses = ", ".join(f"{status}: {count}" for status, count in counted)
    print(
        f"mix of {len(PAGES)} pages, {options.connections} connections × {options.duration} s: "
        f"{result['requests']} requests, {result['rps']:.0f}/s, p50 {result['p50']:.1f} ms, "
        f"p99 {result['p99']:.1f} ms"
    )
    print(f"answers by status: {statuses}; socket errors: {result['socket']}")
    if database is None:
        return
    print(
        f"database stopped at {down - started:.1f} s, back at {up - started:.1f} s "
        f"({up - down:.2f} s down)"
    )
    failed = [(at, status) for at, status in probe.answers if status != 200]
    if not failed:
        print(f"probe: {len(probe.answers)} requests, every one 200")
        return
    last_failed = max(at for at, _status in failed)
    back = min((at for at, status in probe.answers if status == 200 and at > up), default=None)
    kinds = sorted({status for _at, status in failed})
    print(
        f"probe: {len(probe.answers)} requests, {len(failed)} not 200 (statuses {kinds}); "
        f"last not-200 {last_failed - up:+.2f} s after the database was back; "
        f"first 200 after it {back - up:+.2f} s"
        if back is not None
        else f"probe: {len(failed)} not 200 and no 200 after the restart"
    )


def health(base: str, options, label: str = "") -> None:
    """/_healthz/'s latency while 16 connections ask for slow, uncached pages (searches)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(SLOW_SCRIPT.replace("SLOW", SLOW))
    slow: dict = {}
    load = threading.Thread(
        target=lambda: slow.update(wrk(base + "/", options.duration, 16, script.name))
    )
    load.start()
    time.sleep(1)
    timings = []
    while load.is_alive() and len(timings) < 200:
        started = time.perf_counter()
        urllib.request.urlopen(base + "/_healthz/", timeout=30).read()
        timings.append(1000 * (time.perf_counter() - started))
        time.sleep(0.05)
    load.join()
    os.unlink(script.name)
    print(
        f"{label}/_healthz/ while 16 connections search ({slow['rps']:.0f} searches/s, p50 "
        f"{slow['p50']:.0f} ms): {len(timings)} checks, median {statistics.median(timings):.1f} "
        f"ms, p99 {sorted(timings)[int(0.99 * (len(timings) - 1))]:.1f} ms, "
        f"max {max(timings):.1f} ms"
    )


def health_limits(env: dict, options) -> None:
    """/_healthz/ under slow requests with each RENDER_CONCURRENCY in turn, --rounds times, a
    fresh server each time (gr_portal.middleware.RenderLimitMiddleware)."""
    print(
        f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} CPUs, gunicorn gthread with the "
        "production settings, PostgreSQL; /_healthz/ every 50 ms while 16 connections search"
    )
    print()
    for round_number in range(1, options.rounds + 1):
        for limit in options.health:
            server, base = start_server({**env, "RENDER_CONCURRENCY": str(limit)})
            try:
                health(base, options, label=f"round {round_number}, RENDER_CONCURRENCY={limit}: ")
            finally:
                server.terminate()
                server.wait(timeout=30)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3, help="bare/page pairs per page")
    parser.add_argument(
        "--scale", type=int, default=1, help="N: the real data plus bench.synthetic.build(N - 1)"
    )
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument(
        "--only", nargs="+", metavar="PAGE", help="only these pages (labels, e.g. home feed)"
    )
    parser.add_argument(
        "--gzip",
        action="store_true",
        help="ask with Accept-Encoding: gzip, as browsers do (the bare view too)",
    )
    parser.add_argument("--mix", action="store_true", help="all pages at once, by status")
    parser.add_argument("--fault", action="store_true", help="the mix, with a database restart")
    parser.add_argument(
        "--health",
        type=int,
        nargs="+",
        metavar="LIMIT",
        help="only /_healthz/ under slow requests, once per RENDER_CONCURRENCY (0: none), "
        "--rounds times in turn",
    )
    options = parser.parse_args(argv)
    known = {label for label, _path in PAGES}
    if options.only and not set(options.only) <= known:
        parser.error(f"--only takes page labels: {', '.join(sorted(known))}")
    if options.gzip:
        HEADERS.append("Accept-Encoding: gzip")
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")
    database = PrivatePostgres() if options.fault else None
    url = database.url if database else os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database of its own (it is recreated).")
    var = Path(tempfile.mkdtemp(prefix="grp-load-"))
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench.load_settings",
        "DEBUG": "0",
        "SECRET_KEY": "load-benchmark-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "VAR_DIR": str(var),
        "GUNICORN_ACCESSLOG": "/dev/null",
        "PUBLIC_PAGE_CACHE": "0" if options.no_cache else "1",
    }
    server = None
    try:
        recreate_database(url)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_drechtsteden")
        if options.scale > 1:
            build = f"from bench.synthetic import build; build({options.scale - 1})"
            manage(env, "shell", "-c", build)
        manage(env, "collectstatic", "--noinput", "-v0")
        if options.health:
            health_limits(env, options)
            return 0
        server, base = start_server(env)
        nproc = os.cpu_count()
        print(
            f"{time.strftime('%Y-%m-%d')}, {options.scale}x data, {nproc} CPUs, gunicorn gthread "
            f"({env.get('GUNICORN_WORKERS') or nproc + 1} workers × "
            f"{env.get('GUNICORN_THREADS') or 8} threads), PostgreSQL"
            f"{' (private, restarted)' if database else ''}, cache "
            f"{'off' if options.no_cache else 'on'}"
            f"{', Redis' if env.get('REDIS_URL') else ''}"
            f"{', Accept-Encoding: gzip' if options.gzip else ''}"
            f", max_requests {env.get('GUNICORN_MAX_REQUESTS') or 'default'}"
        )
        print()
        if options.mix or options.fault:
            mix(base, options, database)
        else:
            pages(base, options)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if database is not None:
            database.remove()
        shutil.rmtree(var, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
