"""A world for the API: Dordrecht's council vote on the concept GR-tekst with an amendment and
a motion, each voted on, and two members' own votes (tests/recording.py)."""

import pytest

from councils.models import Member
from decisions.models import MemberVote, Treatment
from tests.recording import record_vote


@pytest.fixture
def voted(dataset):
    """The recorded treatment; its vote has two members' own votes (one abstention under
    Gemeentewet art. 28, one absence)."""
    treatment = Treatment.objects.select_related("body__municipality", "decision").get(
        decision__slug="concept-gr-tekst-2022",
        body__municipality__slug="dordrecht",
        body__kind="council",
        round=1,
    )
    recorded = record_vote(treatment, vote_subjects=True)
    members = list(Member.objects.filter(term__municipality__slug="dordrecht").order_by("pk")[:2])
    for member, name in zip(members, ["", "Jan van der Berg"], strict=True):
        member.name = name
        member.save()
    choices = [
        (MemberVote.Choice.ABSTAINED, MemberVote.Ground.PERSONAL),
        (MemberVote.Choice.ABSENT, ""),
    ]
    for member, (choice, ground) in zip(members, choices, strict=True):
        MemberVote.objects.create(
            vote=recorded.vote,
            member=member,
            fractie=member.fractie_memberships.get().fractie,
            choice=choice,
            ground=ground,
        )
    return recorded


def api(client, path: str, **params):
    """GET /api/v1/<path> and its JSON (asserting 200)."""
    response = client.get(f"/api/v1/{path}", params)
    assert response.status_code == 200, response.content[:500]
    return response.json()


def every_result(client, resource: str) -> list[dict]:
    """Every object of a list, all pages."""
    objects, page = [], 1
    while True:
        body = api(client, resource, pagina=page)
        objects.extend(body["results"])
        if not body["next"]:
            return objects
        page += 1
