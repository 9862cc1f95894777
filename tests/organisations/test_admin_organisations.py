"""The CAC's admin for organisations, and booking a training request in one step."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission

from audiences.models import TrainingRequestPage
from organisations.models import MemberGroup, Organisation, TrainingSession
from tests.factories import audience_page, make_module, make_staff
from tests.organisations.builders import (
    make_invitation,
    make_manager,
    make_member,
    make_organisation,
)

LIST = "wagtailsnippets_organisations_organisation:list"
EDIT = "wagtailsnippets_organisations_organisation:edit"
BOOK = "organisations_book_request"

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer(client, staff_groups):
    return make_staff(client=client, group=staff_groups["CAC trainers"])


@pytest.fixture
def training_request(home):
    return FormSubmission.objects.create(
        page=TrainingRequestPage.objects.get(locale__language_code="en"),
        form_data={
            "organisation": "Durfee High School",
            "audience": "Providers",
            "number_of_participants": 40,
            "preferred_dates": "Any Tuesday in March",
            "contact_name": "Pat Principal",
            "contact_email": "pat@durfee.example",
            "contact_phone": "",
        },
    )


def test_trainer_sees_members_groups_and_invitations(client, trainer):
    organisation = make_organisation(name="Harbor Clinic")
    MemberGroup.objects.create(organisation=organisation, name="Night nurses")
    make_manager(organisation, email="boss@harbor.example", name="Bea Boss")
    make_member(organisation, email="nurse@harbor.example", name="Nia Nurse")
    make_invitation(organisation, email="new@harbor.example")
    assert "Harbor Clinic" in client.get(reverse(LIST)).text
    response = client.get(reverse(EDIT, args=[organisation.pk]))
    assert response.status_code == 200
    text = response.text
    for shown in [
        "Night nurses",
        "Bea Boss",
        "boss@harbor.example",
        "Manager",
        "Nia Nurse",
        "nurse@harbor.example",
        "new@harbor.example",
    ]:
        assert shown in text, shown


def test_trainer_creates_an_organisation(client, trainer):
    response = client.post(
        reverse("wagtailsnippets_organisations_organisation:add"),
        {"name": "St Anne's", "kind": "faith", "town": "Fall River"},
    )
    assert response.status_code == 302
    assert Organisation.objects.get().name == "St Anne's"


def test_only_staff_reach_the_organisation_admin(client):
    organisation = make_organisation()
    manager = make_manager(organisation)
    client.force_login(
        manager, backend="allauth.account.auth_backends.AuthenticationBackend"
    )
    response = client.get(reverse(EDIT, args=[organisation.pk]))
    assert response.status_code in (302, 403)
    response = client.get(reverse("organisations_training_requests"))
    assert response.status_code in (302, 403)


def test_staff_without_the_permissions_cannot_book(client, training_request):
    from django.contrib.auth.models import Group, Permission

    editors = Group.objects.create(name="Only admin access")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    make_staff(client=client, group=editors)
    response = client.get(reverse(BOOK, args=[training_request.pk]))
    assert response.status_code in (302, 403)
    assert not Organisation.objects.exists()


def test_booking_a_request_makes_organisation_and_session_and_emails(
    client, trainer, training_request, mailoutbox
):
    module = make_module(parent=audience_page("providers"), title="Recognising CSEC")
    listing = client.get(reverse("organisations_training_requests"))
    assert "Durfee High School" in listing.text
    form = client.get(reverse(BOOK, args=[training_request.pk]))
    assert form.status_code == 200
    assert form.context["form"].initial["name"] == "Durfee High School"
    assert form.context["form"].initial["capacity"] == 40

    response = client.post(
        reverse(BOOK, args=[training_request.pk]),
        {
            "name": "Durfee High School",
            "kind": "school",
            "town": "Fall River",
            "contact_name": "Pat Principal",
            "contact_email": "pat@durfee.example",
            "contact_phone": "",
            "module": module.pk,
            "audience": "",
            "starts_at": "2027-03-09 09:00",
            "ends_at": "2027-03-09 11:00",
            "format": "live_in_person",
            "place": "Library, 360 Elsbree St",
            "capacity": 40,
        },
    )
    assert response.status_code == 302
    # The email is a queued job, so the message promises it rather than says it
    # went (the test backend happens to run the job at once).
    (notice,) = get_messages(response.wsgi_request)
    assert "an email to pat@durfee.example is on its way" in str(notice)
    organisation = Organisation.objects.get()
    assert organisation.name == "Durfee High School"
    session = TrainingSession.objects.get()
    assert session.organisation == organisation
    assert session.module.pk == module.pk
    assert session.audience.slug == "providers"
    assert session.capacity == 40 and session.trainer == trainer
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["pat@durfee.example"]
    assert "booked" in message.subject
    assert "Library, 360 Elsbree St" in message.body
    assert "Recognising CSEC" in message.body


def test_a_bad_booking_changes_nothing(client, trainer, training_request, mailoutbox):
    response = client.post(
        reverse(BOOK, args=[training_request.pk]),
        {
            "name": "Durfee High School",
            "kind": "school",
            "starts_at": "2027-03-09 11:00",
            "ends_at": "2027-03-09 09:00",
            "format": "live_in_person",
            "place": "",
            "capacity": 0,
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"audience", "ends_at", "place", "capacity"} <= set(errors)
    assert not Organisation.objects.exists() and not TrainingSession.objects.exists()
    assert not mailoutbox


def test_an_unknown_request_is_404(client, trainer):
    assert client.get(reverse(BOOK, args=[999999])).status_code == 404
