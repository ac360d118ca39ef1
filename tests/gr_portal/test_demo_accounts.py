"""The demo accounts of the README (manage.py create_demo_accounts): one per role and a clerk per
municipality, made only with DEBUG on."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from councils.models import ClerkMembership
from councils.roles import CLERK, COUNCIL_MEMBER, PROGRAM_OFFICE


def test_demo_accounts_exist_only_with_debug(dataset, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="alleen aangemaakt met DEBUG aan"):
        call_command("create_demo_accounts")
    assert not get_user_model().objects.exists()


def test_demo_accounts_one_per_role_and_one_clerk_per_municipality(dataset, settings):
    settings.DEBUG = True
    call_command("create_demo_accounts")
    call_command("create_demo_accounts")  # a second run changes nothing
    users = get_user_model().objects
    assert users.count() == 9
    assert users.get(username="programmabureau").groups.get().name == PROGRAM_OFFICE
    assert users.get(username="programmabureau").is_staff
    assert users.get(username="raadslid").groups.get().name == COUNCIL_MEMBER
    assert users.filter(groups__name=CLERK).count() == 7
    clerk = users.get(username="griffie-papendrecht")
    assert ClerkMembership.objects.get(user=clerk).municipality.name == "Papendrecht"
    assert clerk.check_password("demo-grportal")
    assert not clerk.has_perm("decisions.view_unpublished_decision")
    assert users.get(username="raadslid").has_perm("decisions.view_unpublished_decision")
