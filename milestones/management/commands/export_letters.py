"""Export a raadsbrief for every participating municipality: archived, and written to a folder."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from councils.access import is_program_office, may_maintain
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
        if not may_maintain(user, letter.process.regeling_ids()):
            raise CommandError(
                f"{options['user']} is niet het programmabureau van de regelingen van dit traject."
            )
        municipalities = content.participants(letter)
        if options["municipality"]:
            wanted = set(options["municipality"])
            unknown = wanted - {m.slug for m in municipalities}
            if unknown:
                raise CommandError(f"Geen deelnemer: {', '.join(sorted(unknown))}.")
            municipalities = [m for m in municipalities if m.slug in wanted]

        # One line, redrawn after each letter: how many are done and which was the last.
        with tqdm(
            total=len(municipalities),
            desc="Raadsbrieven",
            unit="brief",
            file=_Unterminated(self.stdout),
            mininterval=0,
        ) as bar:

            def progress(done: int, total: int, municipality) -> None:
                bar.set_postfix_str(municipality.name, refresh=False)
                bar.update(done - bar.n)

            try:
                results = services.letters_export(
                    letter=letter, municipalities=municipalities, user=user, progress=progress
                )
            except services.LetterExportError as error:
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


class _Unterminated:
    """The command's stdout as tqdm writes to it: each write as given, without the newline that
    Django's OutputWrapper adds (tqdm redraws its line with carriage returns)."""

    def __init__(self, stdout):
        self.stdout = stdout

    def write(self, text: str) -> None:
        self.stdout.write(text, ending="")

    def flush(self) -> None:
        self.stdout.flush()
