"""Loading the real Drechtsteden 2022 dataset (gr_portal/data/drechtsteden-2022.json).

It fills every app (municipalities, decisions, milestones), so it sits with the project, above
them.

Loading is idempotent: a row is written only when it is new or its values differ from the file,
so a second load changes nothing, not even the history.
"""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from councils.models import (
    Body,
    CouncilTerm,
    ExecutiveMember,
    Fractie,
    FractieMembership,
    Member,
    Municipality,
    Regeling,
)
from decisions.models import Decision, DecisionVersion, Process, Treatment
from gr_portal.core.choices import Reliability
from gr_portal.core.history import with_history
from gr_portal.core.models import bump
from milestones.models import Milestone

DATASET_PATH = Path(__file__).resolve().parent / "data" / "drechtsteden-2022.json"
# The people of the councils and colleges, each name with the public source that names them.
PEOPLE_PATH = Path(__file__).resolve().parent / "data" / "drechtsteden-people-2022.json"
CHANGE_REASON = "Drechtsteden-dataset geladen"


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, model: type[models.Model], created: bool) -> None:
        bucket = self.created if created else self.updated
        name = model._meta.verbose_name_plural
        bucket[str(name)] = bucket.get(str(name), 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _upsert(report: LoadReport, model, lookup: dict, values: dict):
    """Create, or update only the fields that differ; validated, with a change reason."""
    obj = model.objects.filter(**lookup).first()
    created = obj is None
    if created:
        obj = model(**lookup)
        changed = list(values)
    else:
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if not created and not changed:
        return obj
    for name in changed:
        setattr(obj, name, values[name])
    # Field and model validation in Python; uniqueness, foreign keys and CHECK constraints are
    # left to the database (one failure rolls back the whole load), which saves a query per rule.
    relations = [f.name for f in model._meta.fields if f.is_relation]
    obj.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
    with_history(obj, reason=CHANGE_REASON).save()
    report.count(model, created)
    return obj


def _set_m2m(manager, objects) -> None:
    """Set a many-to-many relation only when it differs (so history stays quiet on a reload)."""
    wanted = {obj.pk for obj in objects}
    if set(manager.values_list("pk", flat=True)) != wanted:
        manager.set(objects)


def load_dataset(path: Path = DATASET_PATH, people: Path | None = PEOPLE_PATH) -> LoadReport:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    people_data = json.loads(Path(people).read_text(encoding="utf-8")) if people else {}
    report = LoadReport()
    with transaction.atomic():
        municipalities = _load_municipalities(report, data["municipalities"])
        _load_people(report, municipalities, people_data.get("municipalities", []))
        regelingen = _load_regelingen(report, data["regelingen"], municipalities)
        bodies = _load_bodies(report, municipalities, regelingen)
        process = _load_process(report, data["process"], regelingen)
        decisions = _load_decisions(report, data["decisions"], process, regelingen, bodies)
        _load_milestones(report, data["milestones"], process, decisions, bodies)
        bump()  # some rows are written in bulk, which sends no signals
    return report


def _load_municipalities(report, rows) -> dict[str, Municipality]:
    municipalities = {}
    for row in rows:
        municipality = _upsert(
            report,
            Municipality,
            {"cbs_code": row["cbs_code"]},
            {
                "name": row["name"],
                "slug": row["slug"],
                "area_type": row["area_type"],
                "population": row["population"],
                "population_date": _date(row["population_date"]),
                "population_reliability": row["population_reliability"],
                "population_source": row["population_source"],
            },
        )
        _load_term(report, municipality, row["term"])
        municipalities[municipality.slug] = municipality
    return municipalities


def _load_term(report, municipality, row) -> None:
    try:
        CouncilTerm(size=row["size"]).validate_composition(
            (f["seats"] for f in row["fracties"]), vacant_seats=row.get("vacant_seats", 0)
        )
    except ValidationError as error:
        raise ValidationError([f"{municipality}: {m}" for m in error.messages]) from error
    term = _upsert(
        report,
        CouncilTerm,
        {"municipality": municipality, "starts_on": _date(row["starts_on"])},
        {
            "ends_on": _date(row["ends_on"]),
            "size": row["size"],
            "vacant_seats": row.get("vacant_seats", 0),
            "composition_reliability": row["composition_reliability"],
            "composition_source": row["composition_source"],
        },
    )
    for fractie in row["fracties"]:
        _upsert(
            report, Fractie, {"term": term, "name": fractie["name"]}, {"seats": fractie["seats"]}
        )


def _load_regelingen(report, rows, municipalities) -> dict[str, Regeling]:
    regelingen = {}
    for row in rows:
        regeling = _upsert(
            report,
            Regeling,
            {"slug": row["slug"]},
            {
                "name": row["name"],
                "short_name": row["short_name"],
                "kind": row["kind"],
                "executing_body": row["executing_body"],
                "amendment_rule": row["amendment_rule"],
                "signed_on": _date(row["signed_on"]),
                "in_force_since": _date(row["in_force_since"]),
                "sources": row["sources"],
            },
        )
        _set_m2m(regeling.participants, list(municipalities.values()))
        regelingen[regeling.slug] = regeling
    return regelingen


def _load_bodies(report, municipalities, regelingen) -> dict[tuple[str, str], Body]:
    bodies: dict[tuple[str, str], Body] = {}
    for slug, municipality in municipalities.items():
        for kind in Body.MUNICIPAL_KINDS:
            bodies[(slug, kind)] = _upsert(
                report, Body, {"municipality": municipality, "kind": kind}, {}
            )
    for slug, regeling in regelingen.items():
        for kind in Body.REGELING_KINDS:
            bodies[(slug, kind)] = _upsert(report, Body, {"regeling": regeling, "kind": kind}, {})
    return bodies


def _load_process(report, row, regelingen) -> Process:
    process = _upsert(
        report,
        Process,
        {"slug": row["slug"]},
        {
            "title": row["title"],
            "summary": row["summary"],
            "kind": row.get("kind", "other"),
            "published": row["published"],
        },
    )
    _set_m2m(process.regelingen, [regelingen[slug] for slug in row["regelingen"]])
    return process


def _load_decisions(report, rows, process, regelingen, bodies) -> dict[str, Decision]:
    decisions = {}
    municipal = [key for key in bodies if key[1] in Body.MUNICIPAL_KINDS]
    for row in rows:
        decision = _upsert(
            report,
            Decision,
            {"slug": row["slug"]},
            {
                "process": process,
                "regeling": regelingen[row["regeling"]],
                "kind": row["kind"],
                "title": row["title"],
                "summary": row["summary"],
                "sequence": row["sequence"],
                "introduced_on": _date(row["introduced_on"]),
                "published": row["published"],
                "source": row["source"],
            },
        )
        version = row["version"]
        _upsert(
            report,
            DecisionVersion,
            {"decision": decision, "number": 1},
            {
                "label": version["label"],
                "text": version["text"],
                "created_on": _date(version["created_on"]),
            },
        )
        for key in municipal:
            plan = row["council" if key[1] == Body.Kind.COUNCIL else "executive"]
            # Only the plan is loaded; what clerks record later (meeting, outcome) is left alone.
            _upsert(
                report,
                Treatment,
                {"decision": decision, "body": bodies[key], "round": 1},
                {
                    "purpose": plan["purpose"],
                    "planned_on": _date(plan["planned_on"]),
                    "planned_precision": plan["precision"],
                },
            )
        decisions[decision.slug] = decision
    return decisions


def _load_milestones(report, rows, process, decisions, bodies) -> None:
    for row in rows:
        milestone = _upsert(
            report,
            Milestone,
            {"process": process, "title": row["title"]},
            {
                "description": row["description"],
                "planned_start": _date(row["planned_start"]),
                "planned_end": _date(row.get("planned_end")),
                "precision": row["precision"],
                "actual_start": _date(row.get("actual_start")),
                "actual_end": _date(row.get("actual_end")),
                "source": row["source"],
            },
        )
        _set_m2m(
            milestone.bodies,
            [body for (owner, kind), body in bodies.items() if kind in row["bodies"]],
        )
        _set_m2m(milestone.decisions, [decisions[slug] for slug in row["decisions"]])


# --- the people: raadsleden per fractie, college members -----------------------------------


def _people_source(row: dict) -> str:
    date = f" ({row['source_date']})" if row.get("source_date") else ""
    return f"{row['source']}{date}"


def _load_people(report, municipalities: dict[str, Municipality], rows) -> None:
    """Every seat of every council term as a member, named where a public source names the
    member (the people file), else without a name; and the college members of the file.

    A named member without a fractie in the source is not loaded (the seat stays unnamed);
    a named member who left is followed by an unnamed successor from that day.
    """
    by_code = {row["cbs_code"]: row for row in rows}
    for municipality in municipalities.values():
        row = by_code.get(municipality.cbs_code, {})
        term = municipality.terms.order_by("-starts_on").first()
        if term is not None:
            _load_members(report, term, row.get("council", []))
        for entry in row.get("college", []):
            _load_executive_member(report, municipality, entry)


_ROLES = {
    "burgemeester": ExecutiveMember.Role.MAYOR,
    "wethouder": ExecutiveMember.Role.ALDERMAN,
    "secretaris": ExecutiveMember.Role.SECRETARY,
}


def _load_executive_member(report, municipality: Municipality, entry: dict) -> None:
    reliability = Reliability.UNVERIFIED if entry.get("status") == "beoogd" else Reliability.PRESS
    source = _people_source(entry)
    if entry.get("status") == "beoogd":
        source = f"beoogd (nog niet bevestigd): {source}"
    _upsert(
        report,
        ExecutiveMember,
        {
            "municipality": municipality,
            "role": _ROLES[entry["role"]],
            "name": entry["name"],
            "starts_on": _date(entry.get("from")),
        },
        {
            "party": entry.get("fractie") or "",
            "ends_on": _date(entry.get("to")),
            "source": source,
            "reliability": reliability,
        },
    )


@dataclass
class _Seat:
    key: str
    fractie: Fractie
    starts_on: datetime.date
    ends_on: datetime.date | None = None
    name: str = ""
    source: str = ""


def _seats(term: CouncilTerm, named: list[dict]) -> list[_Seat]:
    """The term's seats: the named members first, each fractie filled up with unnamed ones."""
    fracties = {fractie.name: fractie for fractie in term.fracties.all()}
    seats: list[_Seat] = []
    taken: dict[int, int] = {}
    for entry in named:
        fractie = fracties.get(entry.get("fractie") or "")
        if fractie is None:
            continue
        starts_on = max(_date(entry.get("from")) or term.starts_on, term.starts_on)
        ends_on = _date(entry.get("to"))
        key = slugify(entry["name"])
        seats.append(_Seat(key, fractie, starts_on, ends_on, entry["name"], _people_source(entry)))
        taken[fractie.pk] = taken.get(fractie.pk, 0) + 1
        if ends_on is not None and ends_on < term.ends_on:
            seats.append(_Seat(f"{key}-opvolger", fractie, ends_on))
    for fractie in fracties.values():
        for number in range(taken.get(fractie.pk, 0) + 1, fractie.seats + 1):
            seats.append(_Seat(f"{slugify(fractie.name)}-{number}", fractie, term.starts_on))
    return seats


def _load_members(report, term: CouncilTerm, named: list[dict]) -> None:
    """The members of one term and their fractie, in a few queries: existing ones by key."""
    existing = {member.key: member for member in term.members.all()}
    memberships = {
        (m.member_id, m.fractie_id, m.starts_on): m
        for m in FractieMembership.objects.filter(member__term=term)
    }
    seats = _seats(term, named)
    new = []
    for seat in seats:
        values = {
            "name": seat.name,
            "starts_on": seat.starts_on,
            "ends_on": seat.ends_on,
            "source": seat.source,
            "reliability": Reliability.PRESS if seat.name else Reliability.UNVERIFIED,
        }
        member = existing.get(seat.key)
        if member is None:
            new.append(Member(term=term, key=seat.key, **values))
        elif any(getattr(member, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(member, name, value)
            with_history(member, reason=CHANGE_REASON).save()
            report.count(Member, created=False)
    # A first load creates a council's members at once (with their history rows).
    for member in bulk_create_with_history(new, Member, default_change_reason=CHANGE_REASON):
        existing[member.key] = member
        report.count(Member, created=True)
    new_memberships = [
        FractieMembership(
            member=existing[seat.key],
            fractie=seat.fractie,
            starts_on=seat.starts_on,
            ends_on=seat.ends_on,
        )
        for seat in seats
        if (existing[seat.key].pk, seat.fractie.pk, seat.starts_on) not in memberships
    ]
    bulk_create_with_history(
        new_memberships, FractieMembership, default_change_reason=CHANGE_REASON
    )
    for _membership in new_memberships:
        report.count(FractieMembership, created=True)
