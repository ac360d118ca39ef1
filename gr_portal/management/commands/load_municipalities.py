"""The register of Dutch municipalities (gr_portal/data/gemeenten.json): every municipality by its
CBS code, with the ones merged away since 2018 kept under their own code, an end date and the
municipality they went into.

Loading is idempotent: a row is written only when it is new or its name, end or successor differ
from the file, so a second load changes nothing, not even the history. The register knows names
and codes only: it never touches the population, area type or sources that the Drechtsteden
dataset (or an editor) recorded.
"""

import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from councils.models import Municipality
from gr_portal.core.history import with_history

REGISTER_PATH = Path(__file__).resolve().parents[2] / "data" / "gemeenten.json"
CBS_CODE = re.compile(r"^GM[0-9]{4}$")
REQUIRED_ABOUT = ("source", "source_url", "reference_date", "official_count")


@dataclass
class RegisterReport:
    source: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _about_problems(about: Any) -> list[str]:
    if not isinstance(about, dict):
        return ["het bestand mist het blok 'about' met bron en peildatum"]
    problems = [f"'about' mist '{key}'" for key in REQUIRED_ABOUT if not about.get(key)]
    try:
        _date(about.get("reference_date"))
    except ValueError:
        problems.append(f"'about': peildatum {about['reference_date']!r} is geen datum")
    return problems


def _row_problems(row: dict, codes: dict[str, dict]) -> list[str]:
    code = row.get("cbs_code", "")
    problems = []
    if not CBS_CODE.match(code):
        problems.append(f"{code!r}: een CBS-code is GM en vier cijfers")
    if not row.get("name"):
        problems.append(f"{code}: zonder naam")
    try:
        ended_on = _date(row.get("ended_on"))
    except ValueError:
        return [*problems, f"{code}: opgeheven op {row['ended_on']!r} is geen datum"]
    heirs = [row["successor"]] if row.get("successor") else list(row.get("split_into", []))
    if row.get("successor") and row.get("split_into"):
        problems.append(f"{code}: een opvolger of een verdeling, niet allebei")
    if heirs and ended_on is None:
        problems.append(f"{code}: een opvolger zonder datum van opheffing")
    for heir in heirs:
        if heir not in codes or heir == code:
            problems.append(
                f"{code}: opvolger {heir} staat niet (als andere gemeente) in het bestand"
            )
            continue
        heir_end = _date(codes[heir].get("ended_on"))
        if ended_on and heir_end and heir_end <= ended_on:
            problems.append(f"{code}: opvolger {heir} bestond niet meer op {ended_on}")
    return problems


def _count_problems(about: dict, rows: list[dict]) -> list[str]:
    on = datetime.date.fromisoformat(about["reference_date"])
    current = [
        row
        for row in rows
        if not row.get("ended_on") or datetime.date.fromisoformat(row["ended_on"]) > on
    ]
    if len(current) == about["official_count"]:
        return []
    return [
        f"op {on} bestonden {about['official_count']} gemeenten; het bestand telt er {len(current)}"
    ]


def register_problems(data: Any) -> list[str]:
    """What is wrong with a register file: its metadata, codes, names, successors and the
    number of municipalities on its reference date. Empty when it can be loaded."""
    if not isinstance(data, dict) or not isinstance(data.get("municipalities"), list):
        return ["het bestand mist de lijst 'municipalities'"]
    about, rows = data.get("about"), data["municipalities"]
    problems = _about_problems(about)
    codes: dict[str, dict] = {}
    names: set[str] = set()
    for row in rows:
        if row.get("cbs_code") in codes:
            problems.append(f"{row['cbs_code']}: staat twee keer in het bestand")
        if row.get("name") in names:
            problems.append(f"{row['name']}: de naam staat twee keer in het bestand")
        codes[row.get("cbs_code", "")] = row
        names.add(row.get("name", ""))
    for row in rows:
        problems += _row_problems(row, codes)
    if not problems:
        problems += _count_problems(data["about"], rows)
    return problems


def _slug(name: str, code: str, taken: set[str]) -> str:
    slug = slugify(name)
    if slug in taken:
        slug = f"{slug}-{code[2:]}"
    taken.add(slug)
    return slug


def _apply(
    row: dict, existing: dict[str, Municipality], slugs: set[str]
) -> tuple[Municipality, list[str]]:
    """The municipality of `row`, new or with the register's values set, and what changed."""
    code = row["cbs_code"]
    values: dict[str, Any] = {
        "name": row["name"],
        "ended_on": _date(row.get("ended_on")),
        "successor": existing[row["successor"]] if row.get("successor") else None,
    }
    municipality = existing.get(code)
    if municipality is None:
        return Municipality(cbs_code=code, slug=_slug(row["name"], code, slugs), **values), ["*"]
    current = {
        "name": municipality.name,
        "ended_on": municipality.ended_on,
        "successor": municipality.successor_id,
    }
    wanted = {**values, "successor": values["successor"].pk if values["successor"] else None}
    changed = [name for name in values if current[name] != wanted[name]]
    for name in changed:
        setattr(municipality, name, values[name])
    return municipality, changed


@transaction.atomic
def load_register(path: Path = REGISTER_PATH) -> RegisterReport:
    """Create or update every municipality of the register file, in one transaction."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    problems = register_problems(data)
    if problems:
        raise ValueError("; ".join(problems))
    source = data["about"]["source"]
    report = RegisterReport(source=source)
    reason = f"Gemeenteregister geladen ({source})"
    existing = {m.cbs_code: m for m in Municipality.objects.all()}
    slugs = {m.slug for m in existing.values()}
    # A successor always outlives its predecessors (register_problems checks it): saving the
    # current municipalities first, then the ended ones latest end first, saves every
    # successor before the rows that point to it.
    rows = sorted(data["municipalities"], key=lambda row: row.get("ended_on") or "9999-12-31")
    for row in reversed(rows):
        municipality, changed = _apply(row, existing, slugs)
        if not changed:
            report.unchanged.append(municipality.name)
            continue
        # Uniqueness and the CHECK constraints are left to the database: one failure rolls
        # the whole register back.
        municipality.full_clean(
            exclude=["successor"], validate_unique=False, validate_constraints=False
        )
        created = municipality.pk is None
        with_history(municipality, reason=reason).save()
        (report.created if created else report.updated).append(municipality.name)
        existing[row["cbs_code"]] = municipality
    return report


class Command(BaseCommand):
    help = (
        "Laadt het register van Nederlandse gemeenten (CBS-code, naam, opheffing en opvolger; "
        "idempotent: een tweede keer laden verandert niets)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(REGISTER_PATH), help="Pad naar het JSON-bestand.")

    def handle(self, *args, **options):
        try:
            report = load_register(Path(options["file"]))
        except (ValidationError, IntegrityError, KeyError, ValueError, OSError) as exc:
            raise CommandError(
                f"Het gemeenteregister is niet geladen (er is niets gewijzigd): {exc}"
            ) from exc
        for name in report.updated:
            self.stdout.write(f"  bijgewerkt: {name}")
        summary = (
            f"Gemeenteregister ({report.source}): {len(report.created)} aangemaakt, "
            f"{len(report.updated)} bijgewerkt, {len(report.unchanged)} ongewijzigd."
        )
        self.stdout.write(self.style.SUCCESS(summary) if report.changed else summary)
