"""From the vote grid as typed to the outcome and the vote to store.

The forms have checked each field; this asks decisions.rules what the counts amount to and puts
the rules' messages back beside the fields they concern. The outcome is never typed.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from councils.models import CouncilTerm
from decisions.clerk.forms import NOT_VOTED, FractieVoteForm, VoteForm
from decisions.rules import VoteInvalid, VoteResult, derive_outcome
from decisions.services import FractieVoteInput, VoteInput
from gr_portal.core.choices import Outcome, VoteMethod


def derive_vote(
    vote_form: VoteForm,
    rows: list[FractieVoteForm],
    term: CouncilTerm | None,
    *,
    tied_before: bool = False,
) -> tuple[Outcome | None, VoteInput | None]:
    """The outcome and the vote to store, or (None, None) with errors added to the forms.

    Call after vote_form.is_valid() and every row's is_valid() have run. `tied_before` says
    that the previous round ended in a tie (Gemeentewet art. 32 lid 5: now a tie rejects).
    """
    method = vote_form.cleaned_data.get("method")
    if method is None:
        return None, None
    if method in NOT_VOTED:
        return _not_voted(vote_form, rows, method)
    if term is None:
        return None, None  # the meeting's error already says why
    members_present = vote_form.cleaned_data.get("members_present")
    if members_present is None:
        vote_form.add_error("members_present", _("Vul het aantal aanwezige leden in."))
        return None, None
    method = VoteMethod(method)
    counted = [] if method == VoteMethod.WITHOUT_VOTE else rows
    try:
        result = derive_outcome(
            method=method,
            council_size=term.size,
            vacant_seats=term.vacant_seats,
            members_present=members_present,
            fracties=[row.count() for row in counted],
            tied_before=tied_before,
        )
    except VoteInvalid as invalid:
        _place_errors(invalid, vote_form, rows)
        return None, None
    return result.outcome, _vote_input(method, members_present, result, counted)


def _not_voted(vote_form: VoteForm, rows: list[FractieVoteForm], method: str):
    """Aangehouden or ingetrokken before a vote: then no votes may have been entered."""
    if any(row.cleaned_data.get(name) for row in rows for name in row.fields):
        vote_form.add_error(
            "method",
            _(
                "Er zijn stemmen ingevuld, maar het voorstel is volgens deze keuze niet in "
                "stemming gebracht. Wis de stemmen of kies een wijze van stemmen."
            ),
        )
        return None, None
    return NOT_VOTED[method], None


def _place_errors(invalid: VoteInvalid, vote_form: VoteForm, rows: list[FractieVoteForm]) -> None:
    """Each of the rules' messages beside what it is about: a fractie's row, the presence, or
    the vote as a whole."""
    by_name = {row.fractie.name: row for row in rows}
    for key, messages in invalid.errors.items():
        row = by_name.get(key.removeprefix("fractie:")) if key.startswith("fractie:") else None
        for message in messages:
            if row is not None:
                row.add_error(None, message)
            elif key == "members_present":
                vote_form.add_error("members_present", message)
            else:
                vote_form.add_error(None, message)


def _vote_input(
    method: VoteMethod, members_present: int, result: VoteResult, rows: list[FractieVoteForm]
) -> VoteInput:
    fracties = []
    for row in rows:
        count = row.count()
        fracties.append(
            FractieVoteInput(
                fractie=row.fractie,
                votes_for=count.votes_for,
                votes_against=count.votes_against,
                not_taking_part=count.not_taking_part,
            )
        )
    return VoteInput(
        method=method, members_present=members_present, result=result, fracties=tuple(fracties)
    )
