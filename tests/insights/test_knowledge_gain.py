"""Knowledge gain: paired learners only, small cells hidden, gains by hand."""

from datetime import date

import pytest
from django.urls import reverse

from insights.selectors.knowledge_gain import Gain, knowledge_gain
from insights.selectors.reach import day_range
from quizzes.choices import AttemptPurpose
from tests.factories import make_user
from tests.insights.builders import at, record_outcomes, submit_attempt
from tests.quizzes.builders import make_quiz

PRE = AttemptPurpose.PRETEST
YEAR = day_range(date(2026, 1, 1), date(2026, 12, 31))


@pytest.fixture
def module(provider_module):
    provider_module.pretest = make_quiz(title="Before you start")
    provider_module.save_revision().publish()
    provider_module.refresh_from_db()
    return provider_module


def pair(learner, module, pre: int, post: int, *, day: str = "2026-03-10"):
    before = submit_attempt(learner, module, when=at(day, 9), score=pre, purpose=PRE)
    after = submit_attempt(learner, module, when=at(day, 15), score=post)
    return before, after


def gains(module) -> Gain:
    (result,) = knowledge_gain(since=YEAR[0], until=YEAR[1], module_ids=[module.pk])
    return result


def test_only_paired_first_attempts_count(module):
    # Five pairs: pre 40,50,60,70,80 (mean 60); post 80,90,70,90,100 (mean 86).
    for index, (pre, post) in enumerate(
        [(40, 80), (50, 90), (60, 70), (70, 90), (80, 100)]
    ):
        pair(make_user(email=f"p{index}@example.org"), module, pre, post)
    # A pre-test alone, a final alone, and a final before the pre-test: unpaired.
    submit_attempt(
        make_user(email="a@example.org"),
        module,
        when=at("2026-03-01"),
        score=0,
        purpose=PRE,
    )
    submit_attempt(
        make_user(email="b@example.org"), module, when=at("2026-03-01"), score=0
    )
    late = make_user(email="c@example.org")
    submit_attempt(late, module, when=at("2026-03-01"), score=0)
    submit_attempt(late, module, when=at("2026-03-02"), score=0, purpose=PRE)
    # A second final attempt does not replace the first.
    first = make_user(email="d@example.org")
    pair(first, module, 30, 50)
    submit_attempt(first, module, when=at("2026-03-11"), score=100)
    overall = gains(module).overall
    # Six pairs: pre (300 + 30) / 6 = 55, post (430 + 50) / 6 = 80.
    assert overall.learners == 6
    assert overall.pre == pytest.approx(55)
    assert overall.post == pytest.approx(80)
    assert overall.mean_gain == pytest.approx(25)
    assert overall.normalised_gain == pytest.approx(25 / 45)


def test_normalised_gain_is_not_defined_when_pre_is_100():
    assert Gain(learners=9, pre=100.0, post=100.0).normalised_gain is None
    assert Gain(learners=9, pre=100.0, post=90.0).mean_gain == -10
    assert Gain(learners=9, pre=50.0, post=75.0).normalised_gain == 0.5


def test_anonymous_sessions_pair_by_session(module):
    for key in ["s1", "s2"]:
        pair(key, module, 20, 60)
    submit_attempt("s3", module, when=at("2026-03-10"), score=100)
    assert gains(module).overall.learners == 2


def test_topics_are_pooled_shares_of_right_answers(module):
    for index in range(5):
        before, after = pair(make_user(email=f"t{index}@example.org"), module, 50, 75)
        record_outcomes(before, {"indicators": (1, 1), "risk factors": (0, 2)})
        record_outcomes(after, {"indicators": (2, 0), "risk factors": (1, 1)})
    topics = gains(module).by_topic
    assert topics["indicators"] == Gain(learners=5, pre=50.0, post=100.0)
    assert topics["risk factors"].pre == 0 and topics["risk factors"].post == 50


def report(client, **query):
    return client.get(reverse("insights_knowledge_gain"), query)


def test_fewer_than_5_learners_show_no_figure(module, trainer, client):
    for index in range(4):
        pair(make_user(email=f"f{index}@example.org"), module, 10, 90)
    page = report(client, start="2026-01-01", end="2026-12-31").content.decode()
    assert "fewer than 5" in page
    assert "90.0" not in page and "10.0" not in page
    csv_text = report(client, start="2026-01-01", end="2026-12-31", export="csv")
    row = csv_text.content.decode("utf-8-sig").splitlines()[1]
    assert row.endswith(
        "All topics,fewer than 5,fewer than 5,fewer than 5,fewer than 5,fewer than 5"
    )


def test_the_report_shows_five_pairs_and_a_chart(module, trainer, client):
    for index in range(5):
        pair(make_user(email=f"g{index}@example.org"), module, 40, 70)
    page = report(client, start="2026-01-01", end="2026-12-31").content.decode()
    assert (
        "<td>40.0</td>" in page and "<td>70.0</td>" in page and "<td>0.50</td>" in page
    )
    assert 'src="data:image/svg+xml;base64,' in page


def test_the_report_costs_a_fixed_number_of_queries(
    module, trainer, client, django_assert_max_num_queries
):
    for index in range(12):
        before, after = pair(make_user(email=f"q{index}@example.org"), module, 40, 70)
        record_outcomes(before, {"indicators": (1, 1)})
        record_outcomes(after, {"indicators": (2, 0)})
    with django_assert_max_num_queries(20):
        assert report(client, start="2026-01-01", end="2026-12-31").status_code == 200
