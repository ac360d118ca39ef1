"""Specification of the invariants of decisions, versions, treatments, votes and opinions.

The running example is Dordrecht's council (39 seats) treating the concept GR-tekst, introduced
on 1 June 2022, from the real dataset. Database-held invariants are tested by saving without
validation and expecting an IntegrityError; the others by full_clean() and its Dutch message.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from councils.models import Body, Fractie, Meeting, Municipality
from decisions.models import (
    Amendment,
    Decision,
    DecisionVersion,
    FractieVote,
    Motion,
    Opinion,
    Treatment,
    Vote,
)
from gr_portal.core.choices import Outcome, VoteMethod

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CONCEPT = "concept-gr-tekst-2022"  # introduced on 2022-06-01
PRINCIPLE = "principebesluit-samenvoeging-2022"


# --- helpers -----------------------------------------------------------------------------------


def at(year, month, day, hour=20, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


def council(slug="dordrecht"):
    return Body.objects.get(municipality__slug=slug, kind=Body.Kind.COUNCIL)


def meeting(body=None, starts_at=None):
    return Meeting.objects.create(body=body or council(), starts_at=starts_at or at(2022, 7, 7))


def treatment(slug=CONCEPT, body=None):
    return Treatment.objects.get(decision__slug=slug, body=body or council(), round=1)


def version(slug=CONCEPT):
    return DecisionVersion.objects.get(decision__slug=slug, number=1)


def dordrecht_fracties():
    return list(Fractie.objects.filter(term__municipality__slug="dordrecht"))


def amendment(treatment_, **values):
    return Amendment.objects.create(
        treatment=treatment_, title="Amendement A", text="Wijzig artikel 1.", **values
    )


def motion(treatment_):
    return Motion.objects.create(treatment=treatment_, title="Motie M", text="Verzoekt het college")


def messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


# --- decision and version ----------------------------------------------------------------------


def test_the_database_refuses_two_decisions_with_one_sequence_number_in_a_process(dataset):
    existing = Decision.objects.get(slug=CONCEPT)
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(
            process=existing.process,
            regeling=existing.regeling,
            kind=Decision.Kind.OTHER,
            title="Nog een besluit",
            slug="nog-een-besluit",
            sequence=existing.sequence,
            introduced_on=datetime.date(2022, 6, 1),
        )


def test_the_database_refuses_version_number_zero(dataset):
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionVersion.objects.create(
            decision=Decision.objects.get(slug=CONCEPT),
            number=0,
            text="Tekst",
            created_on=datetime.date(2022, 6, 1),
        )


def test_the_database_refuses_a_duplicate_version_number_of_a_decision(dataset):
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionVersion.objects.create(
            decision=Decision.objects.get(slug=CONCEPT),
            number=1,
            text="Andere tekst",
            created_on=datetime.date(2022, 6, 15),
        )


def test_a_second_version_of_a_decision_is_accepted(dataset):
    second = DecisionVersion.objects.create(
        decision=Decision.objects.get(slug=CONCEPT),
        number=2,
        text="Gewijzigde tekst",
        created_on=datetime.date(2022, 6, 15),
    )
    assert list(second.decision.versions.values_list("number", flat=True)) == [1, 2]


def test_full_clean_explains_version_number_zero_in_words_not_a_constraint_name(dataset):
    zero = DecisionVersion(
        decision=Decision.objects.get(slug=CONCEPT),
        number=0,
        text="Tekst",
        created_on=datetime.date(2022, 6, 1),
    )
    with pytest.raises(ValidationError) as refused:
        zero.full_clean()
    text = " ".join(messages(refused.value))
    assert "version_number_positive" not in text
    assert "versie" in text.lower()


# --- treatment: database -----------------------------------------------------------------------


def test_every_loaded_treatment_is_a_valid_plan(dataset):
    treatments = Treatment.objects.all()
    assert treatments.count() == 3 * 7 * 2
    for planned in treatments:
        assert planned.outcome == ""
        planned.full_clean()


@pytest.mark.parametrize("outcome", [Outcome.ADOPTED, Outcome.REJECTED])
def test_the_database_refuses_a_decided_treatment_without_meeting_or_version(dataset, outcome):
    with pytest.raises(IntegrityError), transaction.atomic():
        Treatment.objects.filter(pk=treatment().pk).update(outcome=outcome)


def test_the_database_refuses_an_adopted_treatment_with_a_meeting_but_no_version(dataset):
    planned = treatment()
    planned.meeting = meeting()
    planned.outcome = Outcome.ADOPTED
    with pytest.raises(IntegrityError), transaction.atomic():
        planned.save()


def test_the_database_refuses_an_adopted_treatment_with_a_version_but_no_meeting(dataset):
    planned = treatment()
    planned.version = version()
    planned.outcome = Outcome.ADOPTED
    with pytest.raises(IntegrityError), transaction.atomic():
        planned.save()


def test_an_adopted_treatment_with_meeting_and_version_is_accepted(dataset):
    planned = treatment()
    planned.meeting, planned.version, planned.outcome = meeting(), version(), Outcome.ADOPTED
    planned.full_clean()
    planned.save()
    assert Treatment.objects.decided().get() == planned


@pytest.mark.parametrize("outcome", [Outcome.POSTPONED, Outcome.WITHDRAWN])
def test_a_postponed_or_withdrawn_treatment_needs_no_version(dataset, outcome):
    planned = treatment()
    planned.meeting, planned.outcome = meeting(), outcome
    planned.full_clean()
    planned.save()


def test_the_database_refuses_a_duplicate_treatment_round(dataset):
    planned = treatment()
    with pytest.raises(IntegrityError), transaction.atomic():
        Treatment.objects.create(decision=planned.decision, body=planned.body, round=1)


def test_the_database_refuses_treatment_round_zero(dataset):
    planned = treatment()
    with pytest.raises(IntegrityError), transaction.atomic():
        Treatment.objects.create(decision=planned.decision, body=planned.body, round=0)


def test_full_clean_explains_treatment_round_zero_in_words_not_a_constraint_name(dataset):
    planned = treatment()
    planned.round = 0
    with pytest.raises(ValidationError) as refused:
        planned.full_clean()
    text = " ".join(messages(refused.value))
    assert "treatment_round_positive" not in text
    assert "ronde" in text.lower()


def test_a_postponed_treatment_is_followed_by_a_second_round(dataset):
    planned = treatment()
    second = Treatment.objects.create(decision=planned.decision, body=planned.body, round=2)
    assert second.round == 2


def test_full_clean_explains_a_decided_treatment_without_meeting_and_version(dataset):
    planned = treatment()
    planned.outcome = Outcome.ADOPTED
    with pytest.raises(ValidationError) as refused:
        planned.full_clean()
    assert messages(refused.value) == [
        "Een aangenomen of verworpen besluit heeft een vergadering en de tekstversie waarover "
        "is gestemd."
    ]


# --- treatment: validation ---------------------------------------------------------------------


def test_clean_refuses_a_version_of_another_decision(dataset):
    planned = treatment(CONCEPT)
    planned.meeting = meeting()
    planned.version = version(PRINCIPLE)
    with pytest.raises(ValidationError) as refused:
        planned.full_clean()
    assert refused.value.message_dict == {
        "version": ["Deze tekstversie hoort bij een ander besluit."]
    }


def test_clean_refuses_a_meeting_of_another_body(dataset):
    planned = treatment(body=council("dordrecht"))
    planned.meeting = meeting(body=council("sliedrecht"))
    with pytest.raises(ValidationError) as refused:
        planned.full_clean()
    assert refused.value.message_dict == {
        "meeting": ["Deze vergadering is van een ander bestuursorgaan."]
    }


def test_clean_refuses_a_meeting_of_the_college_for_the_councils_treatment(dataset):
    dordrecht = Municipality.objects.get(slug="dordrecht")
    college = Body.objects.get(municipality=dordrecht, kind=Body.Kind.EXECUTIVE)
    planned = treatment(body=council("dordrecht"))
    planned.meeting = meeting(body=college)
    with pytest.raises(ValidationError) as refused:
        planned.full_clean()
    assert list(refused.value.message_dict) == ["meeting"]


def test_clean_refuses_a_meeting_held_before_the_decision_was_introduced(dataset):
    planned = treatment(CONCEPT)
    planned.meeting = meeting(starts_at=at(2022, 5, 31))
    with pytest.raises(ValidationError) as refused:
        planned.full_clean()
    assert refused.value.message_dict == {
        "meeting": [
            "De vergadering van 31 mei 2022 was vóór het besluit werd voorgelegd (1 juni 2022)."
        ]
    }


def test_clean_accepts_a_meeting_on_the_day_of_introduction_even_just_after_midnight(dataset):
    """00.30 on 1 June in Dordrecht is 22.30 UTC on 31 May: still the day of introduction."""
    planned = treatment(CONCEPT)
    planned.meeting = meeting(starts_at=at(2022, 6, 1, 0, 30))
    planned.full_clean()


def test_clean_accepts_the_councils_own_meeting_and_the_decisions_own_version(dataset):
    planned = treatment(CONCEPT)
    planned.meeting, planned.version, planned.outcome = meeting(), version(), Outcome.ADOPTED
    planned.full_clean()


# --- amendment, motion -------------------------------------------------------------------------


@pytest.mark.parametrize("outcome", ["", Outcome.REJECTED, Outcome.WITHDRAWN, Outcome.POSTPONED])
def test_the_database_refuses_an_amendment_that_changed_the_text_without_being_adopted(
    dataset, outcome
):
    with pytest.raises(IntegrityError), transaction.atomic():
        amendment(treatment(), outcome=outcome, changed_text=True)


def test_an_adopted_amendment_may_have_changed_the_text(dataset):
    adopted = amendment(treatment(), outcome=Outcome.ADOPTED, changed_text=True)
    adopted.full_clean()


def test_full_clean_explains_an_amendment_that_changed_the_text_without_being_adopted(dataset):
    rejected = Amendment(
        treatment=treatment(),
        title="Amendement A",
        text="Wijzig artikel 1.",
        outcome=Outcome.REJECTED,
        changed_text=True,
    )
    with pytest.raises(ValidationError) as refused:
        rejected.full_clean()
    assert messages(refused.value) == [
        "Alleen een aangenomen amendement kan de tekst hebben gewijzigd."
    ]


# --- vote --------------------------------------------------------------------------------------


def test_a_valid_vote_per_fractie_is_saved(dataset):
    """Dordrecht, 39 seats: two members of the largest fractie absent, the second votes against."""
    largest, opposing, *others = dordrecht_fracties()
    against = opposing.seats
    in_favour = largest.seats - 2 + sum(fractie.seats for fractie in others)
    assert in_favour + against == 37
    vote = Vote.objects.create(
        treatment=treatment(),
        method=VoteMethod.PER_FRACTIE,
        members_present=37,
        votes_for=in_favour,
        votes_against=against,
    )
    FractieVote.objects.create(
        vote=vote, fractie=largest, seats=largest.seats, votes_for=largest.seats - 2, absent=2
    )
    FractieVote.objects.create(
        vote=vote, fractie=opposing, seats=opposing.seats, votes_against=opposing.seats
    )
    for fractie in others:
        FractieVote.objects.create(
            vote=vote, fractie=fractie, seats=fractie.seats, votes_for=fractie.seats
        )
    vote.full_clean()
    for fractie_vote in vote.fractie_votes.all():
        fractie_vote.full_clean()
    assert vote.fractie_votes.count() == 2 + len(others)
    assert vote.subject == treatment()
    assert vote.fractie_votes.get(fractie=largest).absent == 2


@pytest.mark.parametrize("field", ["votes_for", "votes_against", "members_present"])
def test_the_database_refuses_a_negative_vote_count(dataset, field):
    values = {"members_present": 39, "votes_for": 20, "votes_against": 10, field: -1}
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(treatment=treatment(), method=VoteMethod.ROLL_CALL, **values)


def test_the_database_refuses_a_negative_vote_count_written_by_a_queryset_update(dataset):
    vote = Vote.objects.create(
        treatment=treatment(), method=VoteMethod.ROLL_CALL, members_present=39, votes_for=39
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.filter(pk=vote.pk).update(votes_for=-1)


def test_the_database_refuses_more_votes_than_members_present(dataset):
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(
            treatment=treatment(),
            method=VoteMethod.ROLL_CALL,
            members_present=30,
            votes_for=20,
            votes_against=11,
        )


def test_the_database_accepts_exactly_as_many_votes_as_members_present(dataset):
    vote = Vote.objects.create(
        treatment=treatment(),
        method=VoteMethod.ROLL_CALL,
        members_present=30,
        votes_for=20,
        votes_against=10,
    )
    vote.full_clean()


def test_full_clean_explains_more_votes_than_members_present(dataset):
    vote = Vote(
        treatment=treatment(),
        method=VoteMethod.ROLL_CALL,
        members_present=30,
        votes_for=20,
        votes_against=11,
    )
    with pytest.raises(ValidationError) as refused:
        vote.full_clean()
    assert messages(refused.value) == [
        "Er zijn meer stemmen uitgebracht dan er leden aanwezig waren."
    ]


def test_full_clean_refuses_a_negative_vote_count(dataset):
    vote = Vote(
        treatment=treatment(),
        method=VoteMethod.ROLL_CALL,
        members_present=30,
        votes_for=-1,
    )
    with pytest.raises(ValidationError) as refused:
        vote.full_clean()
    assert "votes_for" in refused.value.message_dict
    assert "0" in refused.value.message_dict["votes_for"][0]


def test_the_database_refuses_a_vote_without_a_subject(dataset):
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(method=VoteMethod.WITHOUT_VOTE, members_present=39)


@pytest.mark.parametrize(
    "subjects",
    [("treatment", "amendment"), ("treatment", "motion"), ("amendment", "motion")],
)
def test_the_database_refuses_a_vote_on_two_subjects(dataset, subjects):
    planned = treatment()
    available = {"treatment": planned, "amendment": amendment(planned), "motion": motion(planned)}
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(
            method=VoteMethod.ROLL_CALL,
            members_present=39,
            **{name: available[name] for name in subjects},
        )


def test_the_database_refuses_a_vote_on_all_three_subjects(dataset):
    planned = treatment()
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(
            treatment=planned,
            amendment=amendment(planned),
            motion=motion(planned),
            method=VoteMethod.ROLL_CALL,
            members_present=39,
        )


@pytest.mark.parametrize("subject", ["treatment", "amendment", "motion"])
def test_a_vote_on_exactly_one_subject_is_accepted(dataset, subject):
    planned = treatment()
    available = {
        "treatment": lambda: planned,
        "amendment": lambda: amendment(planned),
        "motion": lambda: motion(planned),
    }
    target = available[subject]()
    vote = Vote.objects.create(
        method=VoteMethod.WITHOUT_VOTE, members_present=39, **{subject: target}
    )
    assert vote.subject == target


def test_full_clean_explains_a_vote_without_a_subject(dataset):
    vote = Vote(method=VoteMethod.WITHOUT_VOTE, members_present=39)
    with pytest.raises(ValidationError) as refused:
        vote.full_clean()
    assert messages(refused.value) == [
        "Een stemming gaat over precies één voorstel, amendement of motie."
    ]


def test_the_database_refuses_a_second_vote_on_one_treatment(dataset):
    planned = treatment()
    Vote.objects.create(treatment=planned, method=VoteMethod.WITHOUT_VOTE, members_present=39)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(treatment=planned, method=VoteMethod.ROLL_CALL, members_present=39)


# --- fractie vote ------------------------------------------------------------------------------


def _vote():
    return Vote.objects.create(
        treatment=treatment(), method=VoteMethod.PER_FRACTIE, members_present=39, votes_for=39
    )


def test_the_database_refuses_a_fractie_with_more_votes_than_seats(dataset):
    vvd = Fractie.objects.get(term__municipality__slug="dordrecht", name="VVD")
    with pytest.raises(IntegrityError), transaction.atomic():
        FractieVote.objects.create(
            vote=_vote(), fractie=vvd, seats=6, votes_for=4, votes_against=2, not_taking_part=1
        )


def test_the_database_accepts_a_fractie_whose_votes_fill_its_seats(dataset):
    vvd = Fractie.objects.get(term__municipality__slug="dordrecht", name="VVD")
    fractie_vote = FractieVote.objects.create(
        vote=_vote(), fractie=vvd, seats=6, votes_for=3, votes_against=2, not_taking_part=1
    )
    assert fractie_vote.absent == 0


@pytest.mark.parametrize("field", ["seats", "votes_for", "votes_against", "not_taking_part"])
def test_the_database_refuses_a_negative_fractie_vote_count(dataset, field):
    vvd = Fractie.objects.get(term__municipality__slug="dordrecht", name="VVD")
    values = {"seats": 6, "votes_for": 3, "votes_against": 0, "not_taking_part": 0, field: -1}
    with pytest.raises(IntegrityError), transaction.atomic():
        FractieVote.objects.create(vote=_vote(), fractie=vvd, **values)


def test_the_database_refuses_two_fractie_votes_of_one_fractie_in_one_vote(dataset):
    vvd = Fractie.objects.get(term__municipality__slug="dordrecht", name="VVD")
    vote = _vote()
    FractieVote.objects.create(vote=vote, fractie=vvd, seats=6, votes_for=6)
    with pytest.raises(IntegrityError), transaction.atomic():
        FractieVote.objects.create(vote=vote, fractie=vvd, seats=6, votes_against=6)


def test_full_clean_explains_a_fractie_with_more_votes_than_seats(dataset):
    vvd = Fractie.objects.get(term__municipality__slug="dordrecht", name="VVD")
    fractie_vote = FractieVote(vote=_vote(), fractie=vvd, seats=6, votes_for=7)
    with pytest.raises(ValidationError) as refused:
        fractie_vote.full_clean()
    assert messages(refused.value) == [
        "Elk lid van de fractie stemt voor of tegen, onthoudt zich (art. 28) of is afwezig: "
        "samen evenveel als de fractie leden heeft."
    ]


def test_the_database_refuses_a_fractie_whose_members_are_not_all_accounted_for(dataset):
    vvd = Fractie.objects.get(term__municipality__slug="dordrecht", name="VVD")
    with pytest.raises(IntegrityError), transaction.atomic():
        FractieVote.objects.create(vote=_vote(), fractie=vvd, seats=6, votes_for=4, absent=1)


# --- opinion -----------------------------------------------------------------------------------


def test_the_database_refuses_a_second_opinion_of_one_council_on_one_decision(dataset):
    decision = Decision.objects.get(slug=CONCEPT)
    dordrecht = Municipality.objects.get(slug="dordrecht")
    Opinion.objects.create(decision=decision, municipality=dordrecht, text="Eerste zienswijze")
    with pytest.raises(IntegrityError), transaction.atomic():
        Opinion.objects.create(decision=decision, municipality=dordrecht, text="Tweede")


def test_each_council_may_send_its_own_opinion_on_one_decision(dataset):
    decision = Decision.objects.get(slug=CONCEPT)
    for municipality in Municipality.objects.all():
        Opinion.objects.create(decision=decision, municipality=municipality, text="Zienswijze")
    assert decision.opinions.count() == 7
