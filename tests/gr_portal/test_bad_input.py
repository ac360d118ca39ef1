"""The audit's bad-input sweep as a test (issue 12 item 5; ../shared/reviews/security.md,
row 2): every form of the griffie and of the back office, posted back as the page shows it
with one field changed to something hostile — empty where it matters, huge, negative,
non-numeric, a NUL or RTL character, markup, an impossible date, an unknown or another
municipality's id, a stale revision. What must be refused is refused with an error on the page
and nothing written; nothing answers 500.

The form is read from the page's HTML (tests/formdata.py), so the sweep follows the forms as
they change. Of fields that repeat per fractie or per member, the first is swept.
"""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.urls import reverse

from councils.models import Body, Fractie, Meeting
from decisions.models import Decision, DecisionVersion, Opinion
from gr_portal.core.choices import BodyKind
from gr_portal.core.models import current
from milestones.models import Letter, Milestone
from tests.formdata import main_form
from tests.milestones.letters.helpers import make_letter

pytestmark = pytest.mark.django_db

MUST = "must be refused"
MAY = "may be accepted"
HUGE = "A" * 1_000_001
TEXT = [
    ("huge", HUGE, MUST),
    ("NUL", "Tekst\x00met een nul", MUST),
    ("RTL", "\u202eGEHEIM\u202c", MAY),
    ("markup", '<script>alert("x")</script><b>vet</b>', MAY),
]
MUTATIONS = {
    "text": TEXT,
    "textarea": TEXT,
    "search": TEXT,
    "number": [
        ("negative", "-5", MUST),
        ("letters", "abc", MUST),
        ("decimal", "3,5", MUST),
        ("exponent", "1e3", MUST),
        ("20 digits", "99999999999999999999", MUST),
    ],
    "date": [
        ("impossible", "2022-02-31", MUST),
        ("year 9999", "9999-12-31", MUST),
        ("year 1", "0001-01-01", MUST),
        ("letters", "morgen", MUST),
    ],
    "select": [("unknown id", "999999", MUST), ("letters", "abc", MUST)],
    "radio": [("unknown choice", "abc", MUST)],
    "checkbox": [("other value", "abc", MAY)],
}
ERROR_MARKERS = ("form-field-invalid", "errorlist", "alert-error", "errornote")
TABLES = [
    "councils.Meeting",
    "councils.Attendance",
    "decisions.Decision",
    "decisions.DecisionVersion",
    "decisions.Treatment",
    "decisions.Vote",
    "decisions.FractieVote",
    "decisions.MemberVote",
    "decisions.Amendment",
    "decisions.Motion",
    "decisions.Opinion",
    "milestones.Milestone",
    "milestones.Letter",
]


def _state():
    return current()[0], tuple(apps.get_model(label).objects.count() for label in TABLES)


def _family(name: str) -> str:
    return re.sub(r"\d+", "N", name)


#: Hidden fields that carry what the form was loaded with, and how to tamper with them.
HIDDEN = {
    "revision": lambda value: [("stale revision", str(int(value) - 1), MUST)],
    "loaded_revision": lambda value: [("stale revision", str(int(value) - 1), MUST)],
    "loaded": lambda value: [("tampered state", "x;;y", MUST)],
}


def _targets(form) -> list[tuple[str, list]]:
    """The fields to sweep and their mutations: the first of each family, no empty
    templates of the admin's inlines."""
    seen = set()
    targets = []
    for item in form.fields:
        family = _family(item.name)
        if family in seen or item.value is None or "__prefix__" in item.name:
            continue
        seen.add(family)
        if item.kind == "hidden" and item.name in HIDDEN:
            if item.name != "loaded" and not item.value.isdigit():
                continue
            targets.append((item.name, HIDDEN[item.name](item.value)))
        elif item.kind in MUTATIONS:
            targets.append((item.name, MUTATIONS[item.kind]))
    return targets


def _judge(url, name, label, rule, response, before) -> list[str]:
    status = response.status_code
    if status >= 500:
        return [f"{url} {name} {label}: {status}"]
    problems = []
    if rule is MUST:
        page = response.content.decode() if status == 200 else ""
        if status != 200 or not any(marker in page for marker in ERROR_MARKERS):
            problems.append(f"{url} {name} {label}: {status}, not refused on the page")
        if _state() != before:
            problems.append(f"{url} {name} {label}: written")
    return problems


def _sweep(client, url, *, extra=None):
    """Post the form back once per mutation; returns the problems found."""

    def baseline():
        response = client.get(url)
        assert response.status_code == 200, url
        return main_form(response.content.decode())

    form = baseline()
    targets = _targets(form)
    assert targets, f"no fields found on {url}"
    problems = []
    for name, mutations in targets:
        for label, value, rule in mutations:
            before = _state()
            response = client.post(
                form.action or url, {**form.data(), **(extra or {}), name: value}
            )
            problems += _judge(url, name, label, rule, response, before)
            if response.status_code == 302:
                form = baseline()  # accepted: the record moved on, so read it again
    return problems


@pytest.fixture
def clerk(client, dordrecht_clerk, recorded_vote):
    client.force_login(dordrecht_clerk)
    return client


def test_the_griffies_forms_refuse_bad_input(clerk, recorded_vote):
    treatment = recorded_vote
    amendment = treatment.amendments.first()
    motion = treatment.motions.first()
    meeting = treatment.meeting
    problems = []
    for url, extra in (
        (reverse("clerk:treatment", args=[treatment.pk]), {"save": "1"}),
        (reverse("clerk:amendment_create", args=[treatment.pk]), {"save": "1"}),
        (reverse("clerk:amendment_edit", args=[amendment.pk]), {"save": "1"}),
        (reverse("clerk:motion_create", args=[treatment.pk]), {"save": "1"}),
        (reverse("clerk:motion_edit", args=[motion.pk]), {"save": "1"}),
        (reverse("clerk:attendance", args=[meeting.pk]), None),
        (reverse("clerk:opinion", args=[treatment.decision.slug, "dordrecht"]), None),
    ):
        problems += _sweep(clerk, url, extra=extra)
    assert problems == [], "\n".join(problems)


def test_another_municipalitys_records_cannot_be_slipped_in(clerk, recorded_vote):
    """Ids of Sliedrecht's meeting and fracties in Dordrecht's forms."""
    treatment = recorded_vote
    sliedrecht_council = Body.objects.get(municipality__slug="sliedrecht", kind=BodyKind.COUNCIL)
    foreign_meeting = Meeting.objects.create(
        body=sliedrecht_council, starts_at=treatment.meeting.starts_at
    )
    foreign_fractie = Fractie.objects.filter(term__municipality__slug="sliedrecht").first()
    url = reverse("clerk:treatment", args=[treatment.pk])
    form = main_form(clerk.get(url).content.decode())
    before = _state()
    response = clerk.post(url, {**form.data(), "save": "1", "meeting": str(foreign_meeting.pk)})
    assert response.status_code == 200
    assert any(marker in response.content.decode() for marker in ERROR_MARKERS)
    create = reverse("clerk:amendment_create", args=[treatment.pk])
    form = main_form(clerk.get(create).content.decode())
    data = {**form.data(), "save": "1", "code": "A9", "title": "Vreemd", "text": "Tekst"}
    data["sponsors"] = [str(foreign_fractie.pk)]
    response = clerk.post(create, data)
    assert response.status_code == 200
    assert _state() == before


def test_the_back_offices_forms_refuse_bad_input(client, program_office, recorded_vote):
    client.force_login(program_office)
    decision = Decision.objects.get(slug="concept-gr-tekst-2022")
    letter = make_letter(process=decision.process)
    problems = []
    for name, pk in (
        ("decisions_decision", decision.pk),
        ("decisions_decisionversion", DecisionVersion.objects.filter(decision=decision).first().pk),
        ("decisions_treatment", recorded_vote.pk),
        ("milestones_milestone", Milestone.objects.first().pk),
        ("milestones_letter", Letter.objects.get(pk=letter.pk).pk),
        ("decisions_opinion", Opinion.objects.first().pk),
    ):
        url = reverse(f"admin:{name}_change", args=[pk])
        if name == "decisions_opinion":
            # View only for the programmabureau: the page has no form to send.
            assert client.post(url, {"text": HUGE}).status_code == 403
            continue
        problems += _sweep(client, url, extra={"change_reason": "controle"})
    assert problems == [], "\n".join(problems)
