"""Who sees an organisation's records on the dashboard, exports, ZIPs and
reminders: its managers (with a second factor) and CAC trainers; nobody else,
and never quiz answers or people who left."""

import pytest
from django.urls import reverse

from organisations.models import ArchiveStatus, CertificateArchive
from organisations.services.memberships import membership_leave
from tests.factories import make_staff
from tests.organisations.builders import (
    make_assignment,
    make_manager,
    make_member,
    make_organisation,
)
from tests.training.certificates.builders import (
    complete_module,
    issue,
    make_certificate_module,
)

pytestmark = pytest.mark.django_db
BACKEND = "allauth.account.auth_backends.AuthenticationBackend"
MARKER = "SECRET-ANSWER-TEXT"


@pytest.fixture
def world(home):
    """Two organisations, each with a certificate module assigned and a holder."""
    module = make_certificate_module()
    found = {}
    for name in ("A", "B"):
        organisation = make_organisation(name=f"Organisation {name}")
        manager = make_manager(organisation, email=f"manager-{name}@example.org")
        holder = make_member(
            organisation, name=f"Holder {name}", email=f"holder-{name}@example.org"
        )
        attempt = complete_module(module, user=holder)
        # The frozen questions hold the answer key; answers what was chosen.
        attempt.questions = [
            {"id": 1, "prompt": MARKER, "choices": [{"id": 9, "text": MARKER}]}
        ]
        attempt.answers = {"1": [9]}
        attempt.save()
        certificate = issue(module, holder, name=f"Holder {name}")
        assignment = make_assignment(organisation, module)
        archive = CertificateArchive.objects.create(
            assignment=assignment, status=ArchiveStatus.READY, content=b"PK"
        )
        found[name] = {
            "organisation": organisation,
            "manager": manager,
            "holder": holder,
            "certificate": certificate,
            "assignment": assignment,
            "archive": archive,
        }
    return found


def urls(entry, *, organisation=None):
    """(method, url) of every dashboard page and action for `entry`'s records,
    under `organisation` (its own by default)."""
    org = (organisation or entry["organisation"]).pk
    assignment, archive = entry["assignment"].pk, entry["archive"].pk

    def to(name, *args):
        return reverse(f"organisations:{name}", args=[org, *args])

    return [
        ("get", to("dashboard")),
        ("post", to("dashboard_assign")),
        ("get", to("dashboard_export", "csv")),
        ("get", to("dashboard_export", "xlsx")),
        ("post", to("dashboard_remind", assignment)),
        ("post", to("dashboard_archive_start", assignment)),
        ("get", to("dashboard_archive", archive)),
        ("get", to("dashboard_archive_download", archive)),
        ("get", to("dashboard_certificate", entry["certificate"].code)),
    ]


def test_a_manager_of_a_sees_nothing_of_b(world, client):
    client.force_login(world["A"]["manager"], backend=BACKEND)
    for method, address in urls(world["B"]):
        assert getattr(client, method)(address).status_code == 404, address
    # B's assignment, archive or certificate under A's own id: not found either.
    for method, address in urls(world["B"], organisation=world["A"]["organisation"])[
        4:
    ]:
        assert getattr(client, method)(address).status_code == 404, address


def test_a_managers_own_pages_open(world, client):
    client.force_login(world["A"]["manager"], backend=BACKEND)
    for method, address in urls(world["A"]):
        if method == "get":
            assert client.get(address).status_code == 200, address


def test_a_plain_member_gets_404_everywhere(world, client):
    client.force_login(world["B"]["holder"], backend=BACKEND)
    for method, address in urls(world["B"]):
        assert getattr(client, method)(address).status_code == 404, address


def test_an_anonymous_visitor_is_sent_to_log_in(world, client):
    for method, address in urls(world["B"]):
        response = getattr(client, method)(address)
        assert (
            response.status_code == 302 and "/accounts/login/" in (response["Location"])
        )


def test_a_trainer_sees_every_organisation(world, client, staff_groups):
    make_staff(client=client, group=staff_groups["CAC trainers"])
    for entry in world.values():
        for method, address in urls(entry):
            if method == "get":
                assert client.get(address).status_code == 200, address


def test_a_manager_without_a_second_factor_is_sent_to_enrol(world, client):
    organisation = world["A"]["organisation"]
    manager = make_member(organisation, role="manager")
    client.force_login(manager, backend=BACKEND)
    for method, address in urls(world["A"]):
        response = getattr(client, method)(address)
        assert response.status_code == 302, address
        assert response["Location"] == reverse("mfa_index")


def test_a_member_who_leaves_disappears_from_dashboard_and_exports(world, client):
    entry = world["A"]
    client.force_login(entry["manager"], backend=BACKEND)
    membership_leave(organisation=entry["organisation"], user=entry["holder"])
    for method, address in urls(entry)[:4]:
        if method == "get":
            body = client.get(address).content
            assert b"holder-A@example.org" not in body, address
    # Their certificate is theirs now, not the organisation's.
    certificate_url = urls(entry)[-1][1]
    assert client.get(certificate_url).status_code == 404


def test_no_quiz_answers_on_any_page_or_export(world, client, staff_groups):
    for login in (world["A"]["manager"], None):
        if login:
            client.force_login(login, backend=BACKEND)
        else:
            make_staff(client=client, group=staff_groups["CAC trainers"])
        for method, address in urls(world["A"]):
            if method == "get" and "certificate" not in address:
                assert MARKER.encode() not in client.get(address).content, address


def test_a_certificate_for_a_module_not_assigned_is_not_the_managers(world, client):
    entry = world["A"]
    other_module = make_certificate_module()
    complete_module(other_module, user=entry["holder"])
    other = issue(other_module, entry["holder"])
    client.force_login(entry["manager"], backend=BACKEND)
    address = reverse(
        "organisations:dashboard_certificate",
        args=[entry["organisation"].pk, other.code],
    )
    assert client.get(address).status_code == 404
