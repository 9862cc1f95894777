"""A young person answers the confidence question, takes the quiz and says what
they thought: no account, no JavaScript needed, and axe finds nothing wrong."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations
from tests.quizzes.builders import make_quiz_module
from training.models import ModuleFeedback

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = "How confident are you that you could recognise the signs of CSEC"


@pytest.fixture
def youth_module(site_url):
    return make_quiz_module(audience="youth", questions=2, lessons=1)


def take_the_quiz(page, module, *, site_url, prefix=""):
    lesson = module.lessons().first()
    page.goto(f"{site_url}{prefix}{lesson.url}")
    page.locator("form.form__actions button[type=submit]").click()  # finished
    page.locator(
        f"form[action='{prefix}/quizzes/start/{module.pk}/final/'] button"
    ).click()
    for group in page.locator("fieldset").all():
        group.get_by_label("Right").check()
    page.locator("button[name=action][value=submit]").click()


def test_a_youth_learner_answers_before_and_after(page, site_url, youth_module):
    page.goto(f"{site_url}{youth_module.url}")
    before = page.get_by_role("group", name=BEFORE)
    expect(before).to_be_visible()
    expect(
        page.get_by_role("link", name="Skip this question and start")
    ).to_be_visible()
    assert_no_axe_violations(page)

    before.get_by_label("2", exact=True).check()
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_text("Thank you for your feedback.")).to_be_visible()
    expect(page.get_by_role("group", name=BEFORE)).to_have_count(0)

    take_the_quiz(page, youth_module, site_url=site_url)
    expect(page.get_by_text("You passed")).to_be_visible()
    survey = page.locator("#feedback-after")
    expect(survey.get_by_text("Don't write your name")).to_be_visible()
    assert_no_axe_violations(page)

    survey.get_by_role("group", name="How useful was this module?").get_by_label(
        "5: very useful"
    ).check()
    # The browser keeps a comment to 1,000 characters (the server checks too).
    comment = survey.get_by_label("Anything you would like to tell us?")
    expect(comment).to_have_attribute("maxlength", "1000")
    comment.fill("It was clear.")
    page.get_by_role("button", name="Send my feedback").click()
    expect(
        page.get_by_text("Thank you for your feedback. It helps the CAC")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Send my feedback")).to_have_count(0)

    row = ModuleFeedback.objects.get()
    assert (row.confidence_before, row.usefulness, row.comment) == (
        2,
        5,
        "It was clear.",
    )
    assert row.user is None and row.anonymous_key


def test_the_survey_in_spanish(page, site_url, youth_module):
    take_the_quiz(page, youth_module, site_url=site_url)
    # The result page in Spanish (the module's content here is English only).
    page.goto(page.url.replace(site_url, f"{site_url}/es"))
    survey = page.locator("#feedback-after")
    expect(survey.get_by_role("heading")).to_have_text("Díganos qué le pareció")
    assert_no_axe_violations(page)
    survey.get_by_role(
        "group", name="¿Qué tan útil le resultó este módulo?"
    ).get_by_label("4", exact=True).check()
    survey.get_by_role("button", name="Enviar mi opinión").click()
    expect(page.get_by_text("Gracias por su opinión. Ayuda al CAC")).to_be_visible()
    row = ModuleFeedback.objects.get()
    assert (row.usefulness, row.language) == (4, "es")
