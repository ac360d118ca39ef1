"""A shared world for the tests: the real Drechtsteden dataset, one user per role, one vote.

The dataset is loaded once per test session, into the test database right after it is created
(`django_db_setup`); each test runs in a transaction that is rolled back, so every test starts
from the same loaded data. A test that needs an empty database says so by asking for
`empty_db`. Tests on a live server or with real transactions (`transactional_db`) are run after
the others by pytest-django; their database is emptied after each, and they load what they need.
(Tests that use no database run after those, so a test that reaches the data only through
`request.getfixturevalue` must still name `dataset` or `db` among its arguments.)

The tests mirror the code: tests/<app>/<feature>/test_<module or view>.py, with gr_portal.core
in tests/core. Records are made the way clerks make them, through decisions.services
(tests/recording.py); `recorded_vote` is Dordrecht's council vote on the concept GR-tekst.
"""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection

from councils.models import ClerkMembership, Member, Municipality, OfficeMembership, Regeling
from councils.roles import CLERK, COUNCIL_MEMBER, PROGRAM_OFFICE
from decisions.models import MemberVote, Treatment
from gr_portal.dataset import load_dataset
from gr_portal.roles import ensure_roles
from tests.recording import record_vote

PORTAL_APPS = ("councils", "decisions", "milestones")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the real dataset loaded once for the whole session."""
    with django_db_blocker.unblock():
        load_dataset()


@pytest.fixture(autouse=True)
def _uncached_pages(request, settings):
    """The pages are measured and checked as rendered: the public page cache is off, except in
    tests marked `page_cache` (tests/gr_portal/test_caching.py), which test the cache itself."""
    if request.node.get_closest_marker("page_cache") is None:
        settings.PUBLIC_PAGE_CACHE = False
    else:
        from django.core.cache import cache

        from gr_portal.caching import LOCAL

        cache.clear()
        LOCAL.clear()


@pytest.fixture(autouse=True)
def _fresh_counters():
    """Every test starts with no login failures or password-reset mails counted
    (gr_portal.accounts.throttling keeps them in the default cache)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def dataset(db):
    """The real Drechtsteden 2022 dataset, as `manage.py load_drechtsteden` loads it (loaded
    once per session; this fixture only says that a test relies on it)."""


@pytest.fixture
def empty_db(db):
    """A database without the portal's data, for tests that build their own world or test the
    loading itself. Deleted inside the test's transaction, so the next test has it back."""
    tables = [
        model._meta.db_table
        for app in PORTAL_APPS
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
    ]
    with connection.constraint_checks_disabled(), connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")


@pytest.fixture
def roles(db):
    return ensure_roles()


def _user(username, group, municipality=None):
    user = get_user_model().objects.create_user(username, password="test-password")
    user.groups.add(group)
    if municipality is not None:
        ClerkMembership.objects.create(user=user, municipality=municipality)
    return user


def office_user(username, group, regelingen):
    """A programmabureau account serving `regelingen` (staff, for the back office)."""
    user = _user(username, group)
    user.is_staff = True
    user.save()
    for regeling in regelingen:
        OfficeMembership.objects.create(user=user, regeling=regeling)
    return user


@pytest.fixture
def program_office(roles):
    """The programmabureau of every regeling there is when the test asks for it (the
    Drechtsteden's, with the dataset)."""
    return office_user("programmabureau", roles[PROGRAM_OFFICE], Regeling.objects.all())


@pytest.fixture
def other_office(roles):
    """The programmabureau of another regeling ("Elders"): an outsider to the Drechtsteden's
    processes, letters and votes."""
    other = Regeling.objects.create(
        name="Regeling Elders", short_name="Elders", slug="elders", kind="college"
    )
    return office_user("programmabureau-elders", roles[PROGRAM_OFFICE], [other])


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


@pytest.fixture
def recorded_vote(dataset):
    """Dordrecht's council has recorded its vote on the concept GR-tekst (see record_vote)."""
    treatment = Treatment.objects.select_related("body__municipality", "decision").get(
        decision__slug="concept-gr-tekst-2022",
        body__municipality__slug="dordrecht",
        body__kind="council",
        round=1,
    )
    return record_vote(treatment)


@pytest.fixture
def voted(dataset):
    """For the API (tests/decisions/api): Dordrecht's council vote on the concept GR-tekst
    with an amendment and a motion, each voted on (record_vote with vote_subjects). The
    recorded treatment; its vote has two members' own votes (one abstention under
    Gemeentewet art. 28, one absence)."""
    treatment = Treatment.objects.select_related("body__municipality", "decision").get(
        decision__slug="concept-gr-tekst-2022",
        body__municipality__slug="dordrecht",
        body__kind="council",
        round=1,
    )
    recorded = record_vote(treatment, vote_subjects=True)
    members = list(Member.objects.filter(term__municipality__slug="dordrecht").order_by("pk")[:2])
    for member, name in zip(members, ["", "Jan van der Berg"], strict=True):
        member.name = name
        member.save()
    choices = [
        (MemberVote.Choice.ABSTAINED, MemberVote.Ground.PERSONAL),
        (MemberVote.Choice.ABSENT, ""),
    ]
    for member, (choice, ground) in zip(members, choices, strict=True):
        MemberVote.objects.create(
            vote=recorded.vote,
            member=member,
            fractie=member.fractie_memberships.get().fractie,
            choice=choice,
            ground=ground,
        )
    return recorded
