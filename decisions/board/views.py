"""Recording a weighted vote of a regeling's algemeen bestuur (program office of the regeling).

"Uitkomst berekenen" counts the vote as typed and shows the weighted result before anything is
saved; "Opslaan" records it (decisions.board.services).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from councils import weighting
from councils.access import require_maintainer, require_program_office
from decisions.board.forms import BoardVoteForm, choice_field_name
from decisions.board.services import BoardVoteError, count, record_board_vote
from decisions.models import BoardVote, Treatment
from gr_portal.core.choices import BodyKind


@login_required
def board_vote(request, pk):
    require_program_office(request.user)
    treatment = get_object_or_404(
        Treatment.objects.select_related(
            "body__regeling", "decision__regeling", "meeting", "version"
        ).filter(body__kind=BodyKind.GENERAL_BOARD),
        pk=pk,
    )
    regeling = treatment.body.regeling
    if regeling is None:  # a general board always belongs to a regeling (Body's constraint)
        raise Http404
    require_maintainer(request.user, [regeling.pk])
    existing = BoardVote.objects.filter(treatment=treatment).prefetch_related("lines").first()
    participants = list(regeling.participants.order_by("name"))
    try:
        weights = regeling.ab_weights(participants)
    except ValueError:
        weights = None
    initial = {"revision": treatment.revision, "threshold": "meerderheid"}
    if existing is not None:
        initial.update(
            meeting_date=treatment.meeting.day if treatment.meeting else None,
            version=treatment.version_id,
            threshold=existing.threshold,
            **{
                choice_field_name(line.municipality_id): line.choice
                for line in existing.lines.all()
            },
        )
    form = BoardVoteForm(
        request.POST or None,
        initial=initial,
        treatment=treatment,
        participants=participants,
        correcting=existing is not None,
    )
    result = None
    status = 200
    if request.method == "POST":
        if weights is None:
            form.add_error(None, _("De gewichten van de deelnemers zijn niet bekend."))
        elif form.is_valid():
            try:
                result = count(weights, form.choices(), form.cleaned_data["threshold"])
                if "opslaan" in request.POST:
                    record_board_vote(
                        treatment,
                        day=form.cleaned_data["meeting_date"],
                        version=form.cleaned_data["version"],
                        threshold_key=form.cleaned_data["threshold"],
                        choices=form.choices(),
                        loaded_revision=form.cleaned_data["revision"],
                        user=request.user,
                        reason=form.cleaned_data["reason"],
                    )
                    messages.success(
                        request, _("De stemming van het algemeen bestuur is opgeslagen.")
                    )
                    return redirect(regeling)
            except BoardVoteError as error:
                form.add_error(None, str(error))
        if form.errors:
            status = 400
    rows = [
        (municipality, form[name], weights.get(municipality.pk) if weights else None)
        for municipality, name in form.participant_fields
    ]
    return render(
        request,
        "decisions/board/vote_form.html",
        {
            "treatment": treatment,
            "regeling": regeling,
            "form": form,
            "rows": rows,
            "weights_known": weights is not None,
            "method_label": weighting.METHODS.get(regeling.ab_weighting, ""),
            "result": result,
            "existing": existing,
        },
        status=status,
    )
