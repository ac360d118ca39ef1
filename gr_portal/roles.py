"""The permissions each role holds, across the apps: Django groups, created by ensure_roles().

The roles themselves (their names) belong to councils.roles; which municipality a clerk records
for is a ClerkMembership, and the object-level rules that combine the two are councils.access.
This module knows every app's models, so it sits with the project, above them.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from councils.roles import CLERK, COUNCIL_MEMBER, PROGRAM_OFFICE

_EDITABLE_BY_PROGRAM_OFFICE = {
    "councils": ["municipality", "regeling", "body", "councilterm", "fractie", "meeting"],
    # A treatment: its planning (body, round, purpose, planned date); what a griffie records
    # stays read-only for the programmabureau (decisions.admin.ClerkRecordAdmin).
    "decisions": ["process", "decision", "decisionversion", "treatment"],
    "milestones": ["milestone", "letter"],
}
#: Recorded by the griffies; the programmabureau reads them in the back office.
_READ_BY_PROGRAM_OFFICE = {
    "decisions": ["amendment", "motion", "vote", "fractievote", "opinion"],
}
_RECORDED_BY_CLERKS = {
    "councils": ["meeting"],
    "decisions": ["treatment", "vote", "fractievote", "amendment", "motion", "opinion"],
}


def _model_perms(models_by_app: dict[str, list[str]], actions: list[str]) -> list[str]:
    return [
        f"{app}.{action}_{model}"
        for app, models in models_by_app.items()
        for model in models
        for action in actions
    ]


ROLE_PERMISSIONS: dict[str, list[str]] = {
    PROGRAM_OFFICE: [
        *_model_perms(_EDITABLE_BY_PROGRAM_OFFICE, ["view", "add", "change"]),
        *_model_perms(_READ_BY_PROGRAM_OFFICE, ["view"]),
        "decisions.view_unpublished_decision",
        "milestones.view_archivedletter",
    ],
    CLERK: _model_perms(_RECORDED_BY_CLERKS, ["view", "add", "change"]),
    COUNCIL_MEMBER: ["decisions.view_unpublished_decision"],
}


def _permission(codename: str) -> Permission:
    app_label, code = codename.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=code)


@transaction.atomic
def ensure_roles() -> dict[str, Group]:
    """Create the role groups and give each exactly its permissions. Safe to run repeatedly."""
    groups = {}
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set([_permission(codename) for codename in codenames])
        groups[name] = group
    return groups
