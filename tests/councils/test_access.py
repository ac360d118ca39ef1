"""Specification of who may do what (councils.access), decided in one place per object type.

The views' access matrix (every changing view tried by every role) is in
tests/decisions/clerk/test_access.py; these are the rules themselves.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from councils.access import (
    clerk_municipalities,
    get_for_recording,
    is_clerk,
    is_program_office,
    may_record_for,
    may_see_drafts,
    require_clerk,
    require_program_office,
)
from councils.models import Municipality
from decisions.models import Decision, Treatment


def dordrecht_id():
    return Municipality.objects.get(slug="dordrecht").pk


def dordrecht_council_treatments():
    return Treatment.objects.filter(body__municipality__slug="dordrecht", body__kind="council")


# --- drafts ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "sees_drafts"),
    [
        ("program_office", True),
        ("council_member", True),
        ("dordrecht_clerk", False),
        ("sliedrecht_clerk", False),
    ],
)
def test_who_sees_what_is_not_published(request, dataset, role, sees_drafts):
    assert may_see_drafts(request.getfixturevalue(role)) is sees_drafts


def test_an_anonymous_visitor_sees_only_what_is_published(db):
    assert may_see_drafts(AnonymousUser()) is False


def test_a_superuser_sees_drafts(django_user_model):
    assert may_see_drafts(django_user_model(is_superuser=True, is_active=True)) is True


# --- clerks ------------------------------------------------------------------------------------


def test_a_clerk_belongs_to_its_own_municipality_only(dordrecht_clerk, django_assert_num_queries):
    # the memberships with their municipalities, once: cached on the user
    with django_assert_num_queries(1):
        assert [m.slug for m in clerk_municipalities(dordrecht_clerk)] == ["dordrecht"]
        assert is_clerk(dordrecht_clerk)
        assert clerk_municipalities(dordrecht_clerk) == clerk_municipalities(dordrecht_clerk)


@pytest.mark.parametrize("role", ["program_office", "council_member"])
def test_other_roles_are_no_clerks(request, db, role):
    user = request.getfixturevalue(role)
    assert clerk_municipalities(user) == []
    assert not is_clerk(user)
    with pytest.raises(PermissionDenied):
        require_clerk(user)


def test_an_anonymous_visitor_is_no_clerk(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert clerk_municipalities(AnonymousUser()) == []
    with pytest.raises(PermissionDenied):
        require_clerk(AnonymousUser())


def test_a_clerk_records_for_its_own_municipality_and_no_other(dordrecht_clerk, sliedrecht_clerk):
    dordrecht = dordrecht_id()
    assert may_record_for(dordrecht_clerk, dordrecht)
    assert not may_record_for(sliedrecht_clerk, dordrecht)
    assert not may_record_for(dordrecht_clerk, None)  # a regeling's board: no griffie records


def test_a_member_of_a_griffie_without_the_clerks_permission_records_nothing(dordrecht_clerk):
    dordrecht_clerk.groups.clear()
    dordrecht_clerk = type(dordrecht_clerk).objects.get(pk=dordrecht_clerk.pk)  # fresh perms
    assert is_clerk(dordrecht_clerk)
    assert not may_record_for(dordrecht_clerk, dordrecht_id())


@pytest.mark.parametrize("role", ["program_office", "council_member"])
def test_other_roles_record_for_no_municipality(request, role, dataset):
    assert not may_record_for(request.getfixturevalue(role), dordrecht_id())


# --- get_for_recording -------------------------------------------------------------------------


def test_the_own_clerk_gets_the_object_to_record(dordrecht_clerk):
    treatment = dordrecht_council_treatments().first()
    found = get_for_recording(
        Treatment.objects.all(), dordrecht_clerk, "body__municipality_id", pk=treatment.pk
    )
    assert found == treatment


def test_another_municipalitys_clerk_is_refused_with_403(sliedrecht_clerk):
    treatment = dordrecht_council_treatments().first()
    with pytest.raises(PermissionDenied):
        get_for_recording(
            Treatment.objects.all(), sliedrecht_clerk, "body__municipality_id", pk=treatment.pk
        )


def test_what_the_queryset_leaves_out_is_404_even_for_the_own_clerk(dordrecht_clerk):
    treatment = dordrecht_council_treatments().first()
    Decision.objects.filter(pk=treatment.decision_id).update(published=False)
    visible = Treatment.objects.visible_to(dordrecht_clerk)
    with pytest.raises(Http404):
        get_for_recording(visible, dordrecht_clerk, "body__municipality_id", pk=treatment.pk)


def test_an_unknown_object_is_404(dordrecht_clerk):
    with pytest.raises(Http404):
        get_for_recording(
            Treatment.objects.all(), dordrecht_clerk, "body__municipality_id", pk=999_999
        )


# --- the programmabureau -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("program_office", True),
        ("dordrecht_clerk", False),
        ("council_member", False),
    ],
)
def test_only_the_program_office_maintains_and_restores(request, dataset, role, expected):
    user = request.getfixturevalue(role)
    assert is_program_office(user) is expected
    if expected:
        require_program_office(user)
    else:
        with pytest.raises(PermissionDenied):
            require_program_office(user)


def test_a_superuser_counts_as_the_program_office(django_user_model):
    admin = django_user_model.objects.create_superuser("beheer", password="x")
    assert is_program_office(admin)


def test_an_anonymous_visitor_is_not_the_program_office(db):
    assert not is_program_office(AnonymousUser())
