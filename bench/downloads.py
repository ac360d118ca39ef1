"""Peak memory of the votes and matrix downloads, streamed (as served) beside built whole in memory.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/grp_bench \\
        .venv/bin/python bench/downloads.py --scale 1 10 50

Scale 1 is the real Drechtsteden data with every council's vote recorded; scale N adds
bench.synthetic.build(N - 1). For each scale and download: the bytes sent, the peak of Python's
traced memory (tracemalloc) while the streamed response is read and thrown away part by part,
and the peak while the same document is built whole, as the downloads were before streaming.
The database in DATABASE_URL is left alone: a test database is created beside it and dropped.
"""

import argparse
import os
import sys
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 2022


def _peak(work) -> tuple[int, int]:
    """(result of work(), peak traced bytes while it ran)."""
    tracemalloc.start()
    try:
        result = work()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def measure() -> list[tuple[str, int, int, int]]:
    import csv
    import io
    import json

    from django.test import Client
    from django.urls import reverse

    from decisions.opendata import fields, matrix, popolo, selectors

    client = Client()

    def streamed(name):
        def read():
            sent = 0
            for part in client.get(reverse(name)).streaming_content:
                sent += len(part)
            return sent

        return read

    def whole_json():
        votes = selectors.published_votes()
        events = popolo.vote_events(votes, lambda path: f"http://testserver{path}")
        text = json.dumps(popolo.votes_document(events), **fields.JSON_OPTIONS)
        return len(text.encode())

    def whole_csv():
        votes = selectors.published_votes()
        rows = popolo.vote_rows(votes, lambda path: f"http://testserver{path}")
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=[f.name for f in fields.VOTE_FIELDS])
        writer.writeheader()
        writer.writerows(rows)
        return len(buffer.getvalue().encode())

    def whole_matrix_json():
        rows = matrix.matrix_rows(
            selectors.published_statuses(), lambda path: f"http://testserver{path}"
        )
        return len(json.dumps(matrix.matrix_document(rows), **fields.JSON_OPTIONS).encode())

    results = []
    for label, name, whole in (
        ("stand.json", "opendata:matrix_json", whole_matrix_json),
        ("stemmingen.csv", "opendata:votes_csv", whole_csv),
        ("stemmingen.json", "opendata:votes_json", whole_json),
    ):
        sent, streamed_peak = _peak(streamed(name))
        _size, whole_peak = _peak(whole)
        results.append((label, sent, streamed_peak, whole_peak))
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, nargs="+", default=[1, 10, 50])
    options = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gr_portal.settings_test")
    import django

    django.setup()
    from django.conf import settings
    from django.test import override_settings
    from django.test.utils import setup_databases, teardown_databases

    from bench.synthetic import build
    from decisions.models import Decision, Treatment, Vote
    from gr_portal.dataset import load_dataset
    from tests.recording import record_vote

    # The page cache off: this measures the streaming itself (a kept download is one more copy,
    # up to gr_portal.caching.MAX_BYTES, held while it is sent the first time).
    override_settings(
        DEBUG=False,
        ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
        PUBLIC_PAGE_CACHE=False,
    ).enable()
    old_config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    try:
        load_dataset()
        councils = Treatment.objects.filter(
            decision__slug="concept-gr-tekst-2022", body__kind="council"
        ).select_related("body__municipality", "decision")
        for day, treatment in enumerate(councils, start=4):
            record_vote(treatment, day=day, vote_subjects=True)
        loaded = 1
        print(
            "| scale | decisions | votes | download | MB sent | peak MB streamed | peak MB whole |"
        )
        print("|---|---:|---:|---|---:|---:|---:|")
        for scale in sorted(set(options.scale)):
            if scale > loaded:
                build(scale - loaded, seed=SEED + loaded - 1)
                loaded = scale
            decisions, votes = Decision.objects.count(), Vote.objects.count()
            for label, sent, streamed_peak, whole_peak in measure():
                print(
                    f"| {scale}x | {decisions} | {votes} | {label} | {sent / 1e6:.2f} "
                    f"| {streamed_peak / 1e6:.1f} | {whole_peak / 1e6:.1f} |",
                    flush=True,
                )
    finally:
        teardown_databases(old_config, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
