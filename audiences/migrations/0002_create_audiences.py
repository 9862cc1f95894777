"""The four audiences the CAC trains exist from the first migrate."""

from django.db import migrations

from audiences.defaults import AUDIENCES


def create_audiences(apps, schema_editor):
    Audience = apps.get_model("audiences", "Audience")
    for fields in AUDIENCES:
        Audience.objects.update_or_create(slug=fields["slug"], defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("audiences", "0001_initial")]

    operations = [migrations.RunPython(create_audiences, migrations.RunPython.noop)]
