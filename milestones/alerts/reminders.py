"""Reminders for griffies and the programmabureau (issue 14 item 3): the open steps of their
own municipalities or regelingen whose legal term (the zienswijze's eight weeks, Wgr art. 1
lid 3) or planned date falls within ALERTS_REMINDER_DAYS or has passed — the same steps their
workspace shows at the top. Sent weekly by `manage.py send_reminders`, one message a person."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop, ngettext

from councils.access import clerk_municipalities, is_program_office, office_regeling_ids
from decisions.models import Treatment
from decisions.selectors import clerk_workspace
from gr_portal.core.periods import format_planned, period_end
from milestones.alerts.mail import absolute

DEADLINE = "deadline"
PLANNED = "planned"


@dataclass(frozen=True)
class Reminder:
    treatment: Treatment
    kind: str  # DEADLINE: a legal term; PLANNED: a planned date
    day: datetime.date
    passed: bool

    @property
    def words(self) -> str:
        params = {
            "body": str(self.treatment.body),
            "decision": self.treatment.decision.title,
            "day": format_planned(self.day, "day"),
        }
        if self.kind == DEADLINE:
            text = PASSED_TERM if self.passed else TERM
        else:
            params["planned"] = format_planned(
                self.treatment.planned_on, self.treatment.planned_precision
            )
            text = LATE if self.passed else PLANNED_FOR
        return gettext(text) % params


TERM = gettext_noop("%(body)s – %(decision)s: de zienswijzetermijn eindigt op %(day)s")
PASSED_TERM = gettext_noop("%(body)s – %(decision)s: de zienswijzetermijn is op %(day)s verstreken")
PLANNED_FOR = gettext_noop("%(body)s – %(decision)s: gepland voor %(planned)s")
LATE = gettext_noop("%(body)s – %(decision)s: gepland voor %(planned)s, nog niet vastgelegd")


def due(treatments, today: datetime.date) -> list[Reminder]:
    """The open steps among `treatments` with a legal term or planned date within the horizon
    or past, the nearest first; a legal term before a planned date."""
    horizon = today + datetime.timedelta(days=settings.ALERTS_REMINDER_DAYS)
    reminders = []
    for treatment in treatments:
        if treatment.outcome:
            continue
        deadline = treatment.opinion_deadline
        if deadline is not None and deadline <= horizon:
            reminders.append(Reminder(treatment, DEADLINE, deadline, deadline < today))
        elif treatment.planned_on is not None:
            last = period_end(treatment.planned_on, treatment.planned_precision)
            if treatment.planned_on <= horizon:
                reminders.append(Reminder(treatment, PLANNED, last, last < today))
    return sorted(reminders, key=lambda r: (r.kind != DEADLINE, r.day, r.treatment.pk))


def for_user(user, today: datetime.date | None = None) -> list[Reminder]:
    """A griffie's reminders (its municipalities), a programmabureau's (its regelingen)."""
    today = today or timezone.localdate()
    municipalities = clerk_municipalities(user)
    treatments: list[Treatment] = []
    if municipalities:
        treatments += clerk_workspace(user, municipalities).open_treatments
    if is_program_office(user):
        regelingen = office_regeling_ids(user)  # None: a superuser, every regeling
        open_steps = Treatment.objects.filter(outcome="").exclude(pk__in=[t.pk for t in treatments])
        if regelingen is not None:
            open_steps = open_steps.filter(decision__regeling__in=regelingen)
        treatments += list(
            open_steps.select_related("decision__regeling", "body__municipality", "body__regeling")
        )
    return due(treatments, today)


def message(user, reminders: list[Reminder]) -> EmailMultiAlternatives:
    with translation.override(settings.LANGUAGE_CODE):
        subject = ngettext(
            "GR Portal: %(count)s stap met een termijn",
            "GR Portal: %(count)s stappen met een termijn",
            len(reminders),
        ) % {"count": len(reminders)}
        own = {municipality.pk for municipality in clerk_municipalities(user)}
        items = [
            {
                "words": reminder.words,
                "passed": reminder.passed,
                # A griffie goes to its form; the programmabureau to the decision's page.
                "url": absolute(reverse("clerk:treatment", args=[reminder.treatment.pk]))
                if reminder.treatment.body.municipality_id in own
                else absolute(reminder.treatment.decision.get_absolute_url()),
            }
            for reminder in reminders
        ]
        context = {
            "items": items,
            "workspace_url": absolute(reverse("clerk:workspace")) if own else None,
        }
        text = render_to_string("milestones/alerts/mail/reminders.txt", context)
        html = render_to_string("milestones/alerts/mail/reminders.html", context)
    email = EmailMultiAlternatives(
        subject, text, to=[user.email], headers={"Auto-Submitted": "auto-generated"}
    )
    email.attach_alternative(html, "text/html")
    return email


def recipients():
    """The active accounts with an address that are a griffie or a programmabureau."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return (
        users.filter(clerk_memberships__isnull=False).distinct()
        | users.filter(office_memberships__isnull=False).distinct()
    )
