import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

VALID = {
    "organisation": "Durfee High School",
    "audience": "Providers",
    "number_of_participants": "40",
    "preferred_dates": "Any Tuesday in March",
    "contact_name": "Pat Principal",
    "contact_email": "pat@example.org",
}


def test_a_request_is_stored_and_emailed(client, home, settings):
    settings.TRAINING_REQUEST_EMAIL = "cac@example.org"
    response = client.post("/request-training/", VALID)
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    submission = FormSubmission.objects.get()
    assert submission.get_data()["organisation"] == "Durfee High School"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["cac@example.org"]
    assert "Durfee High School" in mail.outbox[0].body


@pytest.mark.parametrize(
    "change, message",
    [
        ({"organisation": ""}, "This field is required"),
        ({"number_of_participants": "0"}, "greater than or equal to 1"),
        ({"number_of_participants": "10000"}, "less than or equal to 1000"),
        ({"contact_email": "not-an-email"}, "Enter a valid email address"),
    ],
)
def test_bad_input_gets_a_clear_error_and_stores_nothing(client, home, change, message):
    response = client.post("/request-training/", {**VALID, **change})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not FormSubmission.objects.exists()
    assert not mail.outbox


def request_links(html: str) -> int:
    return html.count('href="/request-training/"')


def test_the_request_form_is_linked_from_home_audiences_about_and_the_footer(
    client, home
):
    from training.curriculum_loader import CURRICULUM_DIR, LoadReport, load_page_file

    load_page_file(CURRICULUM_DIR / "pages" / "about-csec.yaml", LoadReport())
    # The footer links it on every page; home, audiences and About invite as well.
    assert request_links(client.get("/privacy/").content.decode()) == 1
    for url in ("/", "/youth/", "/parents/", "/caregivers/", "/providers/"):
        html = client.get(url).content.decode()
        assert request_links(html) == 2, url
        assert "Bring this training to your school, agency or group" in html, url
    about = client.get("/about-csec/").content.decode()
    assert request_links(about) == 2


def test_a_renamed_request_page_is_still_linked(client, home):
    from audiences.models import TrainingRequestPage

    page = TrainingRequestPage.objects.get()
    page.slug = "book-a-training"
    page.save_revision().publish()
    html = client.get("/").content.decode()
    assert 'href="/book-a-training/"' in html and request_links(html) == 0
