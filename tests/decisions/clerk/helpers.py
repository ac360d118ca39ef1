"""Small builders for the clerk-view tests: the treatment under test and the POST of its forms."""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from councils.models import ClerkMembership, CouncilTerm
from councils.roles import CLERK
from decisions import services
from decisions.models import Treatment
from decisions.selectors import council_on

CONCEPT = "concept-gr-tekst-2022"
#: The day of the meetings the helpers post by default.
MEETING_DAY = datetime.date(2022, 7, 12)


def council_treatment(slug="dordrecht", decision=CONCEPT) -> Treatment:
    return Treatment.objects.select_related("body__municipality", "decision").get(
        decision__slug=decision, body__municipality__slug=slug, body__kind="council", round=1
    )


def college_treatment(slug="dordrecht", decision=CONCEPT) -> Treatment:
    return Treatment.objects.select_related("body__municipality", "decision").get(
        decision__slug=decision, body__municipality__slug=slug, body__kind="executive", round=1
    )


def scheduled(treatment, day=MEETING_DAY) -> Treatment:
    """`treatment` on the agenda of a new meeting of its body on `day` at 20:00, as the clerk's
    "Presentielijst invullen" puts it there: its amendments and motions are voted in it."""
    starts_at = datetime.datetime.combine(
        day, datetime.time(20), tzinfo=ZoneInfo("Europe/Amsterdam")
    )
    meeting = services.meeting_create(
        body=treatment.body, new_meeting=services.NewMeeting(starts_at=starts_at), user=None
    )
    return services.treatment_schedule(
        treatment=treatment, revision=treatment.revision, meeting=meeting, user=None
    )


def clerk_of(municipality):
    """A clerk of `municipality`'s griffie."""
    from gr_portal.roles import ensure_roles

    user = get_user_model().objects.create_user(f"griffie-{municipality.slug}")
    user.groups.add(ensure_roles()[CLERK])
    ClerkMembership.objects.create(user=user, municipality=municipality)
    return user


def term_for(treatment) -> CouncilTerm:
    return CouncilTerm.objects.get(municipality=treatment.body.municipality)


def seats_of(treatment, day=MEETING_DAY) -> dict:
    """The council of the treatment's municipality on `day` (outside every term: on
    MEETING_DAY, for a POST that is to be refused): fractie name → its seats."""
    council = council_on(treatment.body.municipality_id, day) or council_on(
        treatment.body.municipality_id, MEETING_DAY
    )
    assert council is not None
    return {fractie.fractie.name: fractie for fractie in council.fracties}


def member_of(treatment, fractie, number=1, day=MEETING_DAY):
    """The `number`th member (1-based) of `fractie` on `day`: a decisions.selectors.Seat."""
    return seats_of(treatment, day)[fractie].seats[number - 1]


def vote_rows(treatment, votes=None, default="for", *, method="per_fractie", day=MEETING_DAY):
    """POST fields of the vote grid. `votes` maps a fractie name to (for, against, abstaining[,
    absent]): of its members, the first ones abstain (art. 28, on the personal ground) and the
    next ones are absent; the others voted for and against (per fractie: the fractie's row; in
    a roll call: each member's row, first the ones for). Other fracties vote wholly `default`
    ("for", "against" or "absent"). `members` overrides single members: member pk → (choice,
    ground). "blank" leaves a fractie present with nothing typed."""
    votes = votes or {}
    data = {}
    for name, fractie in seats_of(treatment, day).items():
        size = fractie.members
        counts = votes.get(name)
        if counts is None:
            counts = {
                "for": (size, 0, 0, 0),
                "against": (0, size, 0, 0),
                "absent": (0, 0, 0, size),
                "blank": (0, 0, 0, 0),
            }[default]
        votes_for, votes_against, abstaining, *absent = counts
        away = absent[0] if absent else 0
        prefix = f"fractie-{fractie.fractie.pk}"
        if method == "per_fractie":
            data[f"{prefix}-votes_for"] = votes_for
            data[f"{prefix}-votes_against"] = votes_against
        choices = (
            ["abstained"] * abstaining
            + ["absent"] * away
            + (["for"] * votes_for + ["against"] * votes_against if method == "roll_call" else [])
        )
        for index, seat in enumerate(fractie.seats):
            choice = choices[index] if index < len(choices) else "present"
            data[f"member-{seat.member.pk}-choice"] = choice
            data[f"member-{seat.member.pk}-ground"] = "personal" if choice == "abstained" else ""
    return data


def treatment_post(
    treatment,
    *,
    method="per_fractie",
    votes=None,
    default="for",
    meeting_date="2022-07-12",
    meeting="",
    action="save",
    reason="",
    revision=None,
    version=None,
    **fields,
) -> dict:
    treatment.refresh_from_db()
    day = datetime.date.fromisoformat(meeting_date) if meeting_date else MEETING_DAY
    data = {
        "revision": revision if revision is not None else treatment.revision,
        "meeting": meeting,
        "meeting_date": meeting_date,
        "meeting_time": "20:00",
        "meeting_location": "Raadzaal",
        "version": version or treatment.decision.versions.get(number=1).pk,
        "method": method,
        "notes": "",
        "reason": reason,
        action: "1",
        **fields,
    }
    if method in ("per_fractie", "roll_call", "without_vote"):
        data.update(vote_rows(treatment, votes, default, method=method, day=day))
    return data


def subject_post(
    treatment,
    *,
    method="per_fractie",
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
        "save": "1",
        **fields,
    }
    if method in ("per_fractie", "roll_call", "without_vote"):
        data.update(vote_rows(treatment, votes, default, method=method))
    return data
