"""Benchmark of the raadsbrief PDFs: one letter, a batch of seven, a batch of fifty.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/grp_bench .venv/bin/python bench/letters.py

Prints the median (and p95) time to render one letter, to export the seven Drechtsteden letters
as the portal does it (render, PDF/UA-1, archive with SHA-256, one transaction), and to render
fifty letters (the seven municipalities in turn), beside WeasyPrint rendering a one-line page
in the same run as the floor; and the peak memory of the batches (Python allocations traced
with tracemalloc, and the process's peak resident size). Like bench/pages.py it works in a test
database of its own, created and dropped by the script.
"""

from __future__ import annotations

import argparse
import datetime
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BODY = """Met deze brief informeren wij de raad van {{gemeente}} over de samenvoeging van de
Gemeenschappelijke regeling Drechtwerk met de Gemeenschappelijke regeling Sociaal.

## Aanleiding

Met de regionale visie[^visie] is een beleidswijziging ingezet waarin de ontwikkeling van
inwoners richting een zelfstandig en onafhankelijk bestaan voorop staat.

## Stand van zaken

{{stand_van_zaken}}

## Wat zijn de vervolgstappen

{{vervolgstappen}}

Wij hopen u hiermee voldoende te hebben geïnformeerd.
"""


def timed(function, repeat: int) -> list[float]:
    function()  # warm-up: fonts, stylesheets and templates loaded once
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


#: The reference: a two-page letter to a council in fixed HTML, with the letters' stylesheet.
REFERENCE = (
    """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">
<title>Brief aan de raad</title><link rel="stylesheet" href="{stylesheet}"></head><body>
<header><p class="sender">Gemeente Dordrecht</p></header>
<h1>Brief aan de raad</h1>
<table class="meta"><tr><th>Datum</th><td>16 februari 2022</td></tr>
<tr><th>Onderwerp</th><td>Samenvoeging GR Drechtwerk en GR Sociaal</td></tr></table>
<p>Aan de leden van de raad van Dordrecht,</p>
"""
    + "".join(
        f"<h2>Onderdeel {n}</h2><p>"
        + "Met deze brief informeren wij de raad over de stand van zaken van de samenvoeging van "
        "de gemeenschappelijke regelingen en over de vervolgstappen die de colleges en de raden "
        "in de komende maanden zetten. " * 4 + "</p>"
        for n in range(1, 6)
    )
    + """<table><thead><tr><th>Besluit</th><th>College</th><th>Raad</th></tr></thead><tbody>
<tr><td>Principebesluit</td><td>genomen</td><td>kennisgenomen</td></tr>
<tr><td>Concept GR-tekst</td><td>verzonden</td><td>zienswijze ingediend</td></tr>
<tr><td>Definitieve GR-tekst</td><td>gepland</td><td>gepland</td></tr></tbody></table>
<p>Hoogachtend,</p><p>Burgemeester en wethouders van Dordrecht</p></body></html>"""
)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=10, help="timed runs of one letter")
    parser.add_argument("--batch-repeat", type=int, default=3, help="timed runs of each batch")
    options = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gr_portal.settings_test")
    import django

    django.setup()
    import weasyprint
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases
    from django.utils import timezone

    from councils.models import Municipality
    from decisions.models import Process
    from gr_portal.dataset import load_dataset
    from milestones.letters import content, rendering, services
    from milestones.models import ArchivedLetter, Letter

    print("Creating the test database...", file=sys.stderr, flush=True)
    old_config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    try:
        load_dataset()
        user = get_user_model().objects.create_user("bench-programmabureau")
        letter = Letter(
            process=Process.objects.get(),
            subject="Samenvoeging GR Drechtwerk en GR Sociaal",
            reference="GRS/2022/0042",
            letter_date=datetime.date(2022, 2, 16),
            body=BODY,
            footnotes="[^visie]: Regionale visie sociaal domein Drechtsteden",
            attachments="Regionale visie sociaal domein\nPlanning 2022",
        )
        letter.full_clean()
        letter.save()
        municipalities = list(Municipality.objects.order_by("name"))
        dordrecht = next(m for m in municipalities if m.slug == "dordrecht")
        data = content.load_status_data(letter)

        floor = timed(
            lambda: weasyprint.HTML(
                string="<html lang='nl'><body><p>Aan de leden van de raad.</p></body></html>"
            ).write_pdf(pdf_variant=rendering.PDF_VARIANT),
            options.repeat,
        )
        stylesheet = rendering._stylesheet_path()
        reference_html = REFERENCE.format(stylesheet=stylesheet.as_uri())

        def reference_letter():
            # Plain WeasyPrint, as anyone would write it: the same stylesheet and fonts, a
            # two-page letter of fixed HTML, nothing of the portal.
            return weasyprint.HTML(
                string=reference_html, base_url=stylesheet.parent.as_uri() + "/"
            ).write_pdf(pdf_variant=rendering.PDF_VARIANT)

        pages = len(
            weasyprint.HTML(string=reference_html, base_url=stylesheet.parent.as_uri() + "/")
            .render()
            .pages
        )
        reference = timed(reference_letter, options.repeat)

        def reference_shared():
            # The same letter with the stylesheet and fonts parsed once, as the portal does.
            css, font_config = rendering._shared_layout()
            return (
                weasyprint.HTML(string=reference_html, base_url=stylesheet.parent.as_uri() + "/")
                .render(stylesheets=[css], font_config=font_config)
                .write_pdf(pdf_variant=rendering.PDF_VARIANT)
            )

        reference_shared_ms = timed(reference_shared, options.repeat)
        one = timed(lambda: rendering.render_letter_pdf(letter, dordrecht, data), options.repeat)

        def export_seven():
            services.letters_export(letter=letter, municipalities=municipalities, user=user)

        def render_fifty():
            for index in range(50):
                municipality = municipalities[index % len(municipalities)]
                rendering.render_letter_pdf(letter, municipality, data)

        seven = timed(export_seven, options.batch_repeat)
        fifty = timed(render_fifty, options.batch_repeat)

        tracemalloc.start()
        export_seven()
        seven_peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.reset_peak()
        render_fifty()
        fifty_peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        archived = ArchivedLetter.objects.count()

        print(f"date: {timezone.localdate().isoformat()}")
        print(
            f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
            f"Django {django.get_version()}, WeasyPrint {weasyprint.__version__}, "
            f"database {connection.vendor}"
        )
        print(f"load average at end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print()
        print("| what | runs | median ms | p95 ms |")
        print("|---|---:|---:|---:|")
        for label, values in (
            ("WeasyPrint, one-line page (floor)", floor),
            (f"reference letter, plain WeasyPrint ({pages} pages)", reference),
            ("reference letter, stylesheet and fonts parsed once", reference_shared_ms),
            ("one letter (Dordrecht, 2 pages)", one),
            ("batch of 7: export and archive", seven),
            ("batch of 50: render", fifty),
        ):
            print(
                f"| {label} | {len(values)} | {statistics.median(values):,.0f} | "
                f"{p95(values):,.0f} |"
            )
        print()
        median = statistics.median
        print(
            f"one letter / reference letter: {median(one) / median(reference):.2f}x "
            f"(target at most 1.5x); against the reference with its stylesheet and fonts "
            f"parsed once: {median(one) / median(reference_shared_ms):.2f}x; batch of 7 / one "
            f"letter: "
            f"{median(seven) / median(one):.2f}x (target at most 4x)"
        )
        print(
            f"peak Python allocations: batch of 7 {seven_peak:.1f} MiB, "
            f"batch of 50 {fifty_peak:.1f} MiB (tracemalloc)"
        )
        print(f"peak resident size of the process: {peak_rss_mb():.0f} MiB")
        print(f"archived letters written: {archived}")
    finally:
        teardown_databases(old_config, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
