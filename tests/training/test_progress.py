from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from audiences.models import Audience
from tests.factories import DEFAULT_PASSWORD, audience_page, make_module, make_user
from training.learners import ANONYMOUS_KEY
from training.models import LessonCompletion


def lessons_of(module):
    return list(module.lessons())


def finish(client, lesson):
    return client.post(lesson.url)


def log_in(client, user):
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302


@pytest.fixture
def provider_module(home):
    return make_module(
        parent=audience_page("providers"), lessons=5, title="Mandated reporting"
    )


@pytest.fixture
def youth_module(home):
    return make_module(parent=audience_page("youth"), lessons=4, title="Staying safe")


def test_finishing_lessons_moves_the_bar(client, provider_module):
    log_in(client, make_user())
    lessons = lessons_of(provider_module)
    assert "0 of 5 lessons finished" in client.get(provider_module.url).content.decode()

    response = finish(client, lessons[0])
    assert response.status_code == 302
    assert response["Location"] == lessons[1].url
    finish(client, lessons[1])

    html = client.get(provider_module.url).content.decode()
    assert "2 of 5 lessons finished" in html
    assert 'value="2"' in html
    audience_html = client.get("/providers/").content.decode()
    assert "2 of 5 lessons finished" in audience_html
    assert "Continue" in audience_html


def test_finishing_the_same_lesson_twice_records_it_once(client, provider_module):
    user = make_user()
    log_in(client, user)
    lesson = lessons_of(provider_module)[0]
    finish(client, lesson)
    finish(client, lesson)
    assert LessonCompletion.objects.filter(user=user).count() == 1


def test_a_closed_session_resumes_at_the_first_unfinished_lesson(
    client, provider_module
):
    user = make_user()
    log_in(client, user)
    lessons = lessons_of(provider_module)
    finish(client, lessons[0])
    finish(client, lessons[2])  # out of order: lesson 2 is still the next one
    client.post("/accounts/logout/")

    log_in(client, user)
    html = client.get(provider_module.url).content.decode()
    assert f'class="button button--primary" href="{lessons[1].url}">Continue' in html


def test_finishing_the_last_lesson_completes_the_module(client, provider_module):
    log_in(client, make_user())
    lessons = lessons_of(provider_module)
    for lesson in lessons[:-1]:
        finish(client, lesson)
    response = finish(client, lessons[-1])
    assert response["Location"] == provider_module.url
    html = client.get(response["Location"]).content.decode()
    assert "you have finished every lesson" in html
    assert "Review from the start" in html
    assert "Review" in client.get("/my-training/").content.decode()


def test_a_youth_visitor_finishes_a_module_with_no_account(client, youth_module):
    lessons = lessons_of(youth_module)
    for lesson in lessons:
        assert client.get(lesson.url).status_code == 200
        finish(client, lesson)
    html = client.get(youth_module.url).content.decode()
    assert "4 of 4 lessons finished" in html
    rows = LessonCompletion.objects.all()
    assert rows.count() == 4
    assert all(row.user is None and row.anonymous_key for row in rows)


def test_a_visitor_is_asked_to_log_in_where_a_trainer_switched_anonymity_off(
    client, provider_module
):
    Audience.objects.filter(slug="providers").update(allows_anonymous_learners=False)
    lesson = lessons_of(provider_module)[0]
    # Reading the module page stays open.
    html = client.get(provider_module.url).content.decode()
    assert "Sign up to start" in html
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"/accounts/login/?next={lesson.url}")
    assert client.post(lesson.url).status_code == 302
    assert not LessonCompletion.objects.exists()


def test_anonymous_progress_moves_to_the_account_on_signup(client, youth_module):
    lessons = lessons_of(youth_module)
    finish(client, lessons[0])
    finish(client, lessons[1])
    client.post(
        "/accounts/signup/",
        {
            "name": "Sam",
            "email": "sam@example.org",
            "password1": DEFAULT_PASSWORD,
            "password2": DEFAULT_PASSWORD,
        },
    )
    rows = LessonCompletion.objects.all()
    assert [row.user.email for row in rows] == ["sam@example.org"] * 2
    assert all(row.anonymous_key == "" and row.expires_at is None for row in rows)


def test_anonymous_progress_moves_to_the_account_on_login(client, youth_module):
    user = make_user()
    lessons = lessons_of(youth_module)
    LessonCompletion.objects.create(user=user, lesson=lessons[0], module=youth_module)
    finish(client, lessons[0])  # both have lesson 1: it must not be recorded twice
    finish(client, lessons[1])
    log_in(client, user)
    assert LessonCompletion.objects.filter(user=user).count() == 2
    assert not LessonCompletion.objects.filter(user__isnull=True).exists()
    assert ANONYMOUS_KEY not in client.session


def test_expired_anonymous_progress_is_purged(client, youth_module):
    lessons = lessons_of(youth_module)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        finish(client, lessons[0])
    with time_machine.travel(start + timedelta(days=20), tick=False):
        other = make_user()
        LessonCompletion.objects.create(
            user=other, lesson=lessons[0], module=youth_module
        )
        call_command("purge_anonymous_progress", verbosity=0)
        assert LessonCompletion.objects.filter(user__isnull=True).count() == 1
    with time_machine.travel(start + timedelta(days=31), tick=False):
        call_command("purge_anonymous_progress", verbosity=0)
        assert not LessonCompletion.objects.filter(user__isnull=True).exists()
        # Account holders' progress is never purged.
        assert LessonCompletion.objects.filter(user=other).count() == 1


def test_each_anonymous_step_extends_the_expiry(client, youth_module):
    lessons = lessons_of(youth_module)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        finish(client, lessons[0])
    with time_machine.travel(start + timedelta(days=25), tick=False):
        finish(client, lessons[1])
    with time_machine.travel(start + timedelta(days=40), tick=False):
        call_command("purge_anonymous_progress", verbosity=0)
        assert LessonCompletion.objects.count() == 2


def test_anonymous_rows_hold_no_session_key_or_personal_data(client, youth_module):
    finish(client, lessons_of(youth_module)[0])
    row = LessonCompletion.objects.get()
    assert row.anonymous_key != client.session.session_key
    assert row.user is None


def test_my_training_lists_in_progress_and_completed(client, home):
    user = make_user()
    started = make_module(
        parent=audience_page("parents"), lessons=3, title="Warning signs"
    )
    done = make_module(parent=audience_page("parents"), lessons=1, title="Talking")
    log_in(client, user)
    finish(client, lessons_of(started)[0])
    finish(client, lessons_of(done)[0])
    html = client.get("/my-training/").content.decode()
    in_progress, completed = html.split("Completed", 1)
    assert "Warning signs" in in_progress and "1 of 3 lessons finished" in in_progress
    assert "Talking" in completed


def test_my_training_empty_state_and_login_required(client, home):
    assert client.get("/my-training/").status_code == 302
    log_in(client, make_user())
    html = client.get("/my-training/").content.decode()
    assert "You have not started a module yet" in html
    assert 'href="/providers/"' in html


def test_an_anonymous_learners_pages_are_not_cached(client, youth_module):
    lesson = lessons_of(youth_module)[0]
    finish(client, lesson)  # from now on the pages show this visitor's progress
    for url in (youth_module.url, lesson.url, "/youth/"):
        cache_control = client.get(url)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control


def test_expired_anonymous_quiz_attempts_are_purged(client, home):
    from quizzes.models import Attempt
    from tests.quizzes.builders import make_quiz_module

    module = make_quiz_module(audience="youth", questions=2)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for lesson in module.lessons():
            finish(client, lesson)
        client.post(f"/quizzes/start/{module.pk}/final/")
    assert Attempt.objects.filter(user__isnull=True).count() == 1
    with time_machine.travel(start + timedelta(days=31), tick=False):
        call_command("purge_anonymous_progress", verbosity=0)
    assert not Attempt.objects.exists()
    assert not LessonCompletion.objects.exists()


def test_anonymous_quiz_attempts_move_to_the_account_on_login(client, home):
    from quizzes.models import Attempt
    from tests.quizzes.builders import answer_key, make_quiz_module

    module = make_quiz_module(audience="youth", questions=2)
    for lesson in module.lessons():
        finish(client, lesson)
    response = client.post(f"/quizzes/start/{module.pk}/final/")
    attempt = Attempt.objects.get()
    client.post(response["Location"], answer_key(attempt))
    user = make_user()
    log_in(client, user)
    attempt.refresh_from_db()
    assert attempt.user == user and attempt.anonymous_key == ""
    assert "Completed" in client.get("/youth/").content.decode()
