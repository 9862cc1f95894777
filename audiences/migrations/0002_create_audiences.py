"""The four audiences the CAC trains exist from the first migrate."""

from django.db import migrations

from audiences.defaults import AUDIENCES


def create_audiences(apps, schema_editor):
    Audience = apps.get_model("audiences", "Audience")
    # AUDIENCES is today's list; later migrations add the fields it has since gained.
    known = {field.name for field in Audience._meta.get_fields()}
    for fields in AUDIENCES:
        fields = {name: value for name, value in fields.items() if name in known}
        Audience.objects.update_or_create(slug=fields["slug"], defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("audiences", "0001_initial")]

    operations = [migrations.RunPython(create_audiences, migrations.RunPython.noop)]
