"""Who may do what, decided in one place per object type.

- A griffie records for its own municipality only: the treatments of its council and college,
  their votes, amendments, motions and the council's zienswijze.
- A programmabureau account serves one or more regelingen (OfficeMembership): it maintains the
  processes of those regelingen only — their decisions, milestones and letters — and restores
  their earlier versions. A superuser maintains every regeling.
- Raadsleden are tied to their own municipality (CouncillorMembership), which they see first.
- Raadsleden read everything, also what is not published; anonymous visitors read what is
  (may_see_drafts).

Views ask here and get the object or an exception: Http404 when the user may not even see the
object, PermissionDenied (403) when the user may see it but not change it. Anonymous users are
sent to the login page by the views' login_required before they get here.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from councils.models import ClerkMembership, CouncillorMembership, Municipality, OfficeMembership
from councils.roles import PROGRAM_OFFICE


def clerk_municipalities(user) -> list[Municipality]:
    """The municipalities whose griffie this user belongs to: one query, cached on the user."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_clerk_municipalities", None)
    if cached is None:
        cached = [
            membership.municipality
            for membership in ClerkMembership.objects.filter(user=user)
            .select_related("municipality")
            .order_by("municipality__name")
        ]
        user._clerk_municipalities = cached
    return cached


def clerk_municipality_ids(user) -> frozenset[int]:
    return frozenset(m.pk for m in clerk_municipalities(user))


def is_clerk(user) -> bool:
    return bool(clerk_municipality_ids(user))


def may_see_drafts(user) -> bool:
    """Whether `user` sees what is not published yet: processes, decisions and everything that
    belongs to them. The one place that decides it; every visible_to() asks here."""
    return user.has_perm("decisions.view_unpublished_decision")


def is_program_office(user) -> bool:
    """Whether `user` has the programmabureau role (for some regelingen: office_regeling_ids).
    One query, cached on the user."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_is_program_office", None)
    if cached is None:
        cached = user.is_superuser or user.groups.filter(name=PROGRAM_OFFICE).exists()
        user._is_program_office = cached
    return cached


def may_record_for(user, municipality_id: int | None) -> bool:
    """A clerk records for the bodies of its own municipality, never for another's."""
    return (
        municipality_id is not None
        and municipality_id in clerk_municipality_ids(user)
        and user.has_perm("decisions.change_treatment")
    )


def require_clerk(user) -> None:
    if not is_clerk(user):
        raise PermissionDenied


def get_for_recording(queryset, user, municipality_path: str, **lookup):
    """The object for a recording view, or 404 / 403.

    `queryset` must already be limited to what the user may see (e.g. published decisions);
    `municipality_path` names the lookup from the object to its municipality id.
    """
    obj = get_object_or_404(queryset, **lookup)
    municipality_id = obj
    for part in municipality_path.split("__"):
        municipality_id = getattr(municipality_id, part)
    if not may_record_for(user, municipality_id):
        raise PermissionDenied
    return obj


def require_program_office(user) -> None:
    if not is_program_office(user):
        raise PermissionDenied


def office_regeling_ids(user) -> frozenset[int] | None:
    """The regelingen whose processes this programmabureau account maintains; None for a
    superuser, who maintains all; empty for everyone else. One query, cached on the user."""
    if not user.is_authenticated:
        return frozenset()
    if user.is_superuser:
        return None
    cached = getattr(user, "_office_regeling_ids", None)
    if cached is None:
        cached = (
            frozenset(
                OfficeMembership.objects.filter(user=user).values_list("regeling_id", flat=True)
            )
            if is_program_office(user)
            else frozenset()
        )
        user._office_regeling_ids = cached
    return cached


def may_maintain(user, regeling_ids: Iterable[int]) -> bool:
    """Whether `user` maintains what belongs to these regelingen (a process of several
    regelingen: any one of them suffices)."""
    served = office_regeling_ids(user)
    if served is None:
        return True
    return bool(served.intersection(regeling_ids))


def require_maintainer(user, regeling_ids: Iterable[int]) -> None:
    """403 unless `user` is the programmabureau of one of these regelingen."""
    if not may_maintain(user, regeling_ids):
        raise PermissionDenied


def councillor_municipality_ids(user) -> frozenset[int]:
    """The municipalities whose council this raadslid's account sits on (shown first)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_councillor_municipality_ids", None)
    if cached is None:
        cached = frozenset(
            CouncillorMembership.objects.filter(user=user).values_list("municipality_id", flat=True)
        )
        user._councillor_municipality_ids = cached
    return cached
