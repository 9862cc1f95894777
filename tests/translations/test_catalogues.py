"""The interface's Spanish and Portuguese catalogues: complete, faithful to their
placeholders, compiled, and what a visitor actually sees."""

import re

import polib
import pytest

from translations.management.commands.compile_translations import (
    catalogues,
    compile_catalogue,
)

PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sd]")
CATALOGUES = catalogues()


def test_there_is_a_catalogue_for_spanish_and_portuguese():
    assert {po.parts[-3] for po in CATALOGUES} == {"es", "pt"}


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_every_string_is_translated_and_none_is_fuzzy(po_path):
    catalogue = polib.pofile(str(po_path))
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_translations_keep_every_placeholder(po_path):
    """A lost %(date)s prints nothing; a renamed one is a crash."""
    for entry in polib.pofile(str(po_path)).translated_entries():
        forms = [entry.msgstr] if entry.msgstr else entry.msgstr_plural.values()
        expected = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        for form in forms:
            found = sorted(PLACEHOLDER.findall(form))
            # A singular form may say "one" instead of printing the count.
            assert set(found) <= set(expected) and (
                found == expected or entry.msgid_plural
            ), f"{entry.msgid!r} -> {form!r}"


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_the_committed_mo_file_is_compiled_from_the_po_file(po_path, tmp_path):
    committed = po_path.with_suffix(".mo").read_bytes()
    copy = tmp_path / po_path.name
    copy.write_bytes(po_path.read_bytes())
    assert compile_catalogue(copy).read_bytes() == committed, (
        "run: python manage.py compile_translations"
    )


@pytest.mark.parametrize(
    "language, quick_exit", [("es", "Salida rápida"), ("pt", "Saída rápida")]
)
def test_the_chrome_of_every_page_speaks_the_visitor_s_language(
    client, home, language, quick_exit
):
    html = client.get(f"/{language}/").content.decode()
    assert f'<html lang="{language}">' in html
    assert quick_exit in html
    assert "Skip to main content" not in html
