"""Trainers' translation tools: status, review, PO export and import."""

import io

import polib
import pytest
from wagtail.models import Locale
from wagtail_localize.models import Translation

from tests.training.certificates.builders import make_trainer
from training.models import LessonPage

STATUS = "/admin/reports/translation-status/"


@pytest.fixture
def trainer_client(client, staff_groups, translated_site):
    client.force_login(make_trainer(staff_groups))
    return client


def spanish_lesson():
    return LessonPage.objects.get(
        locale__language_code="es", slug="what-exploitation-is"
    )


def row_of(html: str, title: str) -> str:
    start = html.index(title)
    return html[start : html.index("</tr>", start)]


def test_the_status_report_lists_every_page_and_quiz_per_language(trainer_client):
    html = trainer_client.get(STATUS).content.decode()
    english = LessonPage.objects.get(
        locale=Locale.get_default(), slug="what-exploitation-is"
    )
    row = row_of(html, english.title)
    assert "Up to date, awaiting review" in row
    assert "Export PO" in row and "Sync with the English" in row
    # Portuguese was not loaded in this test: every pt row says so.
    pt = trainer_client.get(STATUS, {"language": "pt"}).content.decode()
    assert "Not translated" in pt and "Up to date" not in pt


def test_an_english_edit_makes_the_translation_out_of_date(trainer_client):
    english = LessonPage.objects.get(
        locale=Locale.get_default(), slug="what-exploitation-is"
    )
    english.title = "A new English title"
    english.save_revision().publish()
    html = trainer_client.get(STATUS, {"language": "es"}).content.decode()
    assert "Out of date: the English changed since" in row_of(
        html, "A new English title"
    )


def test_marking_reviewed_removes_the_notice_until_the_translation_changes(
    trainer_client, client
):
    lesson = spanish_lesson()
    assert 'class="translation-notice"' in client.get(lesson.url).content.decode()
    response = trainer_client.post(
        f"/admin/translations/page/{lesson.pk}/reviewed/", {"next": STATUS}
    )
    assert response.status_code == 302
    html = trainer_client.get(STATUS, {"status": "reviewed"}).content.decode()
    assert "Up to date and reviewed" in html
    assert (
        'class="translation-notice"'
        not in trainer_client.get(lesson.url).content.decode()
    )
    lesson.refresh_from_db()
    lesson.title = "[es] Otro título"
    lesson.save_revision().publish()
    assert 'class="translation-notice"' in client.get(lesson.url).content.decode()


def test_po_export_and_import_round_trip(trainer_client):
    lesson = spanish_lesson()
    translation = Translation.objects.get(
        source__object_id=lesson.translation_key, target_locale=lesson.locale
    )
    exported = trainer_client.get(
        f"/admin/localize/translate/{translation.pk}/pofile/download/"
    )
    po = polib.pofile(exported.content.decode())
    entry = next(e for e in po if e.msgctxt == "title")
    entry.msgstr = "Título corregido por una traductora"
    upload = io.BytesIO(str(po).encode())
    upload.name = "lesson.po"
    response = trainer_client.post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/",
        {"file": upload, "next": STATUS},
    )
    assert response.status_code == 302
    translation.save_target(publish=True)
    lesson.refresh_from_db()
    assert lesson.title == "Título corregido por una traductora"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"this is not a PO file at all", "not a valid PO file"),
        (b'msgid "A"\nmsgstr "B"\n', "not exported from this translation"),
        (b"\xff\xfe\x00garbage", "not a valid PO file"),
    ],
)
def test_a_bad_po_file_gets_a_clear_message_and_changes_nothing(
    trainer_client, content, message
):
    lesson = spanish_lesson()
    translation = Translation.objects.get(
        source__object_id=lesson.translation_key, target_locale=lesson.locale
    )
    before = list(translation.source.stringsegment_set.values_list("pk", flat=True))
    title = lesson.title
    upload = io.BytesIO(content)
    upload.name = "bad.po"
    response = trainer_client.post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/",
        {"file": upload, "next": STATUS},
        follow=True,
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    translation.save_target(publish=True)
    lesson.refresh_from_db()
    assert lesson.title == title
    assert list(translation.source.stringsegment_set.values_list("pk", flat=True)) == (
        before
    )


def test_learners_and_managers_get_no_translation_tools(client, translated_site):
    from tests.factories import make_user

    client.force_login(make_user())
    assert client.get(STATUS).status_code in (302, 403)
