"""The pages that combine the apps (gr_portal.views): the home page, a decision's page, a
municipality's page and the health check. Each answers in a fixed number of queries, shows only
what it may, and words a decision's state as decisions.status does (one verdict everywhere)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils.html import escape

from councils.models import Municipality
from decisions.models import Decision, DecisionVersion, RecordCheck, Treatment
from decisions.selectors import load_statuses
from gr_portal.core.choices import Outcome
from tests.recording import DRECHTSTEDEN, record_outcomes, record_vote

PRINCIPLE = "principebesluit-samenvoeging-2022"
CONCEPT = "concept-gr-tekst-2022"
FINAL = "definitieve-gr-tekst-2022"
PROCESS = "samenvoeging-drechtwerk-sociaal"


def process_url() -> str:
    """The Drechtsteden merger's own page: where it stands, per decision."""
    return reverse("process_detail", args=[PROCESS])


PAGES = [
    ("home", {}),
    ("process_detail", {"slug": PROCESS}),
    ("decision_detail", {"slug": CONCEPT}),
    ("municipality_detail", {"slug": "dordrecht"}),
]

ALL = DRECHTSTEDEN

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def record_every_councils_vote():
    """Each council's vote on the concept GR-tekst, each at its own meeting (see record_vote)."""
    councils = Treatment.objects.filter(
        decision__slug=CONCEPT, body__kind="council"
    ).select_related("body__municipality", "decision")
    for day, treatment in enumerate(councils, start=4):
        record_vote(treatment, day=day)


# --- every page --------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_page_answers_200_for_an_anonymous_visitor(client, dataset, name, kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    assert response["Content-Language"] == "nl"


def test_unknown_slugs_are_404(client, dataset):
    assert client.get(reverse("decision_detail", args=["bestaat-niet"])).status_code == 404
    assert client.get(reverse("municipality_detail", args=["atlantis"])).status_code == 404


def test_health_check_reports_the_database(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


# --- the home page -----------------------------------------------------------------------------


def test_process_page_queries_are_fixed(client, dataset, django_assert_num_queries):
    # the process, its regelingen,
    # 1. visible decisions with process and regeling
    # 2. their treatments with body, municipality, regeling, meeting, version and vote
    # 3. the griffies' checks of those decisions
    # 4. the regelingen's participants (every one counts, recorded or not)
    # 5. the milestones of the process, 6. their links to decisions and bodies (the decisions
    # and the treatments that say how far they reached are those of the statuses)
    with django_assert_num_queries(8):
        response = client.get(process_url())
    page = response.content.decode()
    assert "Principebesluit samenvoeging GR Drechtwerk en GR Sociaal" in page
    assert "Zwijndrecht" in page
    assert "gepland 8 maart 2022" in page


def test_process_page_queries_do_not_grow_with_votes(client, dataset, django_assert_num_queries):
    record_every_councils_vote()
    with django_assert_num_queries(8):
        response = client.get(process_url())
    assert "7 van 7 raden hebben een zienswijze ingediend." in response.content.decode()


def test_the_verdict_names_the_colleges_still_blocking(client, dataset):
    """In a collegeregeling the councils consent and the colleges change the regeling
    (Wgr art. 1 lid 4): the step waits for the colleges that have not decided yet."""
    record_outcomes(FINAL, "council", Outcome.ADOPTED, ALL)
    record_outcomes(FINAL, "executive", Outcome.ADOPTED, ALL[:4] + ALL[6:])
    page = client.get(process_url()).content.decode()
    assert (
        "5 van 7 colleges hebben besloten tot wijziging; toestemming van 7 van 7 raden; "
        "wacht op Papendrecht, Sliedrecht."
    ) in page
    assert "Nog 2 instemmingen nodig" in page


def test_the_councils_toestemming_alone_is_not_the_change(client, dataset):
    record_outcomes(FINAL, "council", Outcome.ADOPTED, ALL)
    page = client.get(process_url()).content.decode()
    assert (
        "0 van 7 colleges hebben besloten tot wijziging; toestemming van 7 van 7 raden; "
        "wacht op alle 7 gemeenten."
    ) in page


def test_the_current_phase_is_the_first_step_not_yet_taken(client, dataset):
    record_outcomes(PRINCIPLE, "executive", Outcome.ADOPTED, ALL)
    page = client.get(process_url()).content.decode()
    phase = page[page.index("Huidige fase") : page.index("Volgende mijlpaal")]
    assert "Concept aangepaste GR-tekst GR Sociaal" in phase
    assert "0 van 7 raden hebben een zienswijze ingediend" in phase


# --- a decision's page -------------------------------------------------------------------------


def test_decision_page_queries_are_fixed(client, dataset, django_assert_num_queries):
    # 1 decision, 2 versions, 3 treatments (with body, municipality, meeting, version, vote),
    # 4 fractie votes, 5 amendments, 6 amendment sponsors, 7 amendment fractie votes,
    # 8 motions, 9 motion sponsors, 10 motion fractie votes, 11 zienswijzen, 12 griffie checks,
    # 13 the regeling's participants, 14 milestones. Prefetches of empty sets are skipped by
    # Django, so with no votes recorded yet the fractie-vote and sponsor queries do not run.
    with django_assert_num_queries(9):
        response = client.get(reverse("decision_detail", kwargs={"slug": CONCEPT}))
    page = response.content.decode()
    assert "Concept aangepaste GR-tekst GR Sociaal" in page
    assert "zienswijze" in page
    assert page.count("Gemeenteraad ") >= 7


def test_decision_page_queries_do_not_grow_with_votes(client, dataset, django_assert_num_queries):
    record_every_councils_vote()
    # 1 decision, 2 versions, 3 treatments, 4 fractie votes, 5 amendments, 6 amendment
    # sponsors, 7 amendment fractie votes, 8 motions, 9 motion sponsors, 10 motion fractie
    # votes, 11 zienswijzen, 12 griffie checks, 13 the regeling's participants, 14 milestones;
    # the amendments and motions here carry no per-fractie vote, so 7 and 10 are skipped
    with django_assert_num_queries(12):
        response = client.get(reverse("decision_detail", args=[CONCEPT]))
    page = response.content.decode()
    assert page.count("De raad stemt in met het concept.") == 7
    assert "Rol van de raad" in page
    assert "Medewerkers Drechtwerk" in page
    assert "aangenomen" in page


def test_unpublished_decision_is_hidden_from_anonymous_visitors(client, dataset):
    Decision.objects.filter(slug=CONCEPT).update(published=False)
    assert client.get(reverse("decision_detail", args=[CONCEPT])).status_code == 404
    assert "Concept aangepaste GR-tekst" not in client.get(process_url()).content.decode()


def test_unpublished_decision_is_shown_to_a_council_member(client, dataset, council_member):
    Decision.objects.filter(slug=CONCEPT).update(published=False)
    client.force_login(council_member)
    response = client.get(reverse("decision_detail", args=[CONCEPT]))
    assert response.status_code == 200
    assert "niet gepubliceerd" in response.content.decode()


def test_the_decision_page_shows_what_changed_since_the_version_voted_on(client, recorded_vote):
    first = recorded_vote.decision.versions.get(number=1)  # the version voted on
    DecisionVersion.objects.create(
        decision=recorded_vote.decision,
        number=2,
        created_on=first.created_on,
        text=first.text.replace("eigen merk en identiteit", "eigen naam"),
    )
    page = client.get(reverse("decision_detail", args=[CONCEPT])).content.decode()
    assert "Verschil met de huidige tekst" in page
    assert '<del><span class="visually-hidden">verwijderd: </span>merk en identiteit' in page
    assert '<ins><span class="visually-hidden">toegevoegd: </span>naam' in page


def test_status_pages_show_the_griffie_check_with_its_date(client, dataset, dordrecht_clerk):
    RecordCheck.objects.create(
        decision=Decision.objects.get(slug=CONCEPT),
        municipality=Municipality.objects.get(slug="dordrecht"),
        checked_by=dordrecht_clerk,
        checked_at=datetime.datetime(2022, 7, 14, 9, 0, tzinfo=AMSTERDAM),
    )
    for url in (process_url(), reverse("decision_detail", args=[CONCEPT])):
        page = client.get(url).content.decode()
        assert "gecontroleerd</span> door de griffie op 14 juli 2022" in page


# --- a municipality's page ---------------------------------------------------------------------


def test_municipality_page_queries_are_fixed(client, dataset, django_assert_num_queries):
    # 1 municipality, 2 terms, 3 fracties, 4 their members (with their periods), 5 regelingen,
    # 6 bodies, 7 college members, 8 meetings, 9 treatments
    with django_assert_num_queries(9):
        response = client.get(reverse("municipality_detail", kwargs={"slug": "alblasserdam"}))
    page = response.content.decode()
    assert "GM0482" in page
    assert "schatting" in page  # the population is an estimate, and says so
    assert "niet geverifieerd" in page  # so is Alblasserdam's composition


def test_the_college_is_listed_burgemeester_first_those_in_office_first(client, dataset):
    page = client.get(reverse("municipality_detail", args=["dordrecht"])).content.decode()
    college = page[page.index('<ul class="college">') :]
    college = college[: college.index("</ul>")]
    roles = [part.split(":")[0].strip() for part in college.split("<li>")[1:]]
    assert roles == sorted(roles, key=["Burgemeester", "Wethouder", "Gemeentesecretaris"].index)
    # Within the wethouders, the one who left in 2024 comes after those in office.
    assert college.index("Peter Heijkoop") > college.index("Tanja de Jonge")


# --- one verdict everywhere --------------------------------------------------------------------
# The home page, the matrix and a decision's page word a decision's state with the same
# sentence, DecisionStatus.verdict. (The decision page used to count "gemeenten die hebben
# ingestemd", also for a principebesluit that the colleges take.)

VERDICT_PAGES = [
    ("process_detail", "process"),
    ("decisions:status_matrix", None),
    ("decision_detail", "own"),
]


def verdicts():
    return {s.decision.slug: s.verdict for s in load_statuses(Decision.objects.all())}


def pages_showing(slug):
    """The pages that show `slug`'s verdict: its process's page, the matrix and the decision's
    own page."""
    for name, own in VERDICT_PAGES:
        args = {"own": [slug], "process": [PROCESS]}.get(own or "", [])
        yield name, reverse(name, args=args)


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        (PRINCIPLE, "0 van 7 colleges hebben besloten; wacht op alle 7 gemeenten."),
        (CONCEPT, "0 van 7 raden hebben een zienswijze ingediend; wacht op alle 7 gemeenten."),
    ],
)
def test_the_same_verdict_on_every_page_with_the_real_dataset(client, dataset, slug, expected):
    assert verdicts()[slug] == expected
    for name, url in pages_showing(slug):
        page = client.get(url).content.decode()
        assert escape(expected) in page, name
    assert (
        "gemeenten hebben ingestemd"
        not in client.get(reverse("decision_detail", args=[slug])).content.decode()
    )


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        (PRINCIPLE, "0 van 7 colleges hebben besloten; wacht op alle 7 gemeenten."),
        (
            CONCEPT,
            "1 van 7 raden heeft een zienswijze ingediend; wacht op Alblasserdam, "
            "Hardinxveld-Giessendam, Hendrik-Ido-Ambacht, Papendrecht, Sliedrecht, Zwijndrecht.",
        ),
    ],
)
def test_the_same_verdict_on_every_page_after_a_recorded_vote(
    client, recorded_vote, slug, expected
):
    assert verdicts()[slug] == expected
    for name, url in pages_showing(slug):
        page = client.get(url).content.decode()
        assert escape(expected) in page, name
    decision_page = client.get(reverse("decision_detail", args=[slug])).content.decode()
    assert f'<p class="verdict">{escape(expected)}</p>' in decision_page
    assert "gemeenten hebben ingestemd" not in decision_page


def test_the_process_page_shows_each_verdict_exactly_once_per_decision(client, recorded_vote):
    page = client.get(process_url()).content.decode()
    for verdict in verdicts().values():
        assert page.count(f'<p class="verdict">{escape(verdict)}</p>') == 1, verdict


def test_the_next_milestone_follows_what_was_recorded(client, dataset):
    """A milestone about decisions is reached when its bodies settled them: once every college
    took the principebesluit, that milestone is no longer the next one."""
    page = client.get(process_url()).content.decode()
    upcoming = page[page.index("Volgende mijlpaal") :][:400]
    assert "Principebesluit colleges" in upcoming
    record_outcomes(PRINCIPLE, "executive", Outcome.ADOPTED, ALL)
    page = client.get(process_url()).content.decode()
    upcoming = page[page.index("Volgende mijlpaal") :][:400]
    assert "Principebesluit colleges" not in upcoming
    assert "Gezamenlijke kennismaking SDD en Drechtwerk met de nieuwe raden" in upcoming
