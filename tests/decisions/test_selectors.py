"""Specification of the shared reads (decisions.selectors): each in a fixed number of queries,
whatever the number of decisions, municipalities or votes."""

import datetime
from zoneinfo import ZoneInfo

from councils.models import Municipality
from decisions import services
from decisions.models import Decision, Treatment
from decisions.rules import derive_outcome
from decisions.selectors import clerk_workspace, earlier_round_tied, load_statuses
from gr_portal.core.choices import Outcome, VoteMethod
from tests.recording import record_vote

CONCEPT = "concept-gr-tekst-2022"

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def dordrecht_council(round=1):
    return Treatment.objects.select_related("body__municipality", "decision").get(
        decision__slug=CONCEPT,
        body__municipality__slug="dordrecht",
        body__kind="council",
        round=round,
    )


def record_roll_call(treatment, *, present, votes_for, votes_against, day=12):
    """A roll-call vote in Dordrecht's council (39 seats), the outcome derived by the rules."""
    result = derive_outcome(
        method=VoteMethod.ROLL_CALL,
        council_size=39,
        members_present=present,
        votes_for=votes_for,
        votes_against=votes_against,
    )
    return services.treatment_record(
        treatment=treatment,
        revision=treatment.revision,
        user=None,
        outcome=result.outcome,
        new_meeting=services.NewMeeting(
            starts_at=datetime.datetime(2022, 7, day, 20, tzinfo=AMSTERDAM)
        ),
        version=treatment.decision.versions.get(number=1),
        vote=services.VoteInput(
            method=VoteMethod.ROLL_CALL, members_present=present, result=result
        ),
    )


# --- load_statuses -----------------------------------------------------------------------------


def test_load_statuses_answers_in_four_queries_and_the_statuses_need_none_more(
    dataset, recorded_vote, django_assert_num_queries
):
    # 1. the decisions with process and regeling
    # 2. their treatments with body, municipality, regeling, meeting, version and vote
    # 3. the griffies' checks
    # 4. the regelingen's participants (the status counts all of them, recorded or not)
    with django_assert_num_queries(4):
        statuses = load_statuses(Decision.objects.all())
    with django_assert_num_queries(0):
        lines = [(s.verdict, s.force_line, s.in_force, s.done_by, s.waiting_for) for s in statuses]
    assert [s.decision.slug for s in statuses] == list(
        Decision.objects.values_list("slug", flat=True)
    )
    assert all(len(s.rows) == 7 for s in statuses)
    assert lines[1][0].startswith("1 van 7 raden heeft een zienswijze ingediend")


def test_load_statuses_of_decisions_already_loaded_needs_three_queries(
    dataset, django_assert_num_queries
):
    decisions = list(Decision.objects.select_related("process", "regeling"))
    # 1. treatments, 2. griffie checks, 3. the regelingen's participants
    with django_assert_num_queries(3):
        statuses = load_statuses(decisions)
    assert [s.decision for s in statuses] == decisions


def test_load_statuses_does_not_grow_with_votes(dataset, django_assert_num_queries):
    for day, treatment in enumerate(
        Treatment.objects.filter(decision__slug=CONCEPT, body__kind="council").select_related(
            "body__municipality", "decision"
        ),
        start=4,
    ):
        record_vote(treatment, day=day)
    with django_assert_num_queries(4):
        statuses = load_statuses(Decision.objects.all())
    assert statuses[1].verdict == "7 van 7 raden hebben een zienswijze ingediend."


def test_the_status_read_leaves_the_texts_voted_on_in_the_database(
    dataset, recorded_vote, django_assert_num_queries
):
    """A status says which version a body voted on, never its text: the GR text would travel
    once per body that voted on it."""
    with django_assert_num_queries(4) as queries:
        statuses = load_statuses(Decision.objects.all())
    treatments_sql = next(
        q["sql"]
        for q in queries.captured_queries
        if "decisions_treatment" in q["sql"].split("FROM")[1][:40]
    )
    assert '"decisions_decisionversion"."number"' in treatments_sql
    assert '"decisions_decisionversion"."text"' not in treatments_sql
    [row] = [r for r in statuses[1].rows if r.municipality.slug == "dordrecht"]
    with django_assert_num_queries(0):
        assert str(row.council.version) == "versie 1"


# --- earlier_round_tied ------------------------------------------------------------------------


def test_a_first_round_follows_no_tie_and_costs_no_query(dataset, django_assert_num_queries):
    treatment = dordrecht_council()
    with django_assert_num_queries(0):
        assert earlier_round_tied(treatment) is False


def test_a_round_after_a_tie_that_postponed_follows_a_tie(dataset, django_assert_num_queries):
    first = record_roll_call(dordrecht_council(), present=38, votes_for=19, votes_against=19)
    assert first.outcome == Outcome.POSTPONED  # not a full council: the next meeting decides
    second = dordrecht_council(round=2)
    # the previous round with its vote
    with django_assert_num_queries(1):
        assert earlier_round_tied(second) is True


def test_a_round_after_a_postponement_without_a_tie_follows_no_tie(dataset):
    first = dordrecht_council()
    services.treatment_record(
        treatment=first,
        revision=first.revision,
        user=None,
        outcome=Outcome.POSTPONED,
        new_meeting=services.NewMeeting(
            starts_at=datetime.datetime(2022, 7, 12, 20, tzinfo=AMSTERDAM)
        ),
        vote=None,
    )
    second = Treatment.objects.create(decision=first.decision, body=first.body, round=2)
    assert earlier_round_tied(second) is False


def test_a_tie_postponed_two_rounds_ago_still_counts(dataset, django_assert_num_queries):
    """Gemeentewet art. 32 lid 5: the meeting to which the tie postponed the decision, however
    many rounds it was held over (aangehouden) in between."""
    first = record_roll_call(dordrecht_council(), present=38, votes_for=19, votes_against=19)
    assert first.outcome == Outcome.POSTPONED
    second = dordrecht_council(round=2)
    services.treatment_record(
        treatment=second,
        revision=second.revision,
        user=None,
        outcome=Outcome.POSTPONED,
        new_meeting=services.NewMeeting(
            starts_at=datetime.datetime(2022, 9, 15, 20, tzinfo=AMSTERDAM)
        ),
        vote=None,
    )
    third = Treatment.objects.create(decision=first.decision, body=first.body, round=3)
    # the earlier rounds postponed with a vote
    with django_assert_num_queries(1):
        assert earlier_round_tied(third) is True


def test_a_round_after_a_decided_round_follows_no_tie(dataset):
    first = record_roll_call(dordrecht_council(), present=39, votes_for=30, votes_against=9)
    assert first.outcome == Outcome.ADOPTED
    second = Treatment.objects.create(decision=first.decision, body=first.body, round=2)
    assert earlier_round_tied(second) is False


# --- clerk_workspace ---------------------------------------------------------------------------


def test_the_workspace_holds_the_municipalitys_treatments_open_first(
    dordrecht_clerk, recorded_vote, django_assert_num_queries
):
    dordrecht = Municipality.objects.get(slug="dordrecht")
    # 1.-2. the user's and the groups' permissions (may the clerk see drafts? cached on the user)
    # 3. treatments with decision, body, municipality, meeting, version and vote
    # 4. the griffies' checks with who checked
    with django_assert_num_queries(4):
        workspace = clerk_workspace(dordrecht_clerk, [dordrecht])
    with django_assert_num_queries(2):
        assert clerk_workspace(dordrecht_clerk, [dordrecht]) == workspace
    assert workspace.municipalities == [dordrecht]
    assert workspace.done_treatments == [recorded_vote]
    assert len(workspace.open_treatments) == 5  # three decisions, college and council, less one
    assert all(t.body.municipality == dordrecht for t in workspace.open_treatments)
    assert all(not t.outcome for t in workspace.open_treatments)
    assert [(item.decision.slug, item.check) for item in workspace.decision_checks] == [
        ("principebesluit-samenvoeging-2022", None),
        (CONCEPT, None),
        ("definitieve-gr-tekst-2022", None),
    ]


def test_the_workspace_leaves_out_decisions_the_clerk_may_not_see(dordrecht_clerk, dataset):
    Decision.objects.filter(slug=CONCEPT).update(published=False)
    dordrecht = Municipality.objects.get(slug="dordrecht")
    workspace = clerk_workspace(dordrecht_clerk, [dordrecht])
    treatments = workspace.open_treatments + workspace.done_treatments
    assert len(treatments) == 4
    assert CONCEPT not in {t.decision.slug for t in treatments}
