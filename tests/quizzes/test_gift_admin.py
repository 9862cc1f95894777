"""The admin GIFT import (preview, confirm) and export views, and who may use them."""

import html as html_module
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import ModelLogEntry

from quizzes.gift.parser import parse_gift
from quizzes.models import Question, Quiz
from tests.factories import enrol_totp, make_user
from tests.quizzes.test_gift_moodle_export import MAPPED, SKIPPED, UNMATCHED

SAMPLES = Path(__file__).parent / "gift_samples"
EVERY_FEATURE = (SAMPLES / "every_feature.gift").read_text()
HOSTILE = (
    "$CATEGORY: definitions\n"
    "::Q1:: <script>alert(1)</script>Which? <img src=x onerror=alert(1)> {\n"
    "  =Right <img src\\=x onerror\\=alert(1)>#<script>alert(1)</script>\n"
    "  ~Wrong\n"
    "  ####&lt;script&gt;alert(1)&lt;/script&gt;\n"
    "}\n"
)
RAW_TAGS = ("<script>alert", "<img src", "onerror=alert(1)>")


def import_url(quiz) -> str:
    return f"/admin/quizzes/{quiz.pk}/import-gift/"


def login(client, user) -> None:
    """Sign in as staff do: with a second factor enrolled (required for /admin/)."""
    enrol_totp(user)
    client.force_login(
        user, backend="allauth.account.auth_backends.AuthenticationBackend"
    )


@pytest.fixture
def quiz(db):
    return Quiz.objects.create(title="CSEC basics", live=True)


@pytest.fixture
def trainer_client(client, staff_groups):
    login(client, make_user(groups=[staff_groups["CAC trainers"]]))
    return client


def test_trainer_sees_the_upload_form(trainer_client, quiz):
    response = trainer_client.get(import_url(quiz))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="file"' in html and 'accept=".gift,.txt,text/plain"' in html
    assert '<textarea name="text"' in html
    assert "or paste GIFT text" in html
    assert '<select name="default_topic"' in html
    assert "Topic for unmatched categories" in html
    assert f'href="/admin/quizzes/{quiz.pk}/export-gift/"' in html


def test_preview_shows_the_questions_and_saves_nothing(trainer_client, quiz):
    upload = SimpleUploadedFile("bank.gift", EVERY_FEATURE.encode())
    response = trainer_client.post(
        import_url(quiz), {"action": "preview", "file": upload}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="gift-preview"' in html
    assert "Preview: 9 questions" in html
    correct = '✓</span><span class="w-sr-only">Correct:</span> '
    assert correct + "Commercial sexual exploitation of children" in html
    assert correct + "Community safety" not in html
    assert "<td>Single choice</td>" in html and "<td>Risk factors</td>" in html
    assert 'name="action" value="import"' in html
    # The confirm form re-posts the exact text, escaped inside the textarea.
    assert response.context["text"] == EVERY_FEATURE
    assert Question.objects.count() == 0


@pytest.mark.parametrize(
    "sample,expected",
    [
        ("bad_structure.gift", ["Line 6: unclosed", "Line 10:"]),
        ("not_utf8.gift", ["Line 1: the file is not UTF-8 text"]),
    ],
)
def test_a_bad_file_shows_line_numbered_errors(trainer_client, quiz, sample, expected):
    upload = SimpleUploadedFile(sample, (SAMPLES / sample).read_bytes())
    for action in ("preview", "import"):
        upload.seek(0)
        response = trainer_client.post(
            import_url(quiz), {"action": action, "file": upload}
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "Nothing was imported." in html
        errors = response.context["errors"]
        assert [e.split(":")[0] for e in errors] == [e.split(":")[0] for e in expected]
        for prefix, error in zip(expected, errors, strict=True):
            assert error.startswith(prefix)
        assert 'id="gift-preview"' not in html
    assert Question.objects.count() == 0


def test_pasted_text_keeps_its_line_numbers(trainer_client, quiz):
    text = "\n\n$CATEGORY: definitions\n::Q:: x {=a ~b\n"
    response = trainer_client.post(
        import_url(quiz), {"action": "preview", "text": text}
    )
    assert response.context["errors"] == [
        "Line 4: unclosed '{': no '}' before the question ends"
    ]
    response = trainer_client.post(
        import_url(quiz), {"action": "preview", "text": text.replace("~b", "~b}")}
    )
    assert [question.line for question in response.context["plan"].questions] == [4]
    assert "<td>4</td>" in response.content.decode()


def test_nothing_to_import_is_an_error(trainer_client, quiz):
    response = trainer_client.post(import_url(quiz), {"action": "preview", "text": " "})
    assert response.context["errors"] == ["Choose a GIFT file or paste GIFT text."]


def test_hostile_markup_never_reaches_the_page_unescaped(trainer_client, quiz):
    # First a clean preview, then an error page that echoes the hostile topic.
    bad_topic = "$CATEGORY: <img src=x onerror=alert(1)>\n" + HOSTILE.split("\n", 1)[1]
    for text, marker in ((HOSTILE, 'id="gift-preview"'), (bad_topic, "unknown topic")):
        response = trainer_client.post(
            import_url(quiz), {"action": "preview", "text": text}
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert marker in html
        for raw in RAW_TAGS:
            assert raw not in html
        assert "&lt;script&gt;alert(1)" in html  # the echoed text, escaped
    assert Question.objects.count() == 0


def test_trainer_imports_after_confirming(trainer_client, quiz):
    revisions = quiz.revisions.count()
    response = trainer_client.post(
        import_url(quiz), {"action": "import", "text": EVERY_FEATURE}
    )
    edit_url = f"/admin/snippets/quizzes/quiz/edit/{quiz.pk}/"
    assert response.status_code == 302
    assert response["Location"] == edit_url
    assert quiz.questions.count() == 9
    assert quiz.revisions.count() == revisions + 1
    assert ModelLogEntry.objects.filter(
        object_id=str(quiz.pk), action="wagtail.edit"
    ).exists()

    page = trainer_client.get(edit_url)
    assert page.status_code == 200
    assert "Imported 9 questions." in page.content.decode()


def test_imported_markup_is_escaped_on_the_quiz_edit_page(trainer_client, quiz):
    trainer_client.post(import_url(quiz), {"action": "import", "text": HOSTILE})
    assert quiz.questions.count() == 1
    html = trainer_client.get(f"/admin/snippets/quizzes/quiz/edit/{quiz.pk}/")
    for raw in RAW_TAGS:
        assert raw not in html.content.decode()


def test_quiz_listing_offers_import_and_export(trainer_client, quiz):
    html = trainer_client.get("/admin/snippets/quizzes/quiz/").content.decode()
    assert f'href="/admin/quizzes/{quiz.pk}/import-gift/"' in html
    assert "Import GIFT" in html and "Export GIFT" in html


def test_trainer_downloads_the_quiz_as_gift(trainer_client, quiz):
    trainer_client.post(import_url(quiz), {"action": "import", "text": EVERY_FEATURE})
    response = trainer_client.get(f"/admin/quizzes/{quiz.pk}/export-gift/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="quiz-{quiz.pk}.gift"'
    )
    assert len(parse_gift(response.content.decode())) == 9


def test_unknown_quiz_is_404(trainer_client, quiz):
    assert trainer_client.get("/admin/quizzes/999999/import-gift/").status_code == 404
    assert trainer_client.get("/admin/quizzes/999999/export-gift/").status_code == 404


def test_learner_is_turned_away(client, quiz, home):
    login(client, make_user())
    for response in (
        client.get(import_url(quiz)),
        client.post(import_url(quiz), {"action": "import", "text": EVERY_FEATURE}),
        client.get(f"/admin/quizzes/{quiz.pk}/export-gift/"),
    ):
        assert response.status_code in (302, 403)
        assert "/admin/" not in response.get("Location", "").split("?")[0]
    assert Question.objects.count() == 0


def test_staff_without_change_quiz_permission_is_denied(client, quiz, home):
    group = Group.objects.create(name="Admin only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    login(client, make_user(groups=[group]))
    for response in (
        client.get(import_url(quiz)),
        client.post(import_url(quiz), {"action": "import", "text": EVERY_FEATURE}),
        client.get(f"/admin/quizzes/{quiz.pk}/export-gift/"),
    ):
        # Wagtail's permission_denied: back to the dashboard with a message.
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"] == "/admin/"
    assert Question.objects.count() == 0


MOODLE_EXPORT = (SAMPLES / "moodle_export.gift").read_bytes()


def list_items(html: str, list_id: str) -> list[str]:
    """The texts of the <li>s in the <ul id=list_id>, unescaped."""
    body = html[html.index(f'<ul id="{list_id}">') :]
    body = body[: body.index("</ul>")]
    return [html_module.unescape(item) for item in re.findall(r"<li>(.*?)</li>", body)]


def test_preview_of_a_moodle_export_lists_every_row_before_saving(trainer_client, quiz):
    upload = SimpleUploadedFile("moodle.gift", MOODLE_EXPORT)
    response = trainer_client.post(
        import_url(quiz), {"action": "preview", "file": upload}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview: 8 questions" in html
    table = html[html.index('id="gift-preview"') :]
    table = table[: table.index("</table>")]
    lines = [int(line) for line in re.findall(r"<tr>\s*<td>(\d+)</td>", table)]
    assert lines == [9, 17, 24, 39, 42, 53, 92, 95]
    assert list_items(html, "gift-mapped") == MAPPED
    assert list_items(html, "gift-dropped") == [*SKIPPED, UNMATCHED]
    assert table.count("No explanation yet") == 2
    # The trainer sees the formatting learners will see, and no markup.
    assert "<strong>CSEC</strong>" in table
    assert "Community safety &amp; education committee" in table
    for raw in ("&lt;p&gt;", "&lt;strong", "&lt;span", "&amp;nbsp;", "[html]"):
        assert raw not in table
    assert 'name="action" value="import"' in html and "Import 8 questions" in html
    assert Question.objects.count() == 0


def test_the_topic_for_unmatched_categories_is_carried_to_the_import(
    trainer_client, quiz
):
    data = {"text": MOODLE_EXPORT.decode(), "default_topic": "definitions"}
    response = trainer_client.post(import_url(quiz), {"action": "preview", **data})
    html = response.content.decode()
    assert "Preview: 9 questions" in html
    assert 'name="default_topic" value="definitions"' in html
    assert list_items(html, "gift-dropped") == SKIPPED

    response = trainer_client.post(import_url(quiz), {"action": "import", **data})
    assert response.status_code == 302
    assert quiz.questions.count() == 9
    assert quiz.questions.filter(topic="definitions").count() == 3
    page = trainer_client.get(response["Location"]).content.decode()
    assert "Imported 9 questions. 6 left out, as the preview listed." in page


def test_a_preview_with_nothing_to_import_says_so_and_offers_no_import(
    trainer_client, quiz
):
    text = (
        "$CATEGORY: $course$/top/Warm-up\n"
        "::Q:: Ready? {=yes ~no}\n\n"
        "::E:: Tell us. {}\n"
    )
    response = trainer_client.post(
        import_url(quiz), {"action": "preview", "text": text}
    )
    html = response.content.decode()
    assert "Nothing in this file can be imported." in html
    assert 'id="gift-preview"' not in html
    assert 'value="import"' not in html
    assert list_items(html, "gift-dropped") == [
        "Line 2: unknown topic 'warm-up'; use one of: definitions, risk factors, "
        "indicators, first-responder duties, mandated reporting",
        "Line 4: essay question ('{}') - not supported, skipped",
    ]
    # The text stays in the form, to be fixed and checked again.
    assert response.context["form"]["text"].value() == text

    response = trainer_client.post(import_url(quiz), {"action": "import", "text": text})
    assert response.context["errors"][0] == (
        "Nothing to import: no question in the file can be imported."
    )
    assert Question.objects.count() == 0
    assert quiz.revisions.count() == 0


def test_an_unknown_topic_for_unmatched_categories_is_refused(trainer_client, quiz):
    response = trainer_client.post(
        import_url(quiz),
        {"action": "import", "text": EVERY_FEATURE, "default_topic": "grooming"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Question.objects.count() == 0
