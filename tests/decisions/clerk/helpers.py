"""Small builders for the clerk-view tests: the treatment under test and the POST of its forms."""

from councils.models import CouncilTerm
from decisions.models import Treatment

CONCEPT = "concept-gr-tekst-2022"


def council_treatment(slug="dordrecht", decision=CONCEPT) -> Treatment:
    return Treatment.objects.select_related("body__municipality", "decision").get(
        decision__slug=decision, body__municipality__slug=slug, body__kind="council", round=1
    )


def college_treatment(slug="dordrecht", decision=CONCEPT) -> Treatment:
    return Treatment.objects.select_related("body__municipality", "decision").get(
        decision__slug=decision, body__municipality__slug=slug, body__kind="executive", round=1
    )


def term_for(treatment) -> CouncilTerm:
    return CouncilTerm.objects.get(municipality=treatment.body.municipality)


def vote_rows(treatment, votes=None, default="for") -> dict:
    """POST fields of the vote grid. `votes` maps a fractie name to (for, against, not taking
    part); other fracties vote wholly `default` ("for", "against" or "absent")."""
    votes = votes or {}
    data = {}
    for fractie in term_for(treatment).fracties.all():
        counts = votes.get(fractie.name)
        if counts is None:
            counts = {
                "for": (fractie.seats, 0, 0),
                "against": (0, fractie.seats, 0),
                "absent": (0, 0, 0),
            }[default]
        prefix = f"fractie-{fractie.pk}"
        data[f"{prefix}-votes_for"] = counts[0]
        data[f"{prefix}-votes_against"] = counts[1]
        data[f"{prefix}-not_taking_part"] = counts[2]
    return data


def treatment_post(
    treatment,
    *,
    method="per_fractie",
    present=None,
    votes=None,
    default="for",
    meeting_date="2022-07-12",
    meeting="",
    action="save",
    reason="",
    revision=None,
    version=None,
) -> dict:
    treatment.refresh_from_db()
    data = {
        "revision": revision if revision is not None else treatment.revision,
        "meeting": meeting,
        "meeting_date": meeting_date,
        "meeting_time": "20:00",
        "meeting_location": "Raadzaal",
        "version": version or treatment.decision.versions.get(number=1).pk,
        "method": method,
        "members_present": present if present is not None else term_for(treatment).size,
        "notes": "",
        "reason": reason,
        action: "1",
    }
    if method in ("per_fractie", "roll_call"):
        data.update(vote_rows(treatment, votes, default))
    return data


def subject_post(
    treatment,
    *,
    method="per_fractie",
    present=39,
    votes=None,
    default="for",
    sponsors=("GroenLinks",),
    revision=1,
    **fields,
) -> dict:
    """POST fields of the amendment or motion form (an amendment A1 unless told otherwise)."""
    fracties = {f.name: f.pk for f in term_for(treatment).fracties.all()}
    data = {
        "revision": revision,
        "code": fields.pop("code", "A1"),
        "title": fields.pop("title", "Rol van de raad in de nieuwe GR"),
        "text": fields.pop("text", "Voeg toe: de raden worden elk kwartaal geïnformeerd."),
        "sponsors": [fracties[name] for name in sponsors],
        "method": method,
        "members_present": present,
        "save": "1",
        **fields,
    }
    if method in ("per_fractie", "roll_call"):
        data.update(vote_rows(treatment, votes, default))
    return data
