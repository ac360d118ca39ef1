"""From the vote grid as typed to the outcome and the vote to store.

The grid starts from the meeting (decisions.selectors.vote_setting): per fractie its members
with a seat that day, each pre-filled as present or absent from the presentielijst of the
opening, so that the clerk types little. The forms check each field; this asks
decisions.rules what the grid amounts to and puts the rules' messages back beside the rows they
concern ("fractie:<name>", "member:<id>"). The outcome is never typed.

What the clerk enters, per method:

* per fractie: for and against per fractie; per member only who had to abstain (Gemeentewet
  art. 28, with the ground of lid 1) and who was absent;
* hoofdelijk (roll call, art. 32 lid 2): every member for, against, abstaining or absent;
* hamerstuk (art. 32 lid 3): per member only who asked for "aantekening" (deemed to have voted
  against), who had to abstain and who was absent.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from decisions.clerk.forms import (
    NOT_VOTED,
    PRESENT,
    FractieVoteForm,
    MemberVoteForm,
    VoteForm,
    vote_initial,
)
from decisions.models import MemberVote, Vote
from decisions.rules import (
    FractieCount,
    MemberChoice,
    VoteInvalid,
    VoteResult,
    derive_outcome,
    unopened_meeting_error,
)
from decisions.selectors import FractieSeats, VoteSetting
from decisions.services import FractieVoteInput, MemberVoteInput, VoteInput
from gr_portal.core.choices import Outcome, VoteMethod

Choice = MemberVote.Choice

#: Per method, the member choices that do not belong to it (see _wrong_choice_message).
WRONG_FOR_METHOD = {
    VoteMethod.PER_FRACTIE: {Choice.FOR, Choice.AGAINST, Choice.NOTED_AGAINST},
    VoteMethod.ROLL_CALL: {Choice.NOTED_AGAINST},
    VoteMethod.WITHOUT_VOTE: {Choice.FOR, Choice.AGAINST},
}


def _wrong_choice_message(method: VoteMethod, label: str) -> str:
    if method == VoteMethod.PER_FRACTIE:
        return _(
            "%(name)s: bij een stemming per fractie vult u voor en tegen in de rij van de "
            "fractie in; kies bij het lid aanwezig, onthouden (art. 28) of afwezig."
        ) % {"name": label}
    if method == VoteMethod.ROLL_CALL:
        return _(
            "%(name)s: aantekening tegen hoort bij een hamerstuk (Gemeentewet art. 32 lid 3); bij "
            "een hoofdelijke stemming stemt het lid voor of tegen."
        ) % {"name": label}
    return _(
        "%(name)s: over een hamerstuk wordt niet gestemd (Gemeentewet art. 32 lid 3); kies "
        "aanwezig, aantekening tegen, onthouden (art. 28) of afwezig. Is er toch gestemd, kies "
        "dan hoofdelijk of per fractie."
    ) % {"name": label}


@dataclass
class FractieBlock:
    """A fractie in the grid: its row of counts and its members' rows."""

    fractie: FractieSeats
    row: FractieVoteForm
    members: list[MemberVoteForm]

    def choices(self) -> list[str]:
        return [form.member_choice for form in self.members]

    @property
    def abstained(self) -> int:
        return self.choices().count(Choice.ABSTAINED)

    @property
    def absent(self) -> int:
        return self.choices().count(Choice.ABSENT)

    @property
    def present(self) -> int:
        return self.fractie.members - self.absent

    def count(self) -> FractieCount:
        return self.row.count(not_taking_part=self.abstained, absent=self.absent)

    @property
    def has_errors(self) -> bool:
        return bool(self.row.errors) or any(form.errors for form in self.members)


class VoteGrid:
    """The vote entry of one vote (a treatment's proposal, an amendment or a motion): the
    method, and per fractie its row and its members' rows, pre-filled from the stored `vote`
    or else from the meeting's presentielijst."""

    def __init__(
        self,
        setting: VoteSetting,
        data=None,
        *,
        vote: Vote | None = None,
        in_treatment_meeting: bool = False,
    ):
        self.setting = setting
        #: An amendment's or motion's vote: in the meeting of its treatment, not one chosen here.
        self.in_treatment_meeting = in_treatment_meeting
        self.vote_form = VoteForm(data, initial={**vote_initial(vote), "grid_for": self.key})
        self.refilled = data is not None and self._for_another_meeting(data)
        rows_data = None if self.refilled else data
        fractie_initial, member_initial = _initial(setting, vote)
        self.blocks = [
            FractieBlock(
                fractie=fractie,
                row=FractieVoteForm(
                    rows_data,
                    fractie=fractie.fractie,
                    members=fractie.members,
                    initial=fractie_initial.get(fractie.fractie.pk),
                ),
                members=[
                    MemberVoteForm(rows_data, seat=seat, initial=member_initial[seat.member.pk])
                    for seat in fractie.seats
                ],
            )
            for fractie in (setting.council.fracties if setting.council else ())
        ]

    def _for_another_meeting(self, data) -> bool:
        """Whether the posted grid was filled in for another meeting than the one now chosen,
        in a way that matters: this meeting has a presentielijst to start from, or other
        members. Then it is filled in again rather than derived."""
        posted_for = data.get("grid_for")
        if not posted_for or posted_for == self.key:
            return False
        seats = self.setting.council.seats if self.setting.council else []
        other_members = any(f"member-{seat.member.pk}-choice" not in data for seat in seats)
        return bool(self.setting.attendance) or other_members

    @property
    def key(self) -> str:
        """Which meeting or day the grid is for."""
        if self.setting.meeting is not None and self.setting.meeting.pk:
            return f"m{self.setting.meeting.pk}"
        return f"d{self.setting.day.isoformat()}" if self.setting.day else ""

    @property
    def council(self):
        return self.setting.council

    @property
    def members_present(self) -> int:
        """The members present at the vote, as the grid stands."""
        return sum(block.present for block in self.blocks)

    @property
    def absent_count(self) -> int:
        return sum(block.absent for block in self.blocks)

    @property
    def abstained_count(self) -> int:
        return sum(block.abstained for block in self.blocks)

    @property
    def members_open(self) -> bool:
        """Whether the list per member starts unfolded: when the method counts per member
        (roll call, hamerstuk), when a member abstains or asked for aantekening, or when a
        member's row has an error. A per-fractie vote from the presentielijst needs none."""
        method = self.vote_form["method"].value()
        if method in (VoteMethod.ROLL_CALL, VoteMethod.WITHOUT_VOTE):
            return True
        unusual = {Choice.ABSTAINED, Choice.NOTED_AGAINST, Choice.FOR, Choice.AGAINST}
        return any(
            form.member_choice in unusual or (form.is_bound and form.errors)
            for form in self._member_forms()
        )

    def forms(self) -> list:
        return [self.vote_form, *[b.row for b in self.blocks], *self._member_forms()]

    def _member_forms(self) -> list[MemberVoteForm]:
        return [form for block in self.blocks for form in block.members]

    def is_valid(self) -> bool:
        checked = [form.is_valid() for form in self.forms()]  # every form, for every error
        valid = all(checked)
        if self.refilled:
            self.vote_form.add_error(
                None,
                _(
                    "De vergadering is gewijzigd: de stemming is opnieuw ingevuld vanuit de "
                    "leden en de presentielijst van die vergadering. Controleer haar en bereken "
                    "de uitkomst opnieuw."
                ),
            )
            return False
        return valid

    @property
    def has_errors(self) -> bool:
        return any(form.is_bound and form.errors for form in self.forms())

    def derive(self) -> tuple[Outcome | None, VoteInput | None]:
        """The outcome and the vote to store, or (None, None) with errors added to the forms.
        Call after is_valid()."""
        method = self.vote_form.cleaned_data.get("method")
        if method is None:
            return None, None
        if method in NOT_VOTED:
            return self._not_voted(method)
        unopened = None if self.setting.opened else unopened_meeting_error(method, voted=True)
        if unopened:
            self.vote_form.add_error(None, unopened)
            return None, None
        if not self.blocks:
            self.vote_form.add_error(None, self.no_members_message())
            return None, None
        method = VoteMethod(method)
        if not self._choices_fit(method):
            return None, None
        try:
            result = derive_outcome(**self._arguments(method))
        except VoteInvalid as invalid:
            self._place_errors(invalid)
            return None, None
        return result.outcome, self._vote_input(method, result)

    def no_members_message(self) -> str:
        if self.setting.day is None and self.in_treatment_meeting:
            return _(
                "De behandeling heeft nog geen vergadering. Kies die eerst op de pagina van de "
                "behandeling en vul daar de presentielijst in: amendementen en moties worden in "
                "die vergadering gestemd en beginnen bij die presentielijst."
            )
        if self.setting.day is None:
            return _(
                "Kies eerst de vergadering: de stemming begint bij de leden met een zetel op die "
                "dag en de presentielijst van de vergadering."
            )
        return _(
            "Er zijn geen raadsleden vastgelegd met een zetel op de dag van deze vergadering; "
            "zonder hen kan geen stemming worden vastgelegd."
        )

    def _not_voted(self, method: str):
        """Aangehouden or ingetrokken before a vote: then no votes may have been entered."""
        voted = {Choice.FOR, Choice.AGAINST, Choice.NOTED_AGAINST, Choice.ABSTAINED}
        members_voted = any(form.member_choice in voted for form in self._member_forms())
        if members_voted or any(block.row.has_votes for block in self.blocks):
            self.vote_form.add_error(
                "method",
                _(
                    "Er zijn stemmen of onthoudingen ingevuld, maar het voorstel is volgens deze "
                    "keuze niet in stemming gebracht. Wis die, of kies een wijze van stemmen."
                ),
            )
            return None, None
        return NOT_VOTED[method], None

    def _choices_fit(self, method: VoteMethod) -> bool:
        fits = True
        for form in self._member_forms():
            if form.member_choice in WRONG_FOR_METHOD[method]:
                form.add_error("choice", _wrong_choice_message(method, form.seat.label))
                fits = False
        return fits

    def _arguments(self, method: VoteMethod) -> dict:
        """derive_outcome's arguments: the council that day, the meeting, and the grid."""
        setting = self.setting
        assert setting.council is not None
        arguments: dict = {
            "method": method,
            "council_size": setting.council.term.size,
            "vacant_seats": setting.council.vacant_seats,
            "meeting_attendance": setting.present_at_opening,
            "reconvened": setting.reconvened,
            "repeated_after_invalid": setting.repeated_after_invalid,
            "tied_before": setting.tied_before,
        }
        forms = self._member_forms()
        if method == VoteMethod.ROLL_CALL:
            arguments["members"] = [
                MemberChoice(
                    member=str(form.seat.member.pk),
                    choice=None if form.member_choice == PRESENT else form.member_choice,
                    name=form.seat.label,
                )
                for form in forms
            ]
        elif method == VoteMethod.PER_FRACTIE:
            arguments["fracties"] = [block.count() for block in self.blocks]
            arguments["members_present"] = self.members_present
        else:
            arguments["members_present"] = self.members_present
            arguments["not_taking_part"] = sum(block.abstained for block in self.blocks)
            arguments["noted_against"] = [
                form.seat.label for form in forms if form.member_choice == Choice.NOTED_AGAINST
            ]
        return arguments

    def _place_errors(self, invalid: VoteInvalid) -> None:
        """Each of the rules' messages beside what it is about: a fractie's row, a member's
        row, or the vote as a whole."""
        fracties = {block.fractie.fractie.name: block.row for block in self.blocks}
        members = {str(form.seat.member.pk): form for form in self._member_forms()}
        for key, messages in invalid.errors.items():
            kind, _sep, name = key.partition(":")
            for message in messages:
                if kind == "fractie" and name in fracties:
                    fracties[name].add_error(None, message)
                elif kind == "member" and name in members:
                    members[name].add_error("choice", message)
                else:
                    self.vote_form.add_error(None, message)

    def _vote_input(self, method: VoteMethod, result: VoteResult) -> VoteInput:
        fracties: list[FractieVoteInput] = []
        members: list[MemberVoteInput] = []
        for block in self.blocks:
            fractie = block.fractie.fractie
            choices = block.choices()
            if method == VoteMethod.PER_FRACTIE:
                count = block.count()
                votes_for, votes_against = count.votes_for, count.votes_against
            else:
                votes_for, votes_against = choices.count(Choice.FOR), choices.count(Choice.AGAINST)
            if method != VoteMethod.WITHOUT_VOTE:
                fracties.append(
                    FractieVoteInput(
                        fractie=fractie,
                        votes_for=votes_for,
                        votes_against=votes_against,
                        not_taking_part=block.abstained,
                        absent=block.absent,
                        seats=block.fractie.members,
                    )
                )
            for form in block.members:
                choice = form.member_choice
                if choice != PRESENT:
                    ground = (
                        form.cleaned_data.get("ground", "") if choice == Choice.ABSTAINED else ""
                    )
                    members.append(MemberVoteInput(form.seat.member, fractie, choice, ground))
        return VoteInput(
            method=method,
            members_present=result.members_present,
            result=result,
            fracties=tuple(fracties),
            members=tuple(members),
        )


def _initial(setting: VoteSetting, vote: Vote | None) -> tuple[dict, dict]:
    """What the grid starts from: the stored vote, else the presentielijst (absent at the
    opening is absent at the vote until the clerk says otherwise)."""
    fractie_initial: dict[int, dict] = {}
    member_votes: dict[int, MemberVote] = {}
    if vote is not None:
        fractie_initial = {
            fv.fractie_id: {"votes_for": fv.votes_for, "votes_against": fv.votes_against}
            for fv in vote.fractie_votes.all()
            if vote.method == VoteMethod.PER_FRACTIE
        }
        member_votes = {mv.member_id: mv for mv in vote.member_votes.all()}
    member_initial: dict[int, dict] = {}
    seats = setting.council.seats if setting.council else []
    for seat in seats:
        stored = member_votes.get(seat.member.pk)
        if stored is not None:
            member_initial[seat.member.pk] = {"choice": stored.choice, "ground": stored.ground}
        elif not member_votes and setting.absent_at_opening(seat.member.pk):
            member_initial[seat.member.pk] = {"choice": Choice.ABSENT}
        else:
            member_initial[seat.member.pk] = {"choice": PRESENT}
    return fractie_initial, member_initial
