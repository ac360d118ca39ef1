"""A shared world for the tests: the real Drechtsteden dataset and one user per role."""

import pytest
from django.contrib.auth import get_user_model

from councils.models import ClerkMembership, Municipality
from councils.roles import CLERK, COUNCIL_MEMBER, PROGRAM_OFFICE, ensure_roles
from decisions.dataset import load_dataset


@pytest.fixture
def dataset(db):
    """The real Drechtsteden 2022 dataset, loaded as `manage.py load_drechtsteden` does."""
    return load_dataset()


@pytest.fixture
def roles(db):
    return ensure_roles()


def _user(username, group, municipality=None):
    user = get_user_model().objects.create_user(username, password="test-password")
    user.groups.add(group)
    if municipality is not None:
        ClerkMembership.objects.create(user=user, municipality=municipality)
    return user


@pytest.fixture
def program_office(roles):
    user = _user("programmabureau", roles[PROGRAM_OFFICE])
    user.is_staff = True
    user.save()
    return user


@pytest.fixture
def dordrecht_clerk(dataset, roles):
    """A clerk of Dordrecht: the 'owner' of Dordrecht's records."""
    return _user("griffie-dordrecht", roles[CLERK], Municipality.objects.get(slug="dordrecht"))


@pytest.fixture
def sliedrecht_clerk(dataset, roles):
    """A clerk of another municipality: an outsider to Dordrecht's records."""
    return _user("griffie-sliedrecht", roles[CLERK], Municipality.objects.get(slug="sliedrecht"))


@pytest.fixture
def council_member(roles):
    return _user("raadslid", roles[COUNCIL_MEMBER])
