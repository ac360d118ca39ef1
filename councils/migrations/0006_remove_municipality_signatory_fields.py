from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("councils", "0005_signatories_to_executive_members")]

    operations = [
        migrations.RemoveField(
            model_name='historicalmunicipality',
            name='mayor_name',
        ),
        migrations.RemoveField(
            model_name='historicalmunicipality',
            name='secretary_name',
        ),
        migrations.RemoveField(
            model_name='municipality',
            name='mayor_name',
        ),
        migrations.RemoveField(
            model_name='municipality',
            name='secretary_name',
        ),
    ]
