"""The roles as Django groups (gr_portal.roles.ensure_roles): each holds exactly its permissions,
and running it again changes nothing."""

from django.contrib.auth.models import Group, Permission

from councils.roles import CLERK, COUNCIL_MEMBER, PROGRAM_OFFICE
from gr_portal.roles import ROLE_PERMISSIONS, ensure_roles


def codenames(group):
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def test_each_role_is_a_group_with_exactly_its_permissions(db):
    groups = ensure_roles()
    assert set(groups) == {PROGRAM_OFFICE, CLERK, COUNCIL_MEMBER}
    for name, group in groups.items():
        assert codenames(group) == set(ROLE_PERMISSIONS[name]), name


def test_clerks_record_but_see_no_drafts_and_council_members_only_read_drafts(db):
    groups = ensure_roles()
    clerk, member = codenames(groups[CLERK]), codenames(groups[COUNCIL_MEMBER])
    assert "decisions.change_treatment" in clerk
    assert "decisions.view_unpublished_decision" not in clerk
    assert not any(code.startswith(("decisions.delete_", "councils.delete_")) for code in clerk)
    assert member == {"decisions.view_unpublished_decision"}


def test_running_it_again_changes_nothing_and_puts_back_a_removed_permission(db):
    groups = ensure_roles()
    before = {name: codenames(group) for name, group in groups.items()}
    clerk = groups[CLERK]
    clerk.permissions.remove(Permission.objects.get(codename="change_treatment"))
    clerk.permissions.add(Permission.objects.get(codename="delete_treatment"))
    again = ensure_roles()
    assert {name: codenames(group) for name, group in again.items()} == before
    assert Group.objects.count() == 3
