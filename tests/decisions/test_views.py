"""The status pages of decisions.views: the matrix of every municipality against each decision,
and two versions of a decision's text compared word by word."""

from django.urls import reverse

from councils.models import Regeling
from decisions.models import Decision, DecisionVersion
from gr_portal.core.choices import Outcome
from tests.recording import DRECHTSTEDEN, record_outcomes

ALL = DRECHTSTEDEN
FINAL = "definitieve-gr-tekst-2022"


# --- the matrix --------------------------------------------------------------------------------


def test_the_matrix_answers_200_for_an_anonymous_visitor(client, dataset):
    response = client.get(reverse("decisions:status_matrix"))
    assert response.status_code == 200
    assert response["Content-Language"] == "nl"


def test_the_matrix_shows_date_outcome_and_vote_per_cell(
    client, recorded_vote, django_assert_num_queries
):
    # the process (the first the portal follows), its decisions, treatments (with everything a
    # cell shows), griffie checks, the regelingen's participants
    with django_assert_num_queries(5):
        response = client.get(reverse("decisions:status_matrix"))
    page = response.content.decode()
    assert page.count("<tr>") >= 1 + 2 + 7  # two header rows, seven municipalities
    assert "12 juli 2022" in page
    assert "(38–1)" in page
    assert "te laat" in page
    assert "gepland" in page


def test_a_step_is_taken_only_when_the_regelings_rule_is_met(client, dataset):
    record_outcomes(FINAL, "council", Outcome.ADOPTED, ALL[:6])
    # Zwijndrecht's council withholds its toestemming, on a ground of Wgr art. 1 lid 4.
    record_outcomes(FINAL, "council", Outcome.REJECTED, ALL[6:], withheld_ground="law")
    record_outcomes(FINAL, "executive", Outcome.ADOPTED, ALL[:6])
    page = client.get(reverse("decisions:status_matrix")).content.decode()
    assert "toestemming onthouden door Zwijndrecht" in page
    assert "toestemming onthouden (strijd met het recht)" in page
    assert "Nog 1 instemming nodig" in page
    # The rule is data: with "two thirds of the participants", six of seven suffice.
    Regeling.objects.filter(short_name="GR Sociaal").update(amendment_rule="two_thirds")
    page = client.get(reverse("decisions:status_matrix")).content.decode()
    assert "De wijziging treedt in werking: 6 van de 7 deelnemers" in page


# --- two versions compared ---------------------------------------------------------------------


def test_any_two_versions_compare_word_by_word(client, dataset, django_assert_num_queries):
    decision = Decision.objects.get(slug="concept-gr-tekst-2022")
    first = decision.versions.get(number=1)
    DecisionVersion.objects.create(
        decision=decision,
        number=2,
        created_on=first.created_on,
        note="Na de zienswijzen",
        text=first.text.replace("één bestuurlijke aansturing", "één gezamenlijk bestuur"),
    )
    url = reverse("decisions:versions", args=[decision.slug])
    # decision, versions
    with django_assert_num_queries(2):
        page = client.get(url).content.decode()  # default: previous against latest
    assert "Van versie 1 naar versie 2" in page
    assert "verwijderd: </span>bestuurlijke aansturing" in page
    assert "toegevoegd: </span>gezamenlijk bestuur" in page
    assert "Na de zienswijzen" in page
    same = client.get(url, {"a": 2, "b": 2}).content.decode()
    assert "kies twee verschillende versies" in same
    assert client.get(url, {"a": 9}).status_code == 404
    assert client.get(url, {"a": "x"}).status_code == 404
    detail = client.get(reverse("decision_detail", args=[decision.slug])).content.decode()
    assert url in detail


# --- the zienswijze term (Wgr art. 1 lid 3) ----------------------------------------------------


def test_the_zienswijze_term_is_shown_and_flagged_once_passed(client, dataset):
    """Eight weeks after the council received the draft: shown beside the council's status on
    the decision page and in the matrix; flagged when it passed without a decision, and when
    the council decided after it."""
    import datetime

    from decisions import services
    from decisions.models import Treatment
    from tests.recording import AMSTERDAM

    councils = Treatment.objects.filter(
        decision__slug="concept-gr-tekst-2022", body__kind="council", round=1
    ).select_related("body__municipality", "decision")
    # Dordrecht received the draft on 2 June 2022: the term ends on 28 July 2022; nothing
    # decided, so in 2026 it has passed.
    councils.filter(body__municipality__slug="dordrecht").update(
        received_on=datetime.date(2022, 6, 2)
    )
    # Sliedrecht received it on 1 May and decided on 12 July: after its term (26 June).
    sliedrecht = councils.get(body__municipality__slug="sliedrecht")
    services.treatment_record(
        treatment=sliedrecht,
        revision=sliedrecht.revision,
        user=None,
        outcome=Outcome.ADOPTED,
        new_meeting=services.NewMeeting(
            starts_at=datetime.datetime(2022, 7, 12, 20, tzinfo=AMSTERDAM)
        ),
        version=sliedrecht.decision.versions.get(number=1),
        received_on=datetime.date(2022, 5, 1),
    )
    page = client.get(reverse("decision_detail", args=["concept-gr-tekst-2022"])).content
    page = page.decode()
    assert "zienswijze uiterlijk 28 juli 2022 (Wgr art. 1 lid 3) – termijn verstreken" in page
    assert "zienswijze uiterlijk 26 juni 2022 (Wgr art. 1 lid 3) – na de termijn besloten" in page
    matrix = client.get(reverse("decisions:status_matrix")).content.decode()
    assert "termijn verstreken" in matrix


def test_the_matrix_is_the_matrix_of_one_process(client, dataset):
    """?traject=<slug> chooses the process; an unknown one is 404; without it, the first the
    portal follows (the Drechtsteden merger)."""
    url = reverse("decisions:status_matrix")
    scoped = client.get(url, {"traject": "samenvoeging-drechtwerk-sociaal"}).content.decode()
    assert "Samenvoeging GR Drechtwerk in GR Sociaal" in scoped
    assert "Concept aangepaste GR-tekst GR Sociaal" in scoped
    assert client.get(url, {"traject": "bestaat-niet"}).status_code == 404
    assert "Samenvoeging GR Drechtwerk in GR Sociaal" in client.get(url).content.decode()
