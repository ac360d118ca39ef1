"""Store a process planned from a template (milestones.planning.blueprints), and publish it.

Everything a plan makes is stored in one transaction, with its history attributed to the
program office and the template: the process and its decisions unpublished, every planned
treatment, the milestones. A toetreding's newcomer gets its council and college when it has
none yet. Publishing shows the process and its decisions to everyone, also in one transaction.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext
from simple_history.utils import bulk_create_with_history

from councils.models import Body, Regeling
from decisions.models import Decision, Process, Treatment
from gr_portal.core.history import with_history
from gr_portal.core.models import bump
from milestones.models import Milestone
from milestones.planning.blueprints import ProcessPlan


def unique_slug(model, text: str, max_length: int = 100) -> str:
    """A slug for `text` not yet used by `model` ("wijziging-gr-sociaal-2" when taken)."""
    base = slugify(text)[: max_length - 4].strip("-") or "traject"
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def create_planned_process(plan: ProcessPlan, regeling: Regeling, *, user) -> Process:
    """Store `plan` for `regeling`, unpublished, and return the process."""
    reason = gettext("Aangemaakt vanuit het sjabloon ‘%(kind)s’") % {
        "kind": Process(kind=plan.kind).get_kind_display()
    }
    process = Process(
        title=plan.title,
        slug=unique_slug(Process, plan.title),
        summary=plan.summary,
        kind=plan.kind,
        published=False,
    )
    with_history(process, user=user, reason=reason).save()
    process.regelingen.set([regeling])
    bodies = _bodies(plan, regeling, user=user, reason=reason)
    decisions: dict[int, Decision] = {}
    treatments: list[Treatment] = []
    for planned in plan.decisions:
        decision = Decision(
            process=process,
            regeling=regeling,
            kind=planned.kind,
            title=planned.title[:200],
            slug=unique_slug(Decision, f"{planned.title}"),
            sequence=planned.sequence,
            introduced_on=planned.introduced_on,
            published=False,
        )
        with_history(decision, user=user, reason=reason).save()
        decisions[planned.sequence] = decision
        for step in planned.steps:
            owner = ("regeling", regeling.pk) if step.municipality is None else step.municipality
            treatments.append(
                Treatment(
                    decision=decision,
                    body=bodies[(owner, step.body_kind)],
                    purpose=step.purpose,
                    planned_on=step.planned_on,
                    planned_precision=step.precision,
                    received_on=step.received_on,
                )
            )
    bulk_create_with_history(treatments, Treatment, default_user=user, default_change_reason=reason)
    bump()  # bulk writes send no signals
    for planned_milestone in plan.milestones:
        milestone = Milestone(
            process=process,
            title=planned_milestone.title,
            description=planned_milestone.description,
            planned_start=planned_milestone.planned_start,
            planned_end=planned_milestone.planned_end,
            precision=planned_milestone.precision,
            source=gettext("sjabloon"),
        )
        with_history(milestone, user=user, reason=reason).save()
        milestone.decisions.set([decisions[sequence] for sequence in planned_milestone.decisions])
    return process


def _bodies(plan: ProcessPlan, regeling: Regeling, *, user, reason: str) -> dict:
    """The bodies the plan's steps need, by (owner, kind): a municipality's id or
    ("regeling", id). A newcomer without a council or college gets them."""
    wanted = {
        (step.municipality, step.body_kind) for planned in plan.decisions for step in planned.steps
    }
    municipal = {owner for owner, _kind in wanted if owner is not None}
    found: dict = {}
    for body in Body.objects.filter(municipality__in=municipal):
        found[(body.municipality_id, body.kind)] = body
    for body in Body.objects.filter(regeling=regeling):
        found[(("regeling", regeling.pk), body.kind)] = body
    for owner, kind in sorted(wanted, key=str):
        key = (("regeling", regeling.pk) if owner is None else owner, kind)
        if key in found:
            continue
        if owner is None:
            body = Body(regeling=regeling, kind=kind)
        else:
            body = Body(municipality_id=owner, kind=kind)
        with_history(body, user=user, reason=reason).save()
        found[key] = body
    return found


@transaction.atomic
def publish_process(process: Process, *, user) -> int:
    """Publish the process and its decisions; returns the number of decisions published."""
    reason = gettext("Gepubliceerd na controle van het plan")
    process = Process.objects.select_for_update().get(pk=process.pk)
    if not process.published:
        process.published = True
        with_history(process, user=user, reason=reason).save()
    decisions = list(process.decisions.filter(published=False))
    for decision in decisions:
        decision.published = True
        with_history(decision, user=user, reason=reason).save()
    return len(decisions)


class NotDiscardable(Exception):
    """The process cannot be discarded; the message says why."""


@transaction.atomic
def discard_process(process: Process, *, user) -> None:
    """Delete a draft process that nothing was recorded on yet, with everything the template
    made. A published process, or one with a recorded step, a zienswijze or a letter, stays."""
    process = Process.objects.select_for_update().get(pk=process.pk)
    if process.published:
        raise NotDiscardable(gettext("Een gepubliceerd traject kan niet worden verwijderd."))
    treatments = Treatment.objects.filter(decision__process=process)
    if (
        treatments.decided().exists()
        or process.letters.exists()
        or Decision.objects.filter(process=process, opinions__isnull=False).exists()
    ):
        raise NotDiscardable(
            gettext(
                "Op dit traject is al iets vastgelegd (een besluit, zienswijze of brief); het "
                "kan niet meer worden verwijderd."
            )
        )
    reason = gettext("Concepttraject verwijderd")
    for milestone in process.milestones.all():
        with_history(milestone, user=user, reason=reason).delete()
    for treatment in treatments:
        with_history(treatment, user=user, reason=reason).delete()
    for decision in process.decisions.all():
        with_history(decision, user=user, reason=reason).delete()
    with_history(process, user=user, reason=reason).delete()
