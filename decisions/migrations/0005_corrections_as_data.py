"""Corrections recorded before the flag existed were recognised by their reason's first word
("Correctie: …", or "Correction: …" from the English interface): set the flag and keep the
reason as the clerk typed it."""

import re

from django.db import migrations

PREFIX = re.compile(r"^\s*(correctie|correction)\s*(:\s*)?", re.IGNORECASE)
MODELS = ("historicaltreatment", "historicalamendment", "historicalmotion", "historicalvote",
          "historicalfractievote")


def forwards(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("decisions", name)
        for row in model.objects.filter(history_change_reason__iregex=r"^\s*correct(ie|ion)"):
            row.history_is_correction = True
            row.history_change_reason = PREFIX.sub("", row.history_change_reason)
            row.save(update_fields=["history_is_correction", "history_change_reason"])


def backwards(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("decisions", name)
        for row in model.objects.filter(history_is_correction=True):
            reason = row.history_change_reason or ""
            row.history_change_reason = f"Correctie: {reason}" if reason else "Correctie"
            row.save(update_fields=["history_change_reason"])


class Migration(migrations.Migration):
    dependencies = [("decisions", "0004_history_is_correction")]

    operations = [migrations.RunPython(forwards, backwards)]
