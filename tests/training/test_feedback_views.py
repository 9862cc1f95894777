"""The survey on the module and result pages, with and without an account."""

import re

import pytest
from django.test import Client

from quizzes.models import Attempt
from tests.factories import DEFAULT_PASSWORD, audience_page, make_module, make_user
from tests.quizzes.builders import answer_key, make_quiz_module, wrong_answers
from training.learners import ANONYMOUS_KEY
from training.models import ModuleFeedback

BEFORE_QUESTION = "How confident are you that you could recognise the signs of CSEC"
AFTER_QUESTION = "How useful was this module?"


@pytest.fixture
def youth_module(home):
    return make_quiz_module(audience="youth", questions=2, lessons=2)


def log_in(client, user):
    client.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})


def finish_lessons(client, module):
    for lesson in module.lessons():
        client.post(lesson.url)


def take_quiz(client, module, answers=answer_key) -> Attempt:
    client.post(f"/quizzes/start/{module.pk}/final/")
    attempt = Attempt.objects.latest("started_at")
    client.post(f"/quizzes/attempts/{attempt.public_id}/", answers(attempt))
    attempt.refresh_from_db()
    return attempt


def result_url(attempt) -> str:
    return f"/quizzes/attempts/{attempt.public_id}/result/"


def test_a_youth_learner_answers_before_and_after_without_an_account(
    client, youth_module
):
    html = client.get(youth_module.url).content.decode()
    assert BEFORE_QUESTION in html
    assert "Skip this question and start" in html
    assert ANONYMOUS_KEY not in client.session  # reading records nothing

    response = client.post(
        f"/feedback/{youth_module.pk}/before/", {"confidence_before": "2"}
    )
    assert response.status_code == 302 and response["Location"] == youth_module.url
    html = client.get(youth_module.url).content.decode()
    assert "Thank you for your feedback." in html
    assert BEFORE_QUESTION not in html

    finish_lessons(client, youth_module)
    attempt = take_quiz(client, youth_module)
    html = client.get(result_url(attempt)).content.decode()
    assert AFTER_QUESTION in html
    assert "Don't write your name" in html

    response = client.post(
        f"/feedback/after/{attempt.public_id}/",
        {"usefulness": "5", "confidence_after": "4", "comment": "Good."},
    )
    assert response.status_code == 302 and response["Location"] == result_url(attempt)
    html = client.get(result_url(attempt)).content.decode()
    assert AFTER_QUESTION not in html
    assert "Thank you for your feedback. It helps the CAC" in html

    row = ModuleFeedback.objects.get()
    assert (row.confidence_before, row.usefulness, row.confidence_after) == (2, 5, 4)
    assert row.user is None and row.anonymous_key == client.session[ANONYMOUS_KEY]


def test_a_signed_in_learner_gets_the_survey_after_failing_too(client, home):
    module = make_quiz_module(audience="providers", questions=2)
    user = make_user()
    log_in(client, user)
    finish_lessons(client, module)
    attempt = take_quiz(client, module, answers=wrong_answers)
    assert attempt.passed is False
    assert AFTER_QUESTION in client.get(result_url(attempt)).content.decode()
    client.post(f"/feedback/after/{attempt.public_id}/", {"usefulness": "3"})
    client.post(f"/feedback/after/{attempt.public_id}/", {"usefulness": "4"})
    row = ModuleFeedback.objects.get()
    assert (row.user, row.usefulness, row.anonymous_key) == (user, 4, "")


def test_the_before_question_goes_once_the_learner_has_started(client, youth_module):
    client.post(youth_module.lessons().first().url)
    assert BEFORE_QUESTION not in client.get(youth_module.url).content.decode()


def test_the_before_question_is_not_asked_where_an_account_is_needed(client, home):
    module = make_module(parent=audience_page("providers"), lessons=1)
    audience = module.audience
    audience.allows_anonymous_learners = False
    audience.save()
    assert BEFORE_QUESTION not in client.get(module.url).content.decode()
    response = client.post(f"/feedback/{module.pk}/before/", {"confidence_before": 3})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not ModuleFeedback.objects.exists()


def test_the_pretest_result_has_no_survey(client, home):
    module = make_quiz_module(audience="youth", questions=1)
    from tests.quizzes.builders import make_quiz

    module.pretest = make_quiz(questions=1, title="Pre-test")
    module.save_revision().publish()
    client.post(f"/quizzes/start/{module.pk}/pretest/")
    attempt = Attempt.objects.get()
    client.post(f"/quizzes/attempts/{attempt.public_id}/", answer_key(attempt))
    assert AFTER_QUESTION not in client.get(result_url(attempt)).content.decode()
    response = client.post(f"/feedback/after/{attempt.public_id}/", {"usefulness": 3})
    assert response.status_code == 400
    assert "This survey is about a module" in response.content.decode()
    assert not ModuleFeedback.objects.exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"usefulness": "6"}, "Choose a number from 1 to 5."),
        ({"confidence_after": "0"}, "Choose a number from 1 to 5."),
        ({"usefulness": "two"}, "Choose a number from 1 to 5."),
        ({"comment": "x" * 1001}, "Keep your comment to 1000 characters or fewer"),
        ({}, "You did not answer anything."),
    ],
)
def test_bad_after_answers_show_an_error_summary_and_change_nothing(
    client, youth_module, data, message
):
    finish_lessons(client, youth_module)
    attempt = take_quiz(client, youth_module)
    response = client.post(f"/feedback/after/{attempt.public_id}/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary" role="alert"' in html
    assert message in html
    assert not ModuleFeedback.objects.exists()


def test_a_bad_before_answer_changes_nothing(client, youth_module):
    response = client.post(
        f"/feedback/{youth_module.pk}/before/", {"confidence_before": "9"}
    )
    assert response.status_code == 400
    assert "Choose a number from 1 to 5." in response.content.decode()
    assert not ModuleFeedback.objects.exists()
    assert ANONYMOUS_KEY not in client.session  # nothing was recorded


def test_a_missing_module_or_another_learner_s_attempt_is_404(client, youth_module):
    assert client.post("/feedback/999999/before/", {}).status_code == 404
    lesson = youth_module.lessons().first()
    assert client.post(f"/feedback/{lesson.pk}/before/", {}).status_code == 404
    other = Client()
    finish_lessons(other, youth_module)
    attempt = take_quiz(other, youth_module)
    response = client.post(f"/feedback/after/{attempt.public_id}/", {"usefulness": 3})
    assert response.status_code == 404
    assert not ModuleFeedback.objects.exists()


def test_the_forms_are_get_proof(client, youth_module):
    assert client.get(f"/feedback/{youth_module.pk}/before/").status_code == 405


def test_csrf_is_enforced(youth_module):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/feedback/{youth_module.pk}/before/", {"confidence_before": "3"}
    )
    assert response.status_code == 403
    html = client.get(youth_module.url).content.decode()
    token = re.search(
        r'action="/feedback/\d+/before/".*?name="csrfmiddlewaretoken" value="([^"]+)"',
        html,
        re.S,
    ).group(1)
    response = client.post(
        f"/feedback/{youth_module.pk}/before/",
        {"confidence_before": "3", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert ModuleFeedback.objects.get().confidence_before == 3


def test_the_form_is_accessible_markup(client, youth_module):
    html = client.get(youth_module.url).content.decode()
    form = html[html.index('id="feedback-before"') :]
    form = form[: form.index("</section>")]
    assert "<fieldset" in form and "<legend" in form
    assert form.count('type="radio"') == 5
    for number in range(5):
        assert f'for="id_confidence_before_{number}"' in form


def test_a_spanish_learner_s_answer_is_recorded_in_spanish(client, translated_site):
    from training.models import TrainingModulePage

    spanish = TrainingModulePage.objects.get(locale__language_code="es")
    html = client.get(spanish.url).content.decode()
    assert 'action="/es/feedback/' in html
    client.post(f"/es/feedback/{spanish.pk}/before/", {"confidence_before": "4"})
    row = ModuleFeedback.objects.get()
    assert row.language == "es"
    assert row.module.locale.language_code == "en"


@pytest.fixture
def translated_site(home, tmp_path, django_capture_on_commit_callbacks):
    from tests.translations.builders import load_pseudo_translated_site

    with django_capture_on_commit_callbacks(execute=True):
        return load_pseudo_translated_site(tmp_path, languages=("es",))
