from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from councils.models import (
    ClerkMembership,
    CouncillorMembership,
    Municipality,
    OfficeMembership,
    Regeling,
)
from councils.roles import CLERK, COUNCIL_MEMBER, PROGRAM_OFFICE
from gr_portal.accounts.backends import DEMO_PASSWORD
from gr_portal.roles import ensure_roles


class Command(BaseCommand):
    help = (
        "Maakt demo-accounts aan (alleen met DEBUG aan): programmabureau (van de regelingen in "
        "de database), griffies, raadslid (Papendrecht)."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo-accounts worden alleen aangemaakt met DEBUG aan.")
        # One griffie per municipality that takes part in a regeling, not per municipality of
        # the national register (load_municipalities).
        municipalities = list(
            Municipality.objects.filter(regelingen__isnull=False).distinct().order_by("name")
        )
        if not municipalities:
            raise CommandError("Er zijn geen gemeenten; laad eerst de dataset (load_drechtsteden).")
        groups = ensure_roles()
        accounts: list[tuple[str, str, bool, Municipality | None]] = [
            ("programmabureau", PROGRAM_OFFICE, True, None)
        ]
        accounts += [(f"griffie-{m.slug}", CLERK, False, m) for m in municipalities]
        accounts += [("raadslid", COUNCIL_MEMBER, False, None)]
        User = get_user_model()
        for username, role, is_staff, municipality in accounts:
            user, created = User.objects.get_or_create(username=username)
            user.is_staff = is_staff
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.set([groups[role]])
            if municipality:
                ClerkMembership.objects.get_or_create(user=user, municipality=municipality)
            if role == PROGRAM_OFFICE:
                # The program office of the Drechtsteden serves the regelingen of the dataset.
                for regeling in Regeling.objects.order_by("pk"):
                    OfficeMembership.objects.get_or_create(user=user, regeling=regeling)
            if role == COUNCIL_MEMBER:
                # A raadslid of Papendrecht (the first municipality when there is none).
                seat = next((m for m in municipalities if m.slug == "papendrecht"), None)
                CouncillorMembership.objects.get_or_create(
                    user=user, municipality=seat or municipalities[0]
                )
            self.stdout.write(f"  {username} ({role}){'' if created else ' – bestond al'}")
        self.stdout.write(
            self.style.SUCCESS(f"{len(accounts)} demo-accounts, wachtwoord: {DEMO_PASSWORD}")
        )
