"""The audit's role matrix as a test (issue 12 item 5; ../shared/reviews/security.md, row 1):
every URL pattern of the portal, as six roles, GET and POST, on published and unpublished
records and on the own and another municipality's, asserting the answer and that nothing was
written. The back office's patterns are swept in test_admin_sweep below.

How a write is caught: the data version (gr_portal.core.models), raised in the transaction of
every write, and the row counts of the record tables, read before and after every request.

A URL pattern without a row in CASES fails the completeness test: a new page must say who may
open it.
"""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from councils.models import Body, Meeting, Regeling
from decisions.models import Decision, DecisionVersion, Process, Treatment
from gr_portal.core.choices import BodyKind, Purpose
from gr_portal.core.models import current
from milestones.models import LetterBatch, Milestone
from tests.milestones.letters.helpers import archive_letter, make_letter

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "no_role", "council_member", "own_clerk", "other_clerk", "program_office")
EVERYONE = dict.fromkeys(ROLES, 200)
DRAFT_READERS = {"council_member": 200, "program_office": 200}
#: Answers for a page of unpublished records: 404 for whoever may not read drafts.
UNPUBLISHED = {**dict.fromkeys(ROLES, 404), **DRAFT_READERS}
#: A griffie's own page: the login for a visitor, 403 for everyone but Dordrecht's griffie.
OWN_CLERK = {**dict.fromkeys(ROLES, 403), "anonymous": 302, "own_clerk": 200}
#: A griffie's page of an unpublished record: not found for whoever may not read drafts.
HIDDEN_CLERK = {
    **OWN_CLERK,
    "no_role": 404,
    "own_clerk": 404,
    "other_clerk": 404,
    "council_member": 403,
    "program_office": 403,
}
#: A programmabureau's page.
OFFICE = {**dict.fromkeys(ROLES, 403), "anonymous": 302, "program_office": 200}
SIGNED_IN = {**dict.fromkeys(ROLES, 200), "anonymous": 302}
#: A POST-only action (GET answers 405, or the login first).
ACTION = None

PUBLIC_TABLES = [
    "councils.Meeting",
    "decisions.Process",
    "decisions.Decision",
    "decisions.DecisionVersion",
    "decisions.Treatment",
    "decisions.Vote",
    "decisions.FractieVote",
    "decisions.Amendment",
    "decisions.Motion",
    "decisions.Opinion",
    "decisions.RecordCheck",
    "decisions.BoardVote",
    "milestones.Milestone",
    "milestones.Letter",
    "milestones.ArchivedLetter",
    "milestones.LetterBatch",
]


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else (pattern.name or "")
            yield prefix + str(pattern.pattern), name


def portal_patterns() -> dict[str, str]:
    return {
        name: route
        for route, name in _walk(get_resolver().url_patterns)
        if not route.startswith("beheer/")
    }


@pytest.fixture
def world(
    dataset,
    roles,
    dordrecht_clerk,
    sliedrecht_clerk,
    council_member,
    program_office,
    recorded_vote,
):
    """Published and unpublished records of Dordrecht, a letter archived and a batch, a board
    vote step, a draft process; and one signed-in client per role."""
    treatment = recorded_vote
    process = treatment.decision.process
    unpublished = Decision.objects.create(
        process=process,
        regeling=treatment.decision.regeling,
        kind=treatment.decision.kind,
        title="Onbekend besluit",
        sequence=99,
        slug="onbekend-besluit",
        introduced_on=datetime.date(2022, 3, 1),
        published=False,
    )
    DecisionVersion.objects.create(
        decision=unpublished, number=1, created_on=datetime.date(2022, 3, 1), text="Concept."
    )
    hidden_treatment = Treatment.objects.create(
        decision=unpublished, body=treatment.body, purpose=Purpose.OPINION
    )
    draft = Process.objects.create(title="Concepttraject", slug="concepttraject")
    draft.regelingen.set(process.regelingen.all())
    draft_milestone = Milestone.objects.create(
        process=draft, title="Geheime mijlpaal", planned_start=datetime.date(2022, 9, 1)
    )
    letter = make_letter(process=process)
    archived = archive_letter(letter, program_office, published=False)
    batch = LetterBatch.objects.create(letter=letter, requested_by=program_office, total=7)
    board = Body.objects.get(
        regeling=Regeling.objects.get(slug="gr-sociaal"), kind=BodyKind.GENERAL_BOARD
    )
    board_step = Treatment.objects.create(
        decision=treatment.decision, body=board, purpose=Purpose.DECISION
    )
    meeting = Meeting.objects.filter(body=treatment.body).first()
    amendment = treatment.amendments.first()
    motion = treatment.motions.first()
    no_role = get_user_model().objects.create_user("zonder-rol", password="x")
    users = {
        "no_role": no_role,
        "council_member": council_member,
        "own_clerk": dordrecht_clerk,
        "other_clerk": sliedrecht_clerk,
        "program_office": program_office,
    }
    clients = {"anonymous": Client()}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    first_version = treatment.history.order_by("history_id").first().history_id
    return {
        "users": users,
        "clients": clients,
        "treatment": treatment,
        "hidden_treatment": hidden_treatment,
        "unpublished": unpublished,
        "draft": draft,
        "draft_milestone": draft_milestone,
        "letter": letter,
        "archived": archived,
        "batch": batch,
        "board_step": board_step,
        "meeting": meeting,
        "amendment": amendment,
        "motion": motion,
        "first_version": first_version,
    }


def _cases(w) -> list[tuple[str, str, dict | None]]:
    """(URL name, URL, answers to GET per role; None for a POST-only action)."""
    t, hidden = w["treatment"], w["hidden_treatment"]
    r = reverse
    return [
        ("home", r("home"), EVERYONE),
        ("process_detail", r("process_detail", args=[t.decision.process.slug]), EVERYONE),
        ("process_detail", r("process_detail", args=[w["draft"].slug]), UNPUBLISHED),
        ("regeling_detail", r("regeling_detail", args=["gr-sociaal"]), EVERYONE),
        ("decision_detail", r("decision_detail", args=[t.decision.slug]), EVERYONE),
        ("decision_detail", r("decision_detail", args=[w["unpublished"].slug]), UNPUBLISHED),
        ("municipality_detail", r("municipality_detail", args=["dordrecht"]), EVERYONE),
        ("decisions:status_matrix", r("decisions:status_matrix"), EVERYONE),
        ("decisions:versions", r("decisions:versions", args=[t.decision.slug]), EVERYONE),
        ("decisions:versions", r("decisions:versions", args=[w["unpublished"].slug]), UNPUBLISHED),
        ("milestones:timeline", r("milestones:timeline"), EVERYONE),
        ("milestones:agenda", r("milestones:agenda"), EVERYONE),
        (
            "milestones:municipality_agenda",
            r("milestones:municipality_agenda", args=["dordrecht"]),
            EVERYONE,
        ),
        (
            "milestones:process_agenda",
            r("milestones:process_agenda", args=[t.decision.process.slug]),
            EVERYONE,
        ),
        (
            "milestones:process_agenda",
            r("milestones:process_agenda", args=[w["draft"].slug]),
            UNPUBLISHED,
        ),
        (
            "milestones:regeling_agenda",
            r("milestones:regeling_agenda", args=["gr-sociaal"]),
            EVERYONE,
        ),
        (
            "milestones:decision_agenda",
            r("milestones:decision_agenda", args=[t.decision.slug]),
            EVERYONE,
        ),
        (
            "milestones:decision_agenda",
            r("milestones:decision_agenda", args=[w["unpublished"].slug]),
            UNPUBLISHED,
        ),
        (
            "opendata:target_feed",
            r("opendata:target_feed", args=["traject", t.decision.process.slug]),
            EVERYONE,
        ),
        (
            "opendata:target_feed",
            r("opendata:target_feed", args=["traject", w["draft"].slug]),
            API_HIDDEN,
        ),
        (
            "opendata:target_feed",
            r("opendata:target_feed", args=["besluit", w["unpublished"].slug]),
            API_HIDDEN,
        ),
        (
            "opendata:target_feed",
            r("opendata:target_feed", args=["gemeente", "dordrecht"]),
            EVERYONE,
        ),
        (
            "opendata:target_feed",
            r("opendata:target_feed", args=["regeling", "gr-sociaal"]),
            EVERYONE,
        ),
        (
            "opendata:target_feed",
            r("opendata:target_feed", args=["besluit", t.decision.slug]),
            EVERYONE,
        ),
        ("privacy", r("privacy"), EVERYONE),
        ("alerts:subscribe", r("alerts:subscribe") + "?gemeente=dordrecht", EVERYONE),
        ("alerts:sent", r("alerts:sent") + "?gemeente=dordrecht", EVERYONE),
        ("alerts:confirm", r("alerts:confirm", args=["vervalst"]), dict.fromkeys(ROLES, 400)),
        (
            "alerts:unsubscribe",
            r("alerts:unsubscribe", args=["vervalst"]),
            dict.fromkeys(ROLES, 400),
        ),
        ("alerts:manage", r("alerts:manage", args=["vervalst"]), dict.fromkeys(ROLES, 400)),
        ("alerts:mine", r("alerts:mine"), SIGNED_IN),
        ("planning:deadlines", r("planning:deadlines"), OFFICE),
        ("clerk:workspace", r("clerk:workspace"), {**OWN_CLERK, "other_clerk": 200}),
        ("clerk:treatment", r("clerk:treatment", args=[t.pk]), OWN_CLERK),
        (
            "clerk:treatment",
            r("clerk:treatment", args=[hidden.pk]),
            HIDDEN_CLERK,
        ),
        ("clerk:amendment_create", r("clerk:amendment_create", args=[t.pk]), OWN_CLERK),
        ("clerk:amendment_edit", r("clerk:amendment_edit", args=[w["amendment"].pk]), OWN_CLERK),
        ("clerk:motion_create", r("clerk:motion_create", args=[t.pk]), OWN_CLERK),
        ("clerk:motion_edit", r("clerk:motion_edit", args=[w["motion"].pk]), OWN_CLERK),
        ("clerk:attendance", r("clerk:attendance", args=[w["meeting"].pk]), OWN_CLERK),
        ("clerk:opinion", r("clerk:opinion", args=[t.decision.slug, "dordrecht"]), OWN_CLERK),
        (
            "clerk:opinion",
            r("clerk:opinion", args=[w["unpublished"].slug, "dordrecht"]),
            HIDDEN_CLERK,
        ),
        (
            "clerk:record_check",
            r("clerk:record_check", args=[t.decision.slug, "dordrecht"]),
            ACTION,
        ),
        ("history:list", r("history:list", args=["behandeling", t.pk]), EVERYONE),
        ("history:list", r("history:list", args=["behandeling", hidden.pk]), UNPUBLISHED),
        (
            "history:list",
            r("history:list", args=["mijlpaal", w["draft_milestone"].pk]),
            UNPUBLISHED,
        ),
        ("history:compare", r("history:compare", args=["behandeling", t.pk]), EVERYONE),
        (
            "history:compare",
            r("history:compare", args=["tekstversie", w["unpublished"].versions.get().pk]),
            UNPUBLISHED,
        ),
        (
            "history:restore",
            r("history:restore", args=["behandeling", t.pk, w["first_version"]]),
            ACTION,
        ),
        ("search:page", r("search:page") + "?q=zienswijze", EVERYONE),
        ("opendata:index", r("opendata:index"), EVERYONE),
        ("opendata:matrix_csv", r("opendata:matrix_csv"), EVERYONE),
        ("opendata:matrix_json", r("opendata:matrix_json"), EVERYONE),
        ("opendata:votes_csv", r("opendata:votes_csv"), EVERYONE),
        ("opendata:votes_json", r("opendata:votes_json"), EVERYONE),
        ("opendata:member_votes_csv", r("opendata:member_votes_csv"), EVERYONE),
        ("opendata:feed", r("opendata:feed"), EVERYONE),
        ("letters:archive", r("letters:archive"), EVERYONE),
        (
            "letters:archived_download",
            r("letters:archived_download", args=[w["archived"].pk]),
            {**dict.fromkeys(ROLES, 404), "program_office": 200},
        ),
        ("letters:detail", r("letters:detail", args=[w["letter"].pk]), OFFICE),
        ("letters:preview", r("letters:preview", args=[w["letter"].pk, "dordrecht"]), OFFICE),
        ("letters:export", r("letters:export", args=[w["letter"].pk, "dordrecht"]), ACTION),
        ("letters:export_zip", r("letters:export_zip", args=[w["letter"].pk]), ACTION),
        ("letters:export_combined", r("letters:export_combined", args=[w["letter"].pk]), ACTION),
        ("letters:batch_start", r("letters:batch_start", args=[w["letter"].pk]), ACTION),
        ("letters:batch", r("letters:batch", args=[w["batch"].pk]), OFFICE),
        ("letters:batch_retry", r("letters:batch_retry", args=[w["batch"].pk]), ACTION),
        (
            "letters:batch_zip",
            r("letters:batch_zip", args=[w["batch"].pk]),
            {**OFFICE, "program_office": 404},
        ),
        (
            "letters:batch_pdf",
            r("letters:batch_pdf", args=[w["batch"].pk]),
            {**OFFICE, "program_office": 404},
        ),
        ("planning:new", r("planning:new"), OFFICE),
        ("planning:publish", r("planning:publish", args=[w["draft"].slug]), ACTION),
        ("planning:discard", r("planning:discard", args=[w["draft"].slug]), ACTION),
        ("board:vote", r("board:vote", args=[w["board_step"].pk]), OFFICE),
        ("session_extend", r("session_extend"), ACTION),
        ("twofactor:overview", r("twofactor:overview"), SIGNED_IN),
        ("twofactor:setup", r("twofactor:setup"), None),  # signed in: makes a device to confirm
        ("twofactor:verify", r("twofactor:verify"), None),
        ("twofactor:new_codes", r("twofactor:new_codes"), ACTION),
        ("login", r("login"), EVERYONE),
        ("logout", r("logout"), ACTION),
        ("password_reset", r("password_reset"), EVERYONE),
        ("password_reset_done", r("password_reset_done"), EVERYONE),
        ("password_reset_confirm", r("password_reset_confirm", args=["MQ", "bad-token"]), EVERYONE),
        ("password_reset_complete", r("password_reset_complete"), EVERYONE),
        ("password_change", r("password_change"), SIGNED_IN),
        ("password_change_done", r("password_change_done"), SIGNED_IN),
        (
            "oidc_authentication_callback",
            r("oidc_authentication_callback"),
            dict.fromkeys(ROLES, 404),
        ),
        ("oidc_authentication_init", r("oidc_authentication_init"), dict.fromkeys(ROLES, 404)),
        ("after_login", r("after_login"), dict.fromkeys(ROLES, 302)),
        ("healthz", r("healthz"), EVERYONE),
        ("set_language", r("set_language"), ACTION),
        *_api_cases(w),
    ]


#: The API's answer for whatever it does not publish: not found, for every role (it reads no
#: session, so a programmabureau sees no drafts there either).
API_HIDDEN = dict.fromkeys(ROLES, 404)


def _api_cases(w) -> list[tuple[str, str, dict | None]]:
    """Every API list and an object of each (the first published one, or a missing id), and
    the world's unpublished records through the API: 404 for everyone."""
    from gr_portal.api_urls import router

    r = reverse
    anonymous = Client()
    cases = [
        ("api:api-root", r("api:api-root"), EVERYONE),
        ("api:schema-json", r("api:schema-json"), EVERYONE),
        ("api:schema-yaml", r("api:schema-yaml"), EVERYONE),
        ("api:docs", r("api:docs"), EVERYONE),
        ("api:swagger", r("api:swagger"), EVERYONE),
        ("api:bulk-snapshot", r("api:bulk-snapshot"), EVERYONE),
        ("api:bulk-changes", r("api:bulk-changes") + "?gewijzigdSinds=2022-01-01", EVERYONE),
        ("api:bulk-archive", r("api:bulk-archive"), EVERYONE),
    ]
    for _prefix, _viewset, basename in router.registry:
        listing = r(f"api:{basename}-list")
        cases.append((f"api:{basename}-list", listing, EVERYONE))
        results = anonymous.get(listing).json()["results"]
        detail = f"api:{basename}-detail"
        if results:
            cases.append((detail, r(detail, kwargs={"pk": results[0]["id"]}), EVERYONE))
        else:
            cases.append((detail, r(detail, kwargs={"pk": "999999"}), API_HIDDEN))
    hidden = {
        "agendapunt": w["hidden_treatment"].pk,
        "behandeling": w["hidden_treatment"].pk,
        "regionaalbesluit": w["unpublished"].pk,
        "tekstversie": w["unpublished"].versions.get().pk,
        "traject": w["draft"].pk,
        "mijlpaal": w["draft_milestone"].pk,
        "brief": w["archived"].pk,
    }
    for basename, pk in hidden.items():
        name = f"api:{basename}-detail"
        cases.append((name, r(name, kwargs={"pk": pk}), API_HIDDEN))
    return cases


def _state():
    counts = tuple(apps.get_model(label).objects.count() for label in PUBLIC_TABLES)
    return current()[0], counts


#: Answers a POST may get from someone it does not write for (or with an empty form).
REFUSED = {200, 302, 400, 403, 404, 405}
#: POSTs that write by design when the right role sends them (tested on their own pages).
WRITES_WHEN_ALLOWED = {
    ("letters:export", "program_office"),
    ("letters:export_zip", "program_office"),
    ("letters:export_combined", "program_office"),
    ("letters:batch_start", "program_office"),
    ("letters:batch_retry", "program_office"),
    ("planning:publish", "program_office"),
    ("planning:discard", "program_office"),
}


def test_every_url_pattern_of_the_portal_is_in_the_matrix(world):
    covered = {name for name, _url, _answers in _cases(world)}
    assert set(portal_patterns()) - covered == set()


def test_the_role_matrix(world):
    problems = []
    for name, url, answers in _cases(world):
        for role in ROLES:
            client = world["clients"][role]
            if answers is not None:
                response = client.get(url)
                expected = answers[role]
                if response.status_code != expected:
                    problems.append(f"GET {url} as {role}: {response.status_code}, not {expected}")
            if (name, role) in WRITES_WHEN_ALLOWED:
                continue
            before = _state()
            response = client.post(url, {})
            if response.status_code not in REFUSED:
                problems.append(f"POST {url} as {role}: {response.status_code}")
            if _state() != before:
                problems.append(f"POST {url} as {role} wrote: {before} -> {_state()}")
            if name == "logout" and role != "anonymous":
                client.force_login(world["users"][role])  # signed in again for what follows
    assert problems == [], "\n".join(problems)


def test_admin_sweep(world):
    """Every model of the back office, its list, add, change, history and delete pages: only
    staff get in (others are sent to the back office's login), the programmabureau opens what
    its role may view (403 otherwise), and an empty POST writes nothing for anyone."""
    from django.contrib import admin

    office = world["clients"]["program_office"]
    office_user = world["users"]["program_office"]
    problems = []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        obj = model_admin.get_queryset(type("R", (), {"user": office_user})()).first()
        obj = obj or model._default_manager.first()
        urls = [reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")]
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        if obj is not None:
            for view in ("change", "history", "delete"):
                urls.append(
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk])
                )
        may_view = office_user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
        for url in urls:
            for role in ROLES:
                client = world["clients"][role]
                response = client.get(url)
                if role == "program_office":
                    allowed = {200, 302, 403, 404} if may_view else {403}
                else:
                    allowed = {302}
                if response.status_code not in allowed:
                    problems.append(f"GET {url} as {role}: {response.status_code}")
                elif role != "program_office" and "/beheer/login/" not in response["Location"]:
                    problems.append(f"GET {url} as {role}: sent to {response['Location']}")
                before = _state()
                response = client.post(url, {})
                if response.status_code not in REFUSED:
                    problems.append(f"POST {url} as {role}: {response.status_code}")
                if _state() != before:
                    problems.append(f"POST {url} as {role} wrote")
    # The office reads what it may not change.
    assert office.get(reverse("admin:decisions_vote_changelist")).status_code == 200
    assert problems == [], "\n".join(problems)
