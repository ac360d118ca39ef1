"""Delete the subscriptions never confirmed within ALERTS_UNCONFIRMED_DAYS (AVG: nothing is
kept longer than needed). Run it daily, e.g. from cron beside the worker."""

from django.core.management.base import BaseCommand

from milestones.alerts.services import purge_unconfirmed


class Command(BaseCommand):
    help = "Verwijder abonnementen die niet op tijd zijn bevestigd."

    def handle(self, *args, **options):
        deleted = purge_unconfirmed()
        self.stdout.write(f"{deleted} onbevestigde abonnementen verwijderd.")
