from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from councils.models import ClerkMembership, Municipality
from councils.roles import CLERK, COUNCIL_MEMBER, PROGRAM_OFFICE
from gr_portal.roles import ensure_roles

DEMO_PASSWORD = "demo-grportal"


class Command(BaseCommand):
    help = "Maakt demo-accounts aan (alleen met DEBUG aan): programmabureau, griffies, raadslid."

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo-accounts worden alleen aangemaakt met DEBUG aan.")
        municipalities = list(Municipality.objects.order_by("name"))
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
            self.stdout.write(f"  {username} ({role}){'' if created else ' – bestond al'}")
        self.stdout.write(
            self.style.SUCCESS(f"{len(accounts)} demo-accounts, wachtwoord: {DEMO_PASSWORD}")
        )
