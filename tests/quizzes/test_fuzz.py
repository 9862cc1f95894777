"""Fuzz the quiz submission endpoint: any input gets a clean answer, never a 500,
and input that is rejected changes nothing."""

from urllib.parse import quote

from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from audiences.setup import setup_site
from quizzes.models import Attempt
from quizzes.services import attempt_start
from tests.factories import make_user
from tests.quizzes.builders import make_quiz_module
from training.learners import Learner

CLEAN_STATUSES = {200, 302, 400, 404, 429}

texts = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.just("x" * 100_000),
    st.sampled_from(["", "0", "-1", "1e9", "NaN", "null", "[]", "{}", "\x00", "🙂"]),
)


class QuizSubmissionFuzzTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        setup_site()
        cls.user = make_user()
        module = make_quiz_module(questions=3)
        cls.attempt = attempt_start(
            learner=Learner(user=cls.user), quiz=module.quiz, module=module
        )
        cls.question_ids = [q["id"] for q in cls.attempt.questions]
        cls.choice_ids = [c["id"] for q in cls.attempt.questions for c in q["choices"]]

    def signed_in(self) -> Client:
        client = Client()
        client.force_login(self.user)
        return client

    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def test_random_submissions(self, data):
        keys = st.one_of(
            st.sampled_from([f"question-{pk}" for pk in self.question_ids]),
            st.sampled_from(["score", "passed", "action", "question-", "question-x"]),
            st.text(max_size=20),
        )
        values = st.lists(
            st.one_of(texts, st.sampled_from(self.choice_ids).map(str)),
            min_size=1,
            max_size=4,
        )
        form = data.draw(st.dictionaries(keys, values, max_size=6))
        before = Attempt.objects.values().get(pk=self.attempt.pk)

        response = self.signed_in().post(
            f"/quizzes/attempts/{self.attempt.public_id}/", form
        )

        self.assertIn(response.status_code, CLEAN_STATUSES)
        if response.status_code == 400:
            after = Attempt.objects.values().get(pk=self.attempt.pk)
            unchanged = before == after
            # A missing answer keeps what was answered; nothing else changes.
            kept_answers = {k: v for k, v in after.items() if k != "answers"} == {
                k: v for k, v in before.items() if k != "answers"
            }
            self.assertTrue(unchanged or kept_answers)
            self.assertIsNone(after["submitted_at"])

    @settings(max_examples=30, deadline=None)
    @given(public_id=st.text(max_size=60))
    def test_random_attempt_ids(self, public_id):
        # Quoted: a '#' or '?' in the text would end the path, not test it.
        url = f"/quizzes/attempts/{quote(public_id, safe='')}/"
        response = self.signed_in().get(url)
        self.assertIn(response.status_code, CLEAN_STATUSES)
