"""The 'Geschiedenis' pages: versions of a record, the differences between two, and restoring one.

Reading follows the record's decision: whoever may see the decision may read the trail (also
anonymous visitors, for published decisions). Restoring is for the programmabureau only.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from councils.access import is_program_office, may_maintain, require_maintainer
from decisions.history import reading, registry, services
from decisions.models import Treatment


class RestoreForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van herstel"),
        max_length=500,
        error_messages={"required": _("Geef een reden voor het herstel.")},
    )
    # The newest version when the page was shown: a restore decided on an older page is
    # refused (the page always sends it; a script may leave it out).
    shown = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


def _get_record(request, kind_name: str, pk: int):
    """The kind and the record, or 404 for an unknown kind or a record the user may not see."""
    kind = registry.KINDS.get(kind_name)
    if kind is None:
        raise Http404
    return kind, get_object_or_404(registry.visible_records(kind, request.user), pk=pk)


def _render_history(request, kind, obj, *, failed_id=None, form=None, errors=(), status=200):
    names = reading.shows_names(request.user)
    trail = reading.vote_trail(obj, with_names=names) if isinstance(obj, Treatment) else None
    all_versions = reading.versions(obj, with_names=names)
    return render(
        request,
        "decisions/history/list.html",
        {
            "kind": kind,
            "record": obj,
            "decision": registry.decision_of(kind, obj),
            "versions": all_versions,
            "selected_a": all_versions[1].history_id if len(all_versions) > 1 else None,
            "selected_b": all_versions[0].history_id if all_versions else None,
            "trail": trail,
            "vote": getattr(obj, "vote", None) if trail is not None else None,
            "may_restore": kind.restorable
            and is_program_office(request.user)
            and may_maintain(request.user, registry.regeling_ids_of(kind, obj)),
            "failed_id": failed_id,
            "failed_form": form,
            "restore_errors": list(errors),
        },
        status=status,
    )


@require_GET
def history_list(request, kind: str, pk: int):
    """The versions of one record, newest first, with who, when and why.

    Queries (anonymous, treatment): record with decision, body and vote; its versions with
    users; the vote's versions; the fractie votes' versions — four, however many versions.
    A signed-in user adds the session, the user, the permissions (to see drafts), the user's
    groups (for the restore buttons) and base.html's menu query (griffie memberships).
    """
    record_kind, obj = _get_record(request, kind, pk)
    return _render_history(request, record_kind, obj)


def _history_id(value: str | None) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except ValueError:
        raise Http404 from None


@require_GET
def history_compare(request, kind: str, pk: int):
    """Two versions side by side, field by field; long texts word by word.

    Without ?a= and ?b= it compares the previous version (A) with the latest (B).
    """
    record_kind, obj = _get_record(request, kind, pk)
    all_versions = reading.versions(obj, with_names=reading.shows_names(request.user))
    if not all_versions:
        raise Http404
    by_id = {version.history_id: version for version in all_versions}
    a_id = _history_id(request.GET.get("a"))
    b_id = _history_id(request.GET.get("b"))
    if b_id is None:
        b_id = all_versions[0].history_id
    if a_id is None:
        a_id = all_versions[1].history_id if len(all_versions) > 1 else b_id
    if a_id not in by_id or b_id not in by_id:
        raise Http404
    version_a, version_b = by_id[a_id], by_id[b_id]
    changes = reading.compare_rows(record_kind.model, version_a.row, version_b.row)
    return render(
        request,
        "decisions/history/compare.html",
        {
            "kind": record_kind,
            "record": obj,
            "decision": registry.decision_of(record_kind, obj),
            "versions": all_versions,
            "selected_a": a_id,
            "selected_b": b_id,
            "version_a": version_a,
            "version_b": version_b,
            "changes": changes,
        },
    )


@require_POST
@login_required
def history_restore(request, kind: str, pk: int, history_id: int):
    """Make an earlier version current again (programmabureau), with a reason, as a new version."""
    record_kind, obj = _get_record(request, kind, pk)
    # Only the programmabureau of the record's regelingen (or a superuser) restores.
    require_maintainer(request.user, registry.regeling_ids_of(record_kind, obj))
    if not record_kind.restorable:
        raise PermissionDenied
    if not obj.history.filter(history_id=history_id).exists():
        raise Http404
    form = RestoreForm(request.POST)
    if not form.is_valid():
        return _render_history(
            request, record_kind, obj, failed_id=history_id, form=form, status=400
        )
    try:
        services.restore(
            obj,
            history_id,
            user=request.user,
            reason=form.cleaned_data["reason"],
            shown=form.cleaned_data["shown"],
        )
    except ValidationError as error:
        # The failed restore changed the object in memory only; show the stored one.
        _same_kind, obj = _get_record(request, kind, pk)
        return _render_history(
            request,
            record_kind,
            obj,
            failed_id=history_id,
            form=form,
            errors=error.messages,
            status=400,
        )
    messages.success(
        request, _("De eerdere versie is hersteld; het herstel staat als nieuwe versie bovenaan.")
    )
    return redirect("history:list", kind=kind, pk=pk)
