"""The Atom feed of status changes (wijzigingen.atom): outcomes, meetings and text versions of
treatments, zienswijzen and griffie checks, newest first, each ending with the decision's status
as it stood right after the change, in the words every page uses. A fixed number of queries."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.test import override_settings
from django.urls import reverse

from councils.models import Meeting
from decisions import services
from decisions.models import Opinion, RecordCheck, Treatment
from decisions.opendata.feed import FEED_SIZE
from gr_portal.core.choices import Outcome
from gr_portal.core.history import with_history
from tests.decisions.clerk.helpers import CONCEPT, council_treatment, treatment_post
from tests.decisions.opendata.helpers import (
    AMSTERDAM,
    ATOM,
    feed_entries,
    record_all_councils,
    record_council_vote,
)
from tests.recording import record_outcomes, record_vote

pytestmark = pytest.mark.django_db


def _summary(entry: ET.Element) -> str:
    return entry.findtext(f"{ATOM}summary")


def _stand(entry: ET.Element) -> str:
    """The status the entry reports: what follows 'Stand: ' at the end of its summary."""
    summary = _summary(entry)
    assert " Stand: " in f" {summary}", summary
    return summary.rsplit("Stand: ", 1)[1]


def _home_verdict(client, slug=CONCEPT) -> str:
    """The verdict on a decision as its process's page shows it."""
    response = client.get(reverse("process_detail", args=["samenvoeging-drechtwerk-sociaal"]))
    [status] = [s for s in response.context["statuses"] if s.decision.slug == slug]
    assert status.verdict in response.content.decode()
    return status.verdict


def test_the_feed_reports_an_outcome_recorded_by_the_griffie(client, dataset, dordrecht_clerk):
    treatment = council_treatment()
    client.force_login(dordrecht_clerk)
    response = client.post(
        reverse("clerk:treatment", args=[treatment.pk]), treatment_post(treatment)
    )
    assert response.status_code == 302
    client.logout()

    response = client.get(reverse("opendata:feed"))
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}id") == "tag:testserver,2022:wijzigingen"
    assert feed.findtext(f"{ATOM}title") == "GR Portal: wijzigingen in de stand van besluiten"
    assert feed.findtext(f"{ATOM}subtitle") == (
        "Uitkomsten en vergaderingen van behandelingen, zienswijzen en controles door de "
        "griffies, voor alle gepubliceerde besluiten."
    )
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "GR Portal"
    assert feed.findtext(f"{ATOM}rights") == (
        "CC0 1.0 https://creativecommons.org/publicdomain/zero/1.0/"
    )
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "nl"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {
        "alternate": "http://testserver/",
        "self": "http://testserver/open-data/wijzigingen.atom",
    }
    [entry] = feed.findall(f"{ATOM}entry")
    assert feed.findtext(f"{ATOM}updated") == entry.findtext(f"{ATOM}updated")
    # the zienswijze step in its own words: never "aangenomen"
    assert entry.findtext(f"{ATOM}title") == (
        "Gemeenteraad Dordrecht: Concept aangepaste GR-tekst GR Sociaal zienswijze ingediend"
    )
    history_id = treatment.history.latest().history_id
    # tag:<host>,<day of the change>:<kind>/<history row>, RFC 4151
    assert re.fullmatch(
        rf"tag:testserver,\d{{4}}-\d{{2}}-\d{{2}}:behandeling/{history_id}",
        entry.findtext(f"{ATOM}id"),
    )
    updated = datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    assert updated.tzinfo is not None
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver/besluiten/{CONCEPT}/"
    summary = _summary(entry)
    assert "Uitkomst: zienswijze ingediend." in summary
    assert "Vergadering: 12 juli 2022, 20.00 uur." in summary
    assert "Tekstversie: 1." in summary
    assert summary.endswith(
        "Stand: 1 van 7 raden heeft een zienswijze ingediend; wacht op Alblasserdam, "
        "Hardinxveld-Giessendam, Hendrik-Ido-Ambacht, Papendrecht, Sliedrecht, Zwijndrecht."
    )
    # the same change keeps its id
    assert feed_entries(client)[0].findtext(f"{ATOM}id") == entry.findtext(f"{ATOM}id")


@override_settings(OPEN_DATA_TAG_AUTHORITY="grportal.example.nl")
def test_the_tag_authority_setting_keeps_the_ids_when_the_host_changes(client, recorded_vote):
    feed = ET.fromstring(client.get(reverse("opendata:feed")).content)
    assert feed.findtext(f"{ATOM}id") == "tag:grportal.example.nl,2022:wijzigingen"
    for entry in feed.findall(f"{ATOM}entry"):
        assert entry.findtext(f"{ATOM}id").startswith("tag:grportal.example.nl,")


def test_the_feed_lists_only_status_changes_newest_first(client, dataset, dordrecht_clerk):
    treatment = council_treatment()
    treatment.notes = "Agendapunt 7"  # no change of outcome, meeting or version
    treatment.save()
    assert feed_entries(client) == []

    record_council_vote(treatment, 12, with_subjects=False)
    treatment.outcome = Outcome.REJECTED
    with_history(treatment, user=dordrecht_clerk, reason="verkeerd overgenomen", correction=True)
    treatment.save()
    opinion = Opinion.objects.create(
        decision=treatment.decision,
        municipality=treatment.body.municipality,
        text="De raad stemt in.",
        submitted_on=datetime.date(2022, 7, 13),
    )
    check = RecordCheck.objects.create(
        decision=treatment.decision,
        municipality=treatment.body.municipality,
        checked_by=dordrecht_clerk,
        checked_at=datetime.datetime(2022, 7, 14, 9, 0, tzinfo=AMSTERDAM),
    )
    check.delete()

    entries = feed_entries(client)
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "Griffie Dordrecht: controle van Concept aangepaste GR-tekst GR Sociaal vervallen",
        "Griffie Dordrecht: gegevens over Concept aangepaste GR-tekst GR Sociaal gecontroleerd",
        "Gemeenteraad Dordrecht: zienswijze op Concept aangepaste GR-tekst GR Sociaal vastgelegd",
        "Gemeenteraad Dordrecht: Concept aangepaste GR-tekst GR Sociaal geen zienswijze",
        "Gemeenteraad Dordrecht: Concept aangepaste GR-tekst GR Sociaal zienswijze ingediend",
    ]
    assert "Reden: Correctie: verkeerd overgenomen" in _summary(entries[3])
    assert "Ingediend op 13 juli 2022." in _summary(entries[2])
    assert "Gecontroleerd op 14 juli 2022, 9.00 uur." in _summary(entries[1])
    # rejected after being adopted: the status changed with it
    assert _stand(entries[4]).startswith("1 van 7 raden heeft een zienswijze ingediend;")
    assert _stand(entries[3]).startswith(
        "0 van 7 raden hebben een zienswijze ingediend, 1 heeft besloten geen zienswijze in te "
        "dienen;"
    )
    # a council that decides not to give a zienswijze has taken its step (Wgr art. 1 lid 3)
    assert "1 heeft besloten geen zienswijze in te dienen" in _stand(entries[0])
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids)
    assert ids[2].endswith(f":zienswijze/{opinion.history.latest().history_id}")
    for entry in entries:
        for element in ("id", "title", "updated", "summary"):
            assert entry.findtext(f"{ATOM}{element}")
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/besluiten/")


def test_the_feed_holds_the_newest_fifty_changes(client, dataset):
    treatment = council_treatment()
    meetings = [
        Meeting.objects.create(
            body=treatment.body,
            starts_at=datetime.datetime(2022, 7, 1, 20, 0, tzinfo=AMSTERDAM)
            + datetime.timedelta(days=day),
        )
        for day in range(60)
    ]
    for meeting in meetings:  # every save moves the treatment to another meeting
        treatment.meeting = meeting
        treatment.save()
    entries = feed_entries(client)
    assert len(entries) == FEED_SIZE
    newest = treatment.history.latest().history_id
    assert entries[0].findtext(f"{ATOM}id").endswith(f":behandeling/{newest}")
    assert "29 augustus 2022" in _summary(entries[0])


# --- the status in each entry ----------------------------------------------------------------


def test_the_feed_words_the_status_as_the_home_page_does(client, recorded_vote):
    # recorded_vote: Dordrecht's council adopted its zienswijze and recorded it.
    verdict = _home_verdict(client)
    assert verdict.startswith("1 van 7 raden")
    newest, treatment_entry = feed_entries(client)[:2]
    assert newest.findtext(f"{ATOM}title").endswith(
        "zienswijze op Concept aangepaste GR-tekst GR Sociaal vastgelegd"
    )
    assert _summary(newest).endswith(f". Stand: {verdict}")
    assert _stand(treatment_entry) == verdict


def test_an_older_entry_shows_the_status_as_it_stood_then(client, recorded_vote):
    papendrecht = council_treatment("papendrecht")
    record_vote(papendrecht, day=13)
    entries = feed_entries(client)
    # Per council, newest first: its zienswijze, motion M1, amendment A1, its outcome.
    assert [entry.findtext(f"{ATOM}title").split(":")[0] for entry in entries] == [
        *["Gemeenteraad Papendrecht"] * 4,
        *["Gemeenteraad Dordrecht"] * 4,
    ]
    assert "motie M1 ‘Medewerkers Drechtwerk’ aangenomen" in entries[1].findtext(f"{ATOM}title")
    assert "amendement A1 ‘Rol van de raad’ verworpen" in entries[2].findtext(f"{ATOM}title")
    then = (
        "1 van 7 raden heeft een zienswijze ingediend; wacht op Alblasserdam, "
        "Hardinxveld-Giessendam, Hendrik-Ido-Ambacht, Papendrecht, Sliedrecht, Zwijndrecht."
    )
    now = (
        "2 van 7 raden hebben een zienswijze ingediend; wacht op Alblasserdam, "
        "Hardinxveld-Giessendam, Hendrik-Ido-Ambacht, Sliedrecht, Zwijndrecht."
    )
    assert [_stand(entry) for entry in entries] == [now] * 4 + [then] * 4
    assert now == _home_verdict(client)


def test_the_status_counts_only_treatments_that_existed_then(
    client, recorded_vote, dordrecht_clerk
):
    """A treatment added later does not count before it was made, nor after it was deleted."""
    decision, municipality = recorded_vote.decision, recorded_vote.body.municipality
    # A second round planned (the latest round of Dordrecht's council: nothing decided yet) ...
    second = Treatment.objects.create(
        decision=decision, body=recorded_vote.body, round=2, purpose="opinion"
    )
    # (a check made while the round is open: written directly, the griffie's button would
    # refuse it as incomplete)
    RecordCheck.objects.create(
        decision=decision, municipality=municipality, checked_by=dordrecht_clerk
    )
    # ... then deleted again.
    second.delete()
    record_outcomes(CONCEPT, "executive", Outcome.ADOPTED, ["Dordrecht"])
    services.record_check_mark(decision=decision, municipality=municipality, user=dordrecht_clerk)

    # newest first: the check again; the earlier check withdrawn by the college's decision;
    # the college's decision; the first check; the zienswijze
    rechecked, _withdrawn, _college, checked, opinion = feed_entries(client)[:5]
    assert "Gemeenteraad Dordrecht: zienswijze" in opinion.findtext(f"{ATOM}title")
    assert _stand(opinion).startswith("1 van 7 raden")
    assert (
        _stand(checked)
        == "0 van 7 raden hebben een zienswijze ingediend; wacht op alle 7 gemeenten."
    )
    assert _stand(rechecked) == _stand(opinion) == _home_verdict(client)


# --- fixed number of queries ---------------------------------------------------------------


def test_the_feed_queries_are_fixed(client, dataset, dordrecht_clerk, django_assert_num_queries):
    record_all_councils()  # through the services: 7 outcomes and 7 zienswijzen
    treatment = council_treatment()
    record_outcomes(CONCEPT, "executive", Outcome.ADOPTED, ["Dordrecht"])
    services.record_check_mark(
        decision=treatment.decision,
        municipality=treatment.body.municipality,
        user=dordrecht_clerk,
    )
    # 1. the newest zienswijze versions with decision, regeling and municipality
    # 2. the newest griffie-check versions with decision, regeling and municipality
    # 3. every treatment version of the decisions with one of the newest changes (a subquery),
    #    with decision, regeling, body, municipality, meeting and version: the changed ones
    #    are the entries, all of them give the status after each change
    # 4. and 5. the history ids of the newest amendment and motion versions whose outcome
    #    changed, 6. and 7. those versions with their treatment's decision, regeling, body and
    #    municipality (read only for a kind that has any)
    # 8. the regelingen's participants (each counts in the status, recorded or not)
    with django_assert_num_queries(8):
        response = client.get(reverse("opendata:feed"))
    # 7 outcomes, 7 zienswijzen, 7 amendments, 7 motions, a college's outcome, a check
    assert len(ET.fromstring(response.content).findall(f"{ATOM}entry")) == 30


def test_a_decision_in_a_draft_process_is_not_in_the_feed(client, recorded_vote):
    """The feed's rule is the portal's one publication rule (DecisionQuerySet.published): a
    decision marked published inside an unpublished process is still a draft."""
    from decisions.models import Process

    Process.objects.filter(pk=recorded_vote.decision.process_id).update(published=False)
    assert feed_entries(client) == []
