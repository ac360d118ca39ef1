"""The alerts' periodic work, for cron beside the worker: make the notices of the last hours'
changes (also those made in the back office, which queues nothing), send what is due, and with
--digest the daily overviews. Run it every few minutes, and once a day with --digest."""

from django.core.management.base import BaseCommand

from milestones.alerts.changes import collect
from milestones.alerts.sending import send
from milestones.models import Subscription


class Command(BaseCommand):
    help = "Maak en verstuur de berichten over wijzigingen (met --digest: de dagoverzichten)."

    def add_arguments(self, parser):
        parser.add_argument("--digest", action="store_true", help="Ook de dagoverzichten.")

    def handle(self, *args, **options):
        made = collect()
        sent = send(Subscription.Frequency.IMMEDIATE)
        line = f"{len(made)} nieuw, {sent.sent} verstuurd"
        if options["digest"]:
            digests = send(Subscription.Frequency.DAILY)
            line += f", {digests.sent} in dagoverzichten"
        self.stdout.write(line + ".")
