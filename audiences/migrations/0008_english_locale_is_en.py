"""English content is in the locale "en" (it was "en-us"), beside "es" and "pt"."""

from django.db import migrations


def english_is_en(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    if not Locale.objects.filter(language_code="en").exists():
        Locale.objects.filter(language_code="en-us").update(language_code="en")


def english_is_en_us(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    if not Locale.objects.filter(language_code="en-us").exists():
        Locale.objects.filter(language_code="en").update(language_code="en-us")


class Migration(migrations.Migration):
    dependencies = [
        ("audiences", "0007_standard_page_site_role"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(english_is_en, english_is_en_us)]
