"""The public pages: each answers in a fixed number of queries and shows only what it may."""

import pytest
from django.urls import reverse

from decisions.models import Decision

PAGES = [
    ("home", {}),
    ("decisions:status_matrix", {}),
    ("decision_detail", {"slug": "concept-gr-tekst-2022"}),
    ("municipality_detail", {"slug": "dordrecht"}),
]


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_page_answers_200_for_an_anonymous_visitor(client, dataset, name, kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    assert response["Content-Language"] == "nl"


def test_home_queries_are_fixed(client, dataset, django_assert_num_queries):
    # 1. visible decisions with process and regeling
    # 2. their treatments with body, municipality, regeling, meeting, version and vote
    # 3. the griffies' checks of those decisions
    # 4. the next milestone
    with django_assert_num_queries(4):
        response = client.get(reverse("home"))
    page = response.content.decode()
    assert "Principebesluit samenvoeging GR Drechtwerk en GR Sociaal" in page
    assert "Zwijndrecht" in page
    assert "gepland 8 maart 2022" in page


def test_decision_page_queries_are_fixed(client, dataset, django_assert_num_queries):
    # 1 decision, 2 versions, 3 treatments (with body, municipality, meeting, version, vote),
    # 4 fractie votes, 5 amendments, 6 amendment sponsors, 7 motions, 8 motion sponsors,
    # 9 zienswijzen, 10 milestones, 11 griffie checks. Prefetches of empty sets are skipped by
    # Django, so with no votes recorded yet the fractie-vote and sponsor queries do not run.
    with django_assert_num_queries(8):
        response = client.get(reverse("decision_detail", kwargs={"slug": "concept-gr-tekst-2022"}))
    page = response.content.decode()
    assert "Concept aangepaste GR-tekst GR Sociaal" in page
    assert "zienswijze" in page
    assert page.count("Gemeenteraad ") >= 7


def test_municipality_page_queries_are_fixed(client, dataset, django_assert_num_queries):
    # 1 municipality, 2 terms, 3 fracties, 4 regelingen, 5 bodies, 6 treatments, 7 meetings
    with django_assert_num_queries(7):
        response = client.get(reverse("municipality_detail", kwargs={"slug": "alblasserdam"}))
    page = response.content.decode()
    assert "GM0482" in page
    assert "schatting" in page  # the population is an estimate, and says so
    assert "niet geverifieerd" in page  # so is Alblasserdam's composition


def test_unpublished_decision_is_hidden_from_anonymous_visitors(client, dataset):
    Decision.objects.filter(slug="concept-gr-tekst-2022").update(published=False)
    assert client.get(reverse("decision_detail", args=["concept-gr-tekst-2022"])).status_code == 404
    assert "Concept aangepaste GR-tekst" not in client.get(reverse("home")).content.decode()


def test_unpublished_decision_is_shown_to_a_council_member(client, dataset, council_member):
    Decision.objects.filter(slug="concept-gr-tekst-2022").update(published=False)
    client.force_login(council_member)
    response = client.get(reverse("decision_detail", args=["concept-gr-tekst-2022"]))
    assert response.status_code == 200
    assert "niet gepubliceerd" in response.content.decode()


def test_unknown_slugs_are_404(client, dataset):
    assert client.get(reverse("decision_detail", args=["bestaat-niet"])).status_code == 404
    assert client.get(reverse("municipality_detail", args=["atlantis"])).status_code == 404


def test_health_check_reports_the_database(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def _record_vote(treatment, day):
    """Record an adopted per-fractie vote (all but the smallest fractie for), an amendment,
    a motion and a zienswijze."""
    import datetime

    from django.utils import timezone

    from councils.models import Meeting
    from decisions.models import Amendment, FractieVote, Motion, Opinion, Vote

    meeting = Meeting.objects.create(
        body=treatment.body,
        starts_at=timezone.make_aware(datetime.datetime(2022, 7, day, 20, 0)),
    )
    treatment.meeting = meeting
    treatment.version = treatment.decision.versions.get(number=1)
    treatment.outcome = "adopted"
    treatment.save()
    term = treatment.body.municipality.terms.get()
    fracties = list(term.fracties.all())
    votes = len(fracties) - 1
    vote = Vote.objects.create(
        treatment=treatment,
        method="per_fractie",
        members_present=term.size,
        votes_for=sum(f.seats for f in fracties[:votes]),
        votes_against=sum(f.seats for f in fracties[votes:]),
    )
    for index, fractie in enumerate(fracties):
        FractieVote.objects.create(
            vote=vote,
            fractie=fractie,
            seats=fractie.seats,
            votes_for=fractie.seats if index < votes else 0,
            votes_against=0 if index < votes else fractie.seats,
        )
    amendment = Amendment.objects.create(
        treatment=treatment, code="A1", title="Rol van de raad", text="…", outcome="rejected"
    )
    amendment.sponsors.set(fracties[:1])
    motion = Motion.objects.create(
        treatment=treatment, code="M1", title="Medewerkers Drechtwerk", text="…", outcome="adopted"
    )
    motion.sponsors.set(fracties[1:3])
    Opinion.objects.create(
        decision=treatment.decision,
        municipality=treatment.body.municipality,
        treatment=treatment,
        text="De raad stemt in met het concept.",
    )


def test_decision_page_queries_do_not_grow_with_votes(client, dataset, django_assert_num_queries):
    from decisions.models import Treatment

    councils = Treatment.objects.filter(
        decision__slug="concept-gr-tekst-2022", body__kind="council"
    ).select_related("body__municipality", "decision")
    for day, treatment in enumerate(councils, start=4):
        _record_vote(treatment, day)
    # 1 decision, 2 versions, 3 treatments, 4 fractie votes, 5 amendments, 6 amendment
    # sponsors, 7 motions, 8 motion sponsors, 9 zienswijzen, 10 milestones, 11 griffie checks
    with django_assert_num_queries(11):
        response = client.get(reverse("decision_detail", args=["concept-gr-tekst-2022"]))
    page = response.content.decode()
    assert page.count("De raad stemt in met het concept.") == 7
    assert "Rol van de raad" in page and "Medewerkers Drechtwerk" in page
    assert "aangenomen" in page


def test_home_queries_do_not_grow_with_votes(client, dataset, django_assert_num_queries):
    from decisions.models import Treatment

    for day, treatment in enumerate(
        Treatment.objects.filter(
            decision__slug="concept-gr-tekst-2022", body__kind="council"
        ).select_related("body__municipality", "decision"),
        start=4,
    ):
        _record_vote(treatment, day)
    with django_assert_num_queries(4):
        response = client.get(reverse("home"))
    assert "7 van 7 raden hebben een zienswijze vastgesteld." in response.content.decode()


def test_the_decision_page_shows_what_changed_since_the_version_voted_on(client, dataset):
    from decisions.models import DecisionVersion, Treatment

    treatment = Treatment.objects.select_related("body__municipality", "decision").get(
        decision__slug="concept-gr-tekst-2022",
        body__municipality__slug="dordrecht",
        body__kind="council",
    )
    _record_vote(treatment, 12)  # voted on version 1
    first = treatment.decision.versions.get(number=1)
    DecisionVersion.objects.create(
        decision=treatment.decision,
        number=2,
        created_on=first.created_on,
        text=first.text.replace("eigen merk en identiteit", "eigen naam"),
    )
    page = client.get(reverse("decision_detail", args=["concept-gr-tekst-2022"])).content.decode()
    assert "Verschil met de huidige tekst" in page
    assert '<del><span class="visually-hidden">verwijderd: </span>merk en identiteit' in page
    assert '<ins><span class="visually-hidden">toegevoegd: </span>naam' in page


def test_status_pages_show_the_griffie_check_with_its_date(client, dataset, dordrecht_clerk):
    import datetime

    from django.utils import timezone

    from councils.models import Municipality
    from decisions.models import Decision, RecordCheck

    RecordCheck.objects.create(
        decision=Decision.objects.get(slug="concept-gr-tekst-2022"),
        municipality=Municipality.objects.get(slug="dordrecht"),
        checked_by=dordrecht_clerk,
        checked_at=timezone.make_aware(datetime.datetime(2022, 7, 14, 9, 0)),
    )
    for url in (reverse("home"), reverse("decision_detail", args=["concept-gr-tekst-2022"])):
        page = client.get(url).content.decode()
        assert "gecontroleerd</span> door de griffie op 14 juli 2022" in page


def _decide(slug, kind, outcome, municipalities):
    """Record an outcome for the given municipalities' council (or college) directly."""
    import datetime

    from django.utils import timezone

    from councils.models import Meeting
    from decisions.models import Treatment

    for index, name in enumerate(municipalities):
        treatment = Treatment.objects.select_related("body", "decision").get(
            decision__slug=slug, body__municipality__name=name, body__kind=kind
        )
        treatment.meeting = Meeting.objects.create(
            body=treatment.body,
            starts_at=timezone.make_aware(datetime.datetime(2022, 12, 5 + index, 20)),
        )
        treatment.version = treatment.decision.versions.get(number=1)
        treatment.outcome = outcome
        treatment.save()


ALL = [
    "Alblasserdam",
    "Dordrecht",
    "Hardinxveld-Giessendam",
    "Hendrik-Ido-Ambacht",
    "Papendrecht",
    "Sliedrecht",
    "Zwijndrecht",
]


def test_the_verdict_names_the_councils_still_blocking(client, dataset):
    _decide("definitieve-gr-tekst-2022", "council", "adopted", ALL[:4] + ALL[6:])
    page = client.get(reverse("home")).content.decode()
    assert "5 van 7 raden hebben toestemming gegeven; wacht op Papendrecht, Sliedrecht." in page
    assert "Nog 2 instemmingen nodig" in page


def test_a_step_is_taken_only_when_the_regelings_rule_is_met(client, dataset):
    from councils.models import Regeling

    _decide("definitieve-gr-tekst-2022", "council", "adopted", ALL[:6])
    _decide("definitieve-gr-tekst-2022", "council", "rejected", ALL[6:])
    page = client.get(reverse("decisions:status_matrix")).content.decode()
    assert "verworpen door Zwijndrecht" in page
    assert "Nog 1 instemming nodig" in page
    # The rule is data: with "two thirds of the participants", six of seven suffice.
    Regeling.objects.filter(short_name="GR Sociaal").update(amendment_rule="two_thirds")
    page = client.get(reverse("decisions:status_matrix")).content.decode()
    assert "De wijziging treedt in werking: 6 van de 7 deelnemers" in page


def test_the_current_phase_is_the_first_step_not_yet_taken(client, dataset):
    _decide("principebesluit-samenvoeging-2022", "executive", "adopted", ALL)
    page = client.get(reverse("home")).content.decode()
    phase = page[page.index("Huidige fase") : page.index("Volgende mijlpaal")]
    assert "Concept aangepaste GR-tekst GR Sociaal" in phase
    assert "0 van 7 raden hebben een zienswijze vastgesteld" in phase


def test_the_matrix_shows_date_outcome_and_vote_per_cell(
    client, dataset, django_assert_num_queries
):
    from decisions.models import Treatment

    treatment = Treatment.objects.select_related("body__municipality", "decision").get(
        decision__slug="concept-gr-tekst-2022",
        body__municipality__slug="dordrecht",
        body__kind="council",
    )
    _record_vote(treatment, 12)
    # decisions, treatments (with everything a cell shows), griffie checks
    with django_assert_num_queries(3):
        response = client.get(reverse("decisions:status_matrix"))
    page = response.content.decode()
    assert page.count("<tr>") >= 1 + 2 + 7  # two header rows, seven municipalities
    assert "12 juli 2022" in page and "(38–1)" in page
    assert "te laat" in page and "gepland" in page  # distinct states, in words


def test_any_two_versions_compare_word_by_word(client, dataset, django_assert_num_queries):
    from decisions.models import Decision, DecisionVersion

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
