"""The survey's services: validation, one row per learner, claim and purge."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from quizzes.answers import parse_answers
from quizzes.services import attempt_start, attempt_submit
from tests.factories import audience_page, make_module, make_user
from tests.quizzes.builders import answer_key, make_quiz_module
from training.feedback import (
    FeedbackError,
    feedback_answer_after,
    feedback_answer_before,
    feedback_for,
)
from training.learners import Learner
from training.models import LessonCompletion, ModuleFeedback
from training.progress import progress_claim, purge_expired_anonymous_progress

ANONYMOUS = Learner(anonymous_key="a-random-session-key")


@pytest.fixture
def youth_module(home):
    return make_quiz_module(audience="youth", questions=2)


def submitted_final(learner, module):
    attempt = attempt_start(learner=learner, quiz=module.quiz, module=module)
    return attempt_submit(
        attempt=attempt, answers=parse_answers(MultiValueDict(answer_key(attempt)))
    )


def test_answering_before_and_after_fills_one_row(youth_module):
    feedback_answer_before(learner=ANONYMOUS, module=youth_module, confidence_before=2)
    attempt = submitted_final(ANONYMOUS, youth_module)
    feedback_answer_after(
        learner=ANONYMOUS,
        attempt=attempt,
        usefulness=5,
        confidence_after=4,
        comment="  Clear and kind.  ",
    )
    row = ModuleFeedback.objects.get()
    assert (row.confidence_before, row.usefulness, row.confidence_after) == (2, 5, 4)
    assert row.comment == "Clear and kind."
    assert row.user is None and row.anonymous_key == ANONYMOUS.anonymous_key
    assert row.expires_at is not None
    assert row.audience.slug == "youth" and row.language == "en"


def test_answering_twice_updates_the_same_row(youth_module):
    feedback_answer_before(learner=ANONYMOUS, module=youth_module, confidence_before=1)
    feedback_answer_before(learner=ANONYMOUS, module=youth_module, confidence_before=3)
    attempt = submitted_final(ANONYMOUS, youth_module)
    for usefulness in (2, 4):
        feedback_answer_after(
            learner=ANONYMOUS,
            attempt=attempt,
            usefulness=usefulness,
            confidence_after=None,
        )
    row = ModuleFeedback.objects.get()
    assert (row.confidence_before, row.usefulness) == (3, 4)


@pytest.mark.parametrize("value", [0, 6, -1, True, "3", 2.5])
def test_out_of_range_answers_change_nothing(youth_module, value):
    with pytest.raises(FeedbackError) as error:
        feedback_answer_before(
            learner=ANONYMOUS, module=youth_module, confidence_before=value
        )
    assert "confidence_before" in error.value.errors
    assert not ModuleFeedback.objects.exists()


def test_a_comment_over_1000_characters_changes_nothing(youth_module):
    attempt = submitted_final(ANONYMOUS, youth_module)
    with pytest.raises(FeedbackError) as error:
        feedback_answer_after(
            learner=ANONYMOUS,
            attempt=attempt,
            usefulness=3,
            confidence_after=3,
            comment="x" * 1001,
        )
    assert "comment" in error.value.errors
    assert not ModuleFeedback.objects.exists()
    feedback_answer_after(
        learner=ANONYMOUS,
        attempt=attempt,
        usefulness=None,
        confidence_after=None,
        comment="x" * 1000,
    )
    assert len(ModuleFeedback.objects.get().comment) == 1000


def test_an_empty_answer_records_nothing(youth_module):
    with pytest.raises(FeedbackError):
        feedback_answer_before(
            learner=ANONYMOUS, module=youth_module, confidence_before=None
        )
    assert not ModuleFeedback.objects.exists()


def test_the_after_survey_needs_a_submitted_final_attempt(youth_module):
    open_attempt = attempt_start(
        learner=ANONYMOUS, quiz=youth_module.quiz, module=youth_module
    )
    with pytest.raises(FeedbackError):
        feedback_answer_after(
            learner=ANONYMOUS,
            attempt=open_attempt,
            usefulness=3,
            confidence_after=3,
        )
    assert not ModuleFeedback.objects.exists()


def test_a_module_that_needs_an_account_takes_no_anonymous_answer(home):
    module = make_module(parent=audience_page("providers"), lessons=1)
    audience = module.audience
    audience.allows_anonymous_learners = False
    audience.save()
    with pytest.raises(FeedbackError):
        feedback_answer_before(learner=ANONYMOUS, module=module, confidence_before=3)


def test_answers_in_spanish_belong_to_the_english_module(youth_module):
    from wagtail.models import Locale

    spanish = youth_module.copy_for_translation(
        Locale.objects.get_or_create(language_code="es")[0], copy_parents=True
    )
    feedback_answer_before(learner=ANONYMOUS, module=spanish, confidence_before=4)
    row = ModuleFeedback.objects.get()
    assert row.module_id == youth_module.pk
    assert feedback_for(learner=ANONYMOUS, module=spanish) == row


def test_anonymous_answers_move_to_the_account_on_sign_in(youth_module):
    user = make_user()
    other = make_quiz_module(audience="youth", questions=1)
    feedback_answer_before(learner=ANONYMOUS, module=youth_module, confidence_before=2)
    feedback_answer_before(learner=ANONYMOUS, module=other, confidence_before=1)
    # The account answered about `other` already: its answer wins, the session's
    # fills what it left empty.
    feedback_answer_after(
        learner=Learner(user=user),
        attempt=submitted_final(Learner(user=user), other),
        usefulness=5,
        confidence_after=5,
    )
    progress_claim(anonymous_key=ANONYMOUS.anonymous_key, user=user)
    rows = {row.module_id: row for row in ModuleFeedback.objects.all()}
    assert len(rows) == 2
    assert all(
        row.user == user and row.anonymous_key == "" and row.expires_at is None
        for row in rows.values()
    )
    assert rows[youth_module.pk].confidence_before == 2
    assert (rows[other.pk].confidence_before, rows[other.pk].usefulness) == (1, 5)


def test_the_purge_keeps_the_answers_and_drops_the_key(youth_module):
    start = timezone.now()
    lesson = youth_module.lessons().first()
    with time_machine.travel(start, tick=False):
        feedback_answer_before(
            learner=ANONYMOUS, module=youth_module, confidence_before=2
        )
        account = make_user()
        feedback_answer_before(
            learner=Learner(user=account), module=youth_module, confidence_before=5
        )
    with time_machine.travel(start + timedelta(days=25), tick=False):
        # Progress made later keeps the session (and its answers) together.
        LessonCompletion.objects.create(
            anonymous_key=ANONYMOUS.anonymous_key,
            lesson=lesson,
            module=youth_module,
            expires_at=timezone.now() + timedelta(days=30),
        )
    with time_machine.travel(start + timedelta(days=31), tick=False):
        purge_expired_anonymous_progress()
        assert ModuleFeedback.objects.filter(anonymous_key="").count() == 1  # account
    with time_machine.travel(start + timedelta(days=56), tick=False):
        purge_expired_anonymous_progress()
    assert not LessonCompletion.objects.exists()
    rows = list(
        ModuleFeedback.objects.values_list(
            "user", "anonymous_key", "expires_at", "confidence_before"
        )
    )
    assert sorted(rows, key=lambda r: r[3]) == [
        (None, "", None, 2),
        (account.pk, "", None, 5),
    ]


def test_the_before_question_is_refused_once_a_lesson_is_finished(youth_module):
    from training.progress import lesson_finish

    feedback_answer_before(learner=ANONYMOUS, module=youth_module, confidence_before=2)
    lesson = youth_module.get_children().first().specific
    lesson_finish(learner=ANONYMOUS, lesson=lesson, module=youth_module)
    with pytest.raises(FeedbackError):
        feedback_answer_before(
            learner=ANONYMOUS, module=youth_module, confidence_before=5
        )
    assert ModuleFeedback.objects.get().confidence_before == 2
