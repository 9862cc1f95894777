"""Compile locale/*/LC_MESSAGES/*.po to .mo with polib (no GNU gettext needed).

The .mo files are committed, so `make run` works on a fresh machine; run this
after editing a .po file (tests/translations/test_catalogues.py checks they match).
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def catalogues() -> list[Path]:
    return sorted(
        po
        for folder in settings.LOCALE_PATHS
        for po in Path(folder).glob("*/LC_MESSAGES/*.po")
    )


def compile_catalogue(po_path: Path) -> Path:
    mo_path = po_path.with_suffix(".mo")
    polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
    return mo_path


class Command(BaseCommand):
    help = "Compile the site's .po translation catalogues to .mo files."

    def handle(self, *args, **options):
        for po_path in catalogues():
            mo_path = compile_catalogue(po_path)
            self.stdout.write(f"Compiled {mo_path.relative_to(settings.BASE_DIR)}")
