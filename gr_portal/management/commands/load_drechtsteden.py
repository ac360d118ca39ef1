from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from gr_portal.dataset import DATASET_PATH, load_dataset


class Command(BaseCommand):
    help = "Laadt de Drechtsteden-dataset 2022 (idempotent: een tweede keer laden verandert niets)."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(DATASET_PATH), help="Pad naar het JSON-bestand.")

    def handle(self, *args, **options):
        try:
            report = load_dataset(options["file"])
        except (ValidationError, IntegrityError, KeyError, ValueError) as exc:
            raise CommandError(
                f"De dataset is niet geladen (er is niets gewijzigd): {exc}"
            ) from exc
        if not report.changed:
            self.stdout.write("Drechtsteden-dataset: alles was al actueel, niets gewijzigd.")
            return
        for label, bucket in (("nieuw", report.created), ("bijgewerkt", report.updated)):
            for name, count in sorted(bucket.items()):
                self.stdout.write(f"  {label}: {count} {name}")
        self.stdout.write(self.style.SUCCESS("Drechtsteden-dataset geladen."))
