"""The search page (search:page): what it finds, how it highlights, and what it never shows."""

import pytest
from django.db import connection
from django.urls import reverse

from councils.models import Municipality
from decisions.models import Amendment, Decision, DecisionVersion, Motion, Opinion
from decisions.search.query import RESULT_LIMIT
from tests.decisions.clerk.helpers import CONCEPT, council_treatment

PRINCIPLE_TITLE = "Principebesluit samenvoeging GR Drechtwerk en GR Sociaal"


def search(client, query):
    return client.get(reverse("search:page"), {"q": query})


def add_opinion(text, municipality="dordrecht", decision=CONCEPT):
    return Opinion.objects.create(
        decision=Decision.objects.get(slug=decision),
        municipality=Municipality.objects.get(slug=municipality),
        text=text,
    )


def test_the_page_without_a_query_is_just_the_form(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("search:page"))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<form method="get" action="/zoeken/"' in page
    assert '<label for="id_q">Zoek in besluiten, teksten, zienswijzen' in page
    assert 'type="search" name="q"' in page
    assert "resultaat" not in page


def test_a_word_in_a_decision_title_finds_the_decision_first(client, dataset):
    response = search(client, "Drechtwerk")
    page = response.content.decode()
    first = response.context["results"].hits[0]
    assert first.type_label == "besluit"
    assert "".join(text for text, _marked in first.title) == PRINCIPLE_TITLE
    assert "Principebesluit samenvoeging GR <mark>Drechtwerk</mark> en GR Sociaal" in page
    assert 'href="/besluiten/principebesluit-samenvoeging-2022/"' in page
    assert "tekstversie" in page  # the versions' texts mention Drechtwerk too
    count = len(response.context["results"].hits)
    assert f"{count} resultaten voor ‘Drechtwerk’" in page


def test_a_word_in_a_zienswijze_finds_it_with_its_municipality(client, dataset):
    add_opinion("De raad vraagt aandacht voor de jobcoaches van Drechtwerk.")
    page = search(client, "jobcoaches").content.decode()
    assert "1 resultaat voor ‘jobcoaches’" in page
    assert "zienswijze van Dordrecht" in page
    assert "Zienswijze van Dordrecht" in page
    assert "aandacht voor de <mark>jobcoaches</mark> van Drechtwerk" in page
    assert 'href="/besluiten/concept-gr-tekst-2022/#zienswijze-dordrecht"' in page


def test_the_name_of_a_municipality_finds_its_zienswijze(client, dataset):
    add_opinion("De raad stemt in met het concept.", municipality="papendrecht")
    page = search(client, "Papendrecht").content.decode()
    assert "Zienswijze van <mark>Papendrecht</mark>" in page


def test_amendments_and_motions_are_found_with_their_council(client, dataset):
    treatment = council_treatment()
    Amendment.objects.create(
        treatment=treatment, code="A1", title="Kwartaalrapportage", text="Voeg een kwartaal toe."
    )
    Motion.objects.create(
        treatment=treatment, code="M1", title="Werkgevers", text="Verzoekt een kwartaalrapportage."
    )
    page = search(client, "kwartaalrapportage").content.decode()
    assert "2 resultaten" in page
    assert ">amendement</strong> · Gemeenteraad Dordrecht · Concept aangepaste GR-tekst" in page
    assert ">motie</strong> · Gemeenteraad Dordrecht · Concept aangepaste GR-tekst" in page
    assert "A1 <mark>Kwartaalrapportage</mark>" in page
    assert "Verzoekt een <mark>kwartaalrapportage</mark>" in page
    # The title hit ranks above the text hit.
    assert page.index("A1 <mark>") < page.index("M1 Werkgevers")


def test_stored_html_is_shown_as_text_never_as_markup(client, dataset):
    add_opinion("De raad steunt <script>alert('x')</script> het <b>voorstel</b> & de toelichting.")
    page = search(client, "steunt").content.decode()
    assert "<mark>steunt</mark>" in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&lt;b&gt;voorstel&lt;/b&gt; &amp; de toelichting" in page
    assert "<script" not in page
    assert "<b>" not in page


def test_the_query_itself_is_escaped(client, dataset):
    page = search(client, "<script>alert(1)</script>").content.decode()
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "Er is niets gevonden" in page


def test_no_results_gives_advice(client, dataset):
    page = search(client, "zwembadsubsidie").content.decode()
    assert "Er is niets gevonden voor ‘zwembadsubsidie’." in page
    assert "Controleer de spelling." in page


def test_dutch_stemming_finds_other_forms_of_a_word(client, dataset):
    if connection.vendor != "postgresql":
        pytest.skip("Dutch stemming needs PostgreSQL's full-text search")
    # The Dutch snowball stemmer reduces both "samenvoegen" and "samenvoeging" to "samenvoeg".
    page = search(client, "samenvoegen").content.decode()
    assert "Principebesluit <mark>samenvoeging</mark> GR Drechtwerk en GR Sociaal" in page


@pytest.fixture
def unpublished_records(dataset):
    """The concept decision unpublished, and one record of each type that only it mentions."""
    decision = Decision.objects.get(slug=CONCEPT)
    decision.published = False
    decision.summary = "Nog vertrouwelijk."
    decision.save()
    DecisionVersion.objects.filter(decision=decision).update(text="Vertrouwelijke concepttekst.")
    add_opinion("Vertrouwelijk advies.")
    treatment = council_treatment()
    Amendment.objects.create(treatment=treatment, title="Vertrouwelijk", text="Amendement.")
    Motion.objects.create(treatment=treatment, title="Vertrouwelijk", text="Motie.")


def test_unpublished_records_are_hidden_from_anonymous_visitors(client, unpublished_records):
    response = search(client, "vertrouwelijk")
    assert response.context["results"].hits == []
    assert "Er is niets gevonden" in response.content.decode()


def test_unpublished_records_are_hidden_from_a_clerk(client, unpublished_records, sliedrecht_clerk):
    client.force_login(sliedrecht_clerk)
    assert search(client, "vertrouwelijk").context["results"].hits == []


def test_unpublished_records_are_found_by_a_council_member(
    client, unpublished_records, council_member
):
    client.force_login(council_member)
    hits = search(client, "vertrouwelijk").context["results"].hits
    assert sorted(hit.type_label for hit in hits) == [
        "amendement",
        "besluit",
        "motie",
        "tekstversie",
        "zienswijze van Dordrecht",
    ]


def test_search_queries_are_fixed(client, dataset, django_assert_num_queries):
    for municipality in Municipality.objects.all():
        add_opinion(f"Zienswijze van {municipality.name} over Drechtwerk.", municipality.slug)
    # One query per record type, each with what its hits show joined in:
    # 1. decisions, 2. text versions with decision, 3. zienswijzen with decision and
    # municipality, 4. amendments and 5. motions with treatment, decision, body, municipality
    # and regeling. An anonymous visitor costs no session or permission queries.
    with django_assert_num_queries(5):
        response = search(client, "Drechtwerk")
    # Drechtwerk: two decisions (title or summary), three versions, seven zienswijzen.
    assert len(response.context["results"].hits) == 2 + 3 + 7


def test_results_are_limited(client, dataset):
    treatment = council_treatment()
    Motion.objects.bulk_create(
        Motion(treatment=treatment, title=f"Motie {n}", text="Over de werkgeversdienstverlening.")
        for n in range(RESULT_LIMIT + 1)
    )
    response = search(client, "werkgeversdienstverlening")
    page = response.content.decode()
    assert len(response.context["results"].hits) == RESULT_LIMIT
    assert f"Meer dan {RESULT_LIMIT} resultaten voor ‘werkgeversdienstverlening’" in page
    assert f"Hieronder staan de {RESULT_LIMIT} meest relevante." in page


def test_an_overlong_query_is_refused_with_a_message(client, db):
    response = search(client, "woord " * 50)
    assert response.context["results"] is None
    assert "Zorg dat deze waarde niet meer dan 200 tekens bevat" in response.content.decode()
