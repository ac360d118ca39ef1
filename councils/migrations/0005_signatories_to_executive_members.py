"""The names of the burgemeester and secretaris were two fields on the municipality; they are
now college members with a period (ExecutiveMember)."""

from django.db import migrations

ROLES = (("mayor_name", "mayor"), ("secretary_name", "secretary"))


def forwards(apps, schema_editor):
    Municipality = apps.get_model("councils", "Municipality")
    ExecutiveMember = apps.get_model("councils", "ExecutiveMember")
    for municipality in Municipality.objects.all():
        for field, role in ROLES:
            name = getattr(municipality, field)
            if name:
                ExecutiveMember.objects.create(
                    municipality=municipality,
                    role=role,
                    name=name,
                    source="Overgenomen uit het veld van de gemeente",
                    reliability="unverified",
                )


def backwards(apps, schema_editor):
    Municipality = apps.get_model("councils", "Municipality")
    ExecutiveMember = apps.get_model("councils", "ExecutiveMember")
    for municipality in Municipality.objects.all():
        for field, role in ROLES:
            member = ExecutiveMember.objects.filter(municipality=municipality, role=role).first()
            if member is not None:
                setattr(municipality, field, member.name)
        municipality.save()


class Migration(migrations.Migration):
    dependencies = [("councils", "0004_members_attendance_college")]

    operations = [migrations.RunPython(forwards, backwards)]
