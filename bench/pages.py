"""Server time and query count of every public page at 1x and larger scales, beside a bare view.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/grp_bench \\
        .venv/bin/python bench/pages.py --scale 1 50 --repeat 30

Scale 1 is the real Drechtsteden data (gr_portal.dataset.load_dataset); scale N adds
bench.synthetic.build(N - 1) on top of it, so 50 means 350 municipalities. The database in
DATABASE_URL is left alone: the script creates a fresh test database beside it with Django's
setup_databases (on PostgreSQL `test_<name>`, on SQLite an in-memory one) and drops it at the end.

Each page is requested anonymously through Django's test Client, the whole middleware stack
included: a few warm-up requests (templates compiled, caches filled), one with the queries
counted, then --repeat timed requests (fewer when a page uses up --budget seconds). The bare view
is an HttpResponse("ok") behind the same middleware, on a throwaway URLconf: the ceiling that no
page can beat. The Client keeps its database connection between requests, as a server with
persistent connections does, so connecting is not in the figures; neither is the network.

A page whose URL name does not exist, or that answers 404, is skipped, and the script says so.
"""

import argparse
import gc
import math
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from django.http import HttpResponse
from django.urls import path
from django.utils import timezone

ROOT = Path(__file__).resolve().parent.parent
SEED = 2022
SEARCH_QUERY = "samenvoeging"
MIN_RUNS = 5


def bare(request):
    """The ceiling: what the middleware stack costs with a view that does nothing."""
    return HttpResponse("ok")


# The throwaway URLconf of the bare view (ROOT_URLCONF points here while it is measured).
urlpatterns = [path("bare/", bare)]


@dataclass(frozen=True)
class Page:
    label: str
    url_name: str
    # What the URL needs, looked up in the data of the moment: "decision", "municipality",
    # "process" (the busiest decision's) or "regeling" (the one with most participants).
    needs: str | None = None
    query: str = ""


PAGES = (
    Page("home", "home"),
    Page("home, filtered", "home", query="gemeente=dordrecht&stand=lopend"),
    Page("process", "process_detail", needs="process"),
    Page("regeling", "regeling_detail", needs="regeling"),
    Page("status matrix", "decisions:status_matrix"),
    Page("decision", "decision_detail", needs="decision"),
    Page("versions", "decisions:versions", needs="decision"),
    Page("municipality", "municipality_detail", needs="municipality"),
    Page("timeline", "milestones:timeline"),
    Page("search", "search:page", query=f"q={SEARCH_QUERY}"),
    Page("open data", "opendata:index"),
    Page("open data: stand.csv", "opendata:matrix_csv"),
    Page("open data: stand.json", "opendata:matrix_json"),
    Page("open data: stemmingen.csv", "opendata:votes_csv"),
    Page("open data: stemmingen.json", "opendata:votes_json"),
    Page("open data: Atom", "opendata:feed"),
    Page("agenda (iCalendar)", "milestones:agenda"),
    Page("municipality agenda (iCalendar)", "milestones:municipality_agenda", needs="municipality"),
)


@dataclass
class Result:
    label: str
    url: str
    scale: int
    runs: int = 0
    median_ms: float = 0.0
    p95_ms: float = 0.0
    queries: int = 0
    kilobytes: float = 0.0
    skipped: str = ""


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `share` of them at or below."""
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def measure(client, label, url, scale, *, repeat, warmup, budget) -> Result:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    result = Result(label, url, scale)
    try:
        for _ in range(warmup):
            response = client.get(url)
            _body(response)
        if response.status_code == 404:
            result.skipped = "answers 404"
            return result
        if response.status_code != 200:
            result.skipped = f"answers {response.status_code}"
            return result
        with CaptureQueriesContext(connection) as queries:
            body = _body(client.get(url))
        result.queries = len(queries)
        result.kilobytes = len(body) / 1024
        gc.collect()
        times = []
        deadline = time.perf_counter() + budget
        for _ in range(repeat):
            started = time.perf_counter()
            _body(client.get(url))
            times.append(time.perf_counter() - started)
            if len(times) >= MIN_RUNS and time.perf_counter() > deadline:
                break
    except Exception as error:  # a page under construction must not stop the whole run
        result.skipped = f"fails: {error.__class__.__name__}: {error}"[:120]
        return result
    result.runs = len(times)
    result.median_ms = statistics.median(times) * 1000
    result.p95_ms = percentile(times, 0.95) * 1000
    return result


def _targets() -> dict[str, str | None]:
    """The busiest published decision (most treatments, then fractie votes) and municipality
    (most treatments): the pages that grow most with the data."""
    from django.db.models import Count

    from councils.models import Municipality, Regeling
    from decisions.models import Decision

    decision = (
        Decision.objects.published()
        .annotate(
            fractie_votes=Count("treatments__vote__fractie_votes", distinct=True),
            treatment_count=Count("treatments", distinct=True),
        )
        .order_by("-treatment_count", "-fractie_votes", "slug")
        .values_list("slug", flat=True)
        .first()
    )
    municipality = (
        Municipality.objects.annotate(treatment_count=Count("bodies__treatments"))
        .order_by("-treatment_count", "slug")
        .values_list("slug", flat=True)
        .first()
    )
    process = Decision.objects.filter(slug=decision).values_list("process__slug", flat=True).first()
    regeling = (
        Regeling.objects.annotate(size=Count("participants"))
        .order_by("-size", "slug")
        .values_list("slug", flat=True)
        .first()
    )
    return {
        "decision": decision,
        "municipality": municipality,
        "process": process,
        "regeling": regeling,
    }


def measure_scale(scale, *, repeat, warmup, budget, cache="both") -> list[Result]:
    from django.test import Client, override_settings
    from django.urls import NoReverseMatch, reverse

    modes = {"off": [False], "on": [True], "both": [False, True]}[cache]

    client = Client()
    with override_settings(ROOT_URLCONF=__name__):
        results = [
            measure(
                client,
                "bare Django view",
                "/bare/",
                scale,
                repeat=repeat,
                warmup=warmup,
                budget=budget,
            )
        ]
    targets = _targets()
    for page in PAGES:
        try:
            args = [targets[page.needs]] if page.needs else []
            url = reverse(page.url_name, args=args)
        except NoReverseMatch:
            results.append(
                Result(page.label, "-", scale, skipped=f"no URL named {page.url_name!r}")
            )
            continue
        if page.query:
            url = f"{url}?{page.query}"
        print(f"  {page.label}: {url}", file=sys.stderr, flush=True)
        for cached in modes:
            # Uncached: rendered for every request; cached: the warm-up fills the public page
            # cache (gr_portal.caching) and the timed requests are hits.
            label = f"{page.label} (cached)" if cached else page.label
            with override_settings(PUBLIC_PAGE_CACHE=cached):
                results.append(
                    measure(client, label, url, scale, repeat=repeat, warmup=warmup, budget=budget)
                )
    return results


def volume() -> dict[str, int]:
    from councils.models import Municipality, Regeling
    from decisions.models import Decision, FractieVote, Treatment, Vote

    return {
        "municipalities": Municipality.objects.count(),
        "regelingen": Regeling.objects.count(),
        "decisions": Decision.objects.count(),
        "treatments": Treatment.objects.count(),
        "votes": Vote.objects.count(),
        "fractie votes": FractieVote.objects.count(),
    }


def machine(load: tuple[float, ...]) -> list[str]:
    import django
    from django.db import connection

    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = (
                f"PostgreSQL {cursor.fetchone()[0]} (database {connection.settings_dict['NAME']})"
            )
    else:
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version} (in-memory test database)"
    return [
        f"date: {timezone.localdate().isoformat()}",
        f"machine: {os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}",
        f"Python {platform.python_version()}, Django {django.get_version()}",
        f"database: {database}",
        # Other work on the machine shows in the figures; this says how much there was.
        "load average (1, 5, 15 min) at start: {}, at end: {}".format(
            *(" ".join(f"{value:.1f}" for value in loads) for loads in (load, os.getloadavg()))
        ),
    ]


def table(results: list[Result]) -> list[str]:
    lines = [
        "| page | URL | scale | runs | median ms | p95 ms | × bare | queries | KB |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    bare_ms = {r.scale: r.median_ms for r in results if r.label == "bare Django view"}
    for r in results:
        if r.skipped:
            lines.append(f"| {r.label} | `{r.url}` | {r.scale}x | skipped: {r.skipped} | | | | | |")
        else:
            ratio = r.median_ms / bare_ms[r.scale] if bare_ms.get(r.scale) else float("nan")
            lines.append(
                f"| {r.label} | `{r.url}` | {r.scale}x | {r.runs} | {r.median_ms:.1f} "
                f"| {r.p95_ms:.1f} | {ratio:.1f} | {r.queries} | {r.kilobytes:.0f} |"
            )
    return lines


def growing_query_counts(results: list[Result]) -> list[str]:
    """Pages whose query count differs between scales (it should not)."""
    counts: dict[str, set[int]] = {}
    for r in results:
        if not r.skipped:
            counts.setdefault(r.label, set()).add(r.queries)
    return [f"{label}: {sorted(values)}" for label, values in counts.items() if len(values) > 1]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, nargs="+", default=[1, 50], help="e.g. 1 10 50")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=2, help="untimed requests first")
    parser.add_argument(
        "--cache",
        choices=["off", "on", "both"],
        default="both",
        help="measure pages rendered (off), from the public page cache (on), or both",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=90.0,
        help=f"seconds per page and scale; after it, stop timing (at least {MIN_RUNS} runs)",
    )
    options = parser.parse_args(argv)
    scales = sorted(set(options.scale))
    if scales[0] < 1 or options.repeat < 1 or options.warmup < 1:
        parser.error("scales, --repeat and --warmup must be at least 1")

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gr_portal.settings_test")
    import django

    django.setup()
    from django.conf import settings
    from django.test import override_settings
    from django.test.utils import setup_databases, teardown_databases

    from bench.synthetic import build
    from gr_portal.dataset import load_dataset

    # Not setup_test_environment(): its instrumented template rendering would be timed too.
    overrides = override_settings(
        DEBUG=False, ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]
    )
    overrides.enable()
    print("Creating the test database...", file=sys.stderr, flush=True)
    old_config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    try:
        load_at_start = os.getloadavg()
        results, volumes = [], {}
        loaded = 0
        for scale in scales:
            started = time.perf_counter()
            if loaded == 0:
                load_dataset()
                loaded = 1
            if scale > loaded:
                build(scale - loaded, seed=SEED + loaded - 1)
                loaded = scale
            volumes[scale] = volume()
            print(
                f"Scale {scale}x loaded in {time.perf_counter() - started:.1f} s: {volumes[scale]}",
                file=sys.stderr,
                flush=True,
            )
            results += measure_scale(
                scale,
                repeat=options.repeat,
                warmup=options.warmup,
                budget=options.budget,
                cache=options.cache,
            )
        print("\n".join(machine(load_at_start)))
        print()
        for scale, counts in volumes.items():
            print(f"{scale}x: " + ", ".join(f"{n} {name}" for name, n in counts.items()))
        print()
        print("\n".join(table(results)))
        print()
        growing = growing_query_counts(results)
        print("Query counts that differ between scales: " + ("; ".join(growing) or "none"))
        if growing:
            print(
                "(Django skips a prefetch whose parent rows are empty; the real 1x data has no "
                "meetings or votes yet, so a page may need a query or three more once it has.)"
            )
    finally:
        teardown_databases(old_config, verbosity=0)
        overrides.disable()
    return 0


if __name__ == "__main__":
    sys.exit(main())
