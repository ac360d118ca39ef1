"""The weekly reminders to griffies and the programmabureau: one task per person on the
background queue (run it weekly from cron; the worker sends)."""

from django.core.management.base import BaseCommand

from milestones.alerts.reminders import recipients
from milestones.alerts.tasks import send_reminder


class Command(BaseCommand):
    help = "Zet de wekelijkse herinneringen aan termijnen in de wachtrij."

    def handle(self, *args, **options):
        users = list(recipients().values_list("pk", flat=True))
        for user_id in users:
            send_reminder.enqueue(user_id)
        self.stdout.write(f"{len(users)} herinneringen in de wachtrij.")
