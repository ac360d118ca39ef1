"""Processes and regelingen as the way in: the home page lists the processes (filterable by
regeling, municipality, kind and state; paginated), each process and each regeling has its own
page; their query counts do not depend on the country's data."""

import pytest
from django.urls import reverse

from councils.models import Municipality, Regeling
from decisions.models import Process
from gr_portal.core.choices import Outcome, ProcessKind
from gr_portal.views import PROCESSES_PER_PAGE
from tests.recording import DRECHTSTEDEN, record_outcomes

MERGER = "samenvoeging-drechtwerk-sociaal"
MERGER_TITLE = "Samenvoeging GR Drechtwerk in GR Sociaal"


def _more_processes(count: int, **fields) -> list[Process]:
    sociaal = Regeling.objects.get(slug="gr-sociaal")
    created = []
    for number in range(count):
        process = Process.objects.create(
            title=f"Wijziging GR Sociaal {number:02d}",
            slug=f"wijziging-gr-sociaal-{number:02d}",
            kind=fields.get("kind", ProcessKind.AMENDMENT),
            published=fields.get("published", True),
        )
        process.regelingen.add(sociaal)
        created.append(process)
    return created


def test_the_home_page_lists_the_processes_with_phase_and_next_milestone(
    client, dataset, django_assert_num_queries
):
    # the filter's regelingen and municipalities, the count and the page of processes with
    # their regelingen, the four of load_statuses, and two for the milestones and their links
    # to decisions and bodies (their recorded progress reads the decisions and treatments the
    # statuses were read from)
    with django_assert_num_queries(11):
        response = client.get(reverse("home"))
    page = response.content.decode()
    assert f'<a href="{reverse("process_detail", args=[MERGER])}">{MERGER_TITLE}</a>' in page
    assert "Samenvoeging · lopend" in page
    assert "0 van 7 colleges hebben besloten; wacht op alle 7 gemeenten." in page
    assert "Principebesluit colleges, 8 maart 2022" in page
    assert "1 traject" in page


def test_the_query_count_does_not_grow_with_more_processes(
    client, dataset, django_assert_num_queries
):
    _more_processes(PROCESSES_PER_PAGE + 5)
    with django_assert_num_queries(11):
        response = client.get(reverse("home"))
    page = response.content.decode()
    assert f"{PROCESSES_PER_PAGE + 6} trajecten" in page
    assert "Pagina 1 van 2" in page
    assert page.count('class="process-summary"') == PROCESSES_PER_PAGE
    # The Drechtsteden merger stays the first process.
    assert page.index(MERGER_TITLE) < page.index("Wijziging GR Sociaal 00")


def test_the_second_page_keeps_the_filters(client, dataset):
    _more_processes(PROCESSES_PER_PAGE + 5)
    first = client.get(reverse("home"), {"soort": "amendment"}).content.decode()
    assert "?soort=amendment&amp;pagina=2" in first
    second = client.get(reverse("home"), {"soort": "amendment", "pagina": 2}).content.decode()
    assert second.count('class="process-summary"') == 5
    assert f"Wijziging GR Sociaal {PROCESSES_PER_PAGE + 4:02d}" in second
    assert MERGER_TITLE not in second
    # A page beyond the last shows the last; nonsense shows the first.
    assert "Pagina 2 van 2" in client.get(reverse("home"), {"pagina": 99}).content.decode()
    assert "Pagina 1 van 2" in client.get(reverse("home"), {"pagina": "x"}).content.decode()


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"regeling": "gr-sociaal"}, True),
        ({"regeling": "gr-drechtwerk"}, True),
        ({"gemeente": "dordrecht"}, True),
        ({"soort": "merger"}, True),
        ({"soort": "budget"}, False),
        ({"stand": "lopend"}, True),
        ({"stand": "afgerond"}, False),
    ],
)
def test_the_filters(client, dataset, query, shown):
    page = client.get(reverse("home"), query).content.decode()
    assert (MERGER_TITLE in page) is shown
    if not shown:
        assert "Geen trajecten gevonden met deze keuze." in page


def test_a_municipality_outside_every_regeling_of_a_process_filters_it_out(client, dataset):
    elders = Municipality.objects.create(name="Elders", slug="elders", cbs_code="GM9999")
    other = Regeling.objects.create(
        name="GR Elders", short_name="GR Elders", slug="gr-elders", kind=Regeling.Kind.COLLEGE
    )
    other.participants.add(elders)  # the filter offers municipalities in some regeling
    page = client.get(reverse("home"), {"gemeente": "elders"}).content.decode()
    assert MERGER_TITLE not in page


def test_an_unknown_filter_value_is_a_field_error_not_a_server_error(client, dataset):
    response = client.get(reverse("home"), {"regeling": "bestaat-niet", "soort": "x"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Selecteer een geldige keuze" in page
    assert MERGER_TITLE in page  # the invalid filter is not applied


def test_a_process_is_afgerond_once_every_step_is_recorded(client, dataset):
    for slug in ("principebesluit-samenvoeging-2022", "concept-gr-tekst-2022"):
        record_outcomes(slug, "executive", Outcome.ADOPTED, DRECHTSTEDEN)
        record_outcomes(slug, "council", Outcome.ADOPTED, DRECHTSTEDEN)
    open_page = client.get(reverse("home"), {"stand": "lopend"}).content.decode()
    assert MERGER_TITLE in open_page  # the definitieve GR-tekst is still open
    final = "definitieve-gr-tekst-2022"
    record_outcomes(final, "council", Outcome.ADOPTED, DRECHTSTEDEN)
    record_outcomes(final, "executive", Outcome.ADOPTED, DRECHTSTEDEN)
    done = client.get(reverse("home"), {"stand": "afgerond"}).content.decode()
    assert MERGER_TITLE in done
    assert "Samenvoeging · afgerond" in done


def test_an_unpublished_process_is_only_for_those_who_may_see_drafts(
    client, dataset, council_member
):
    _more_processes(1, published=False)
    assert "Wijziging GR Sociaal 00" not in client.get(reverse("home")).content.decode()
    url = reverse("process_detail", args=["wijziging-gr-sociaal-00"])
    assert client.get(url).status_code == 404
    client.force_login(council_member)
    assert "niet gepubliceerd" in client.get(reverse("home")).content.decode()
    assert client.get(url).status_code == 200


def test_the_process_page_links_its_matrix_timeline_and_regelingen(client, dataset):
    page = client.get(reverse("process_detail", args=[MERGER])).content.decode()
    assert f"{reverse('decisions:status_matrix')}?traject={MERGER}" in page
    assert f"{reverse('milestones:timeline')}?traject={MERGER}" in page
    assert reverse("regeling_detail", args=["gr-sociaal"]) in page
    assert reverse("regeling_detail", args=["gr-drechtwerk"]) in page


def test_the_regeling_page(client, dataset, django_assert_num_queries):
    # the regeling, its participants, their stated weights, its processes, the treatments of
    # its algemeen bestuur with their weighted votes
    with django_assert_num_queries(5):
        response = client.get(reverse("regeling_detail", args=["gr-sociaal"]))
    page = response.content.decode()
    assert "7 deelnemers" in page
    assert reverse("municipality_detail", args=["papendrecht"]) in page
    assert MERGER_TITLE in page
    assert "Wgr art. 9" in page
    assert client.get(reverse("regeling_detail", args=["bestaat-niet"])).status_code == 404


def test_the_regeling_page_shows_the_weighting_calculator(
    client, dataset, django_assert_num_queries
):
    """GR Sociaal, one vote each: under a simple majority the four urban municipalities decide
    alone; under two thirds no side dominates and the polder side can block."""
    url = reverse("regeling_detail", args=["gr-sociaal"])
    # the regeling, its participants, their stated weights, its processes, the treatments of
    # its algemeen bestuur with their weighted votes
    with django_assert_num_queries(5):
        page = client.get(url).content.decode()
    assert "Stemverhouding in het algemeen bestuur" in page
    assert "<strong>stedelijk</strong> (57,1 %) kan een besluit alleen nemen" in page
    assert "overheersing door één gebied" in page
    page = client.get(url, {"methode": "equal", "drempel": "twee-derde"}).content.decode()
    assert "<strong>polder</strong> (42,9 %) kan een besluit niet alleen nemen, maar wel" in page
    assert "overheerst geen van beide gebieden" in page
    stated = client.get(url, {"methode": "stated", "drempel": "meerderheid"}).content.decode()
    assert "ontbreken gegevens" in stated  # no stated weights recorded for GR Sociaal
    # Nonsense falls back to the regeling's own weighting, not to an error.
    assert client.get(url, {"methode": "x", "drempel": "y"}).status_code == 200


def test_the_next_milestone_on_the_home_page_follows_what_was_recorded(client, dataset):
    """The home page's milestones reuse the treatments of its statuses: once every college took
    the principebesluit, its milestone is no longer the next one."""
    page = client.get(reverse("home")).content.decode()
    assert "Principebesluit colleges, 8 maart 2022" in page
    record_outcomes("principebesluit-samenvoeging-2022", "executive", Outcome.ADOPTED, DRECHTSTEDEN)
    page = client.get(reverse("home")).content.decode()
    upcoming = page[page.index("Volgende mijlpaal") :][:300]
    assert "Principebesluit colleges" not in upcoming
    assert "Gezamenlijke kennismaking SDD en Drechtwerk met de nieuwe raden" in upcoming
