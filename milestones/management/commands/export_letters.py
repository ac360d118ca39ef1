"""Export a raadsbrief for every participating municipality: archived, and written to a folder."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from councils.access import is_program_office
from milestones.letters import content, packaging, rendering, services
from milestones.models import Letter


class Command(BaseCommand):
    help = (
        "Maakt de raadsbrief voor alle deelnemende gemeenten (of de genoemde), archiveert elke pdf "
        "en schrijft ze naar een map; alles of niets."
    )

    def add_arguments(self, parser):
        parser.add_argument("letter", type=int, help="Nummer (id) van de brief.")
        parser.add_argument(
            "--user", required=True, help="Gebruikersnaam van de exporteur (programmabureau)."
        )
        parser.add_argument("--out", type=Path, required=True, help="Map voor de pdf's.")
        parser.add_argument(
            "--municipality",
            action="append",
            default=[],
            metavar="SLUG",
            help="Alleen deze gemeente (mag vaker); standaard alle deelnemers.",
        )
        parser.add_argument("--zip", action="store_true", help="Schrijf ook één ZIP-bestand.")
        parser.add_argument(
            "--combined", action="store_true", help="Schrijf ook één pdf met alle brieven."
        )

    def handle(self, *args, **options):
        letter = Letter.objects.select_related("process").filter(pk=options["letter"]).first()
        if letter is None:
            raise CommandError(f"Brief {options['letter']} bestaat niet.")
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None or not is_program_office(user):
            raise CommandError(f"{options['user']} is geen gebruiker van het programmabureau.")
        municipalities = content.participants(letter)
        if options["municipality"]:
            wanted = set(options["municipality"])
            unknown = wanted - {m.slug for m in municipalities}
            if unknown:
                raise CommandError(f"Geen deelnemer: {', '.join(sorted(unknown))}.")
            municipalities = [m for m in municipalities if m.slug in wanted]

        try:
            results = services.letters_export(
                letter=letter, municipalities=municipalities, user=user, progress=self._progress
            )
        except services.LetterExportError as error:
            self.stdout.write("")
            raise CommandError(f"{error} Er is niets gearchiveerd.") from error

        out: Path = options["out"]
        out.mkdir(parents=True, exist_ok=True)
        for archived, _document in results:
            (out / archived.filename).write_bytes(bytes(archived.pdf))
        stem = f"{letter.letter_date:%Y-%m-%d}-raadsbrieven"
        if options["zip"]:
            (out / f"{stem}.zip").write_bytes(packaging.zip_archive([a for a, _d in results]))
        if options["combined"]:
            pdf = rendering.combine_pdf([document for _a, document in results])
            (out / f"{stem}-alle-gemeenten.pdf").write_bytes(pdf)
        self.stdout.write(
            self.style.SUCCESS(f"{len(results)} brieven gearchiveerd en geschreven naar {out}.")
        )

    def _progress(self, done: int, total: int, municipality) -> None:
        width = 28
        filled = round(width * done / total)
        bar = "#" * filled + "-" * (width - filled)
        ending = "\n" if done == total else ""
        self.stdout.write(f"\r[{bar}] {done}/{total} {municipality.name:<24}", ending=ending)
        self.stdout.flush()
