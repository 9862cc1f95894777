"""The request form's questions become translatable; an audience has a landing per language."""

import uuid

import django.db.models.deletion
from django.db import migrations, models

TRANSLATABLE = ["audiences.trainingrequestfield"]


def existing_rows_are_english(apps, schema_editor):
    """Every row made before translations is English, with its own key."""
    Locale = apps.get_model("wagtailcore", "Locale")
    english = Locale.objects.filter(language_code="en").first() or Locale.objects.first()
    for label in TRANSLATABLE:
        model = apps.get_model(label)
        for pk in model.objects.filter(translation_key=None).values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(translation_key=uuid.uuid4(), locale=english)


class Migration(migrations.Migration):
    dependencies = [
        ('audiences', '0009_audience_door_text'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AlterField(
            model_name="audiencepage",
            name="audience",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="pages",
                to="audiences.audience",
            ),
        ),
        migrations.AddField(
            model_name="trainingrequestfield",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="trainingrequestfield",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(existing_rows_are_english, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="trainingrequestfield",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="trainingrequestfield",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="trainingrequestfield", unique_together={("translation_key", "locale")}
        ),
    ]
