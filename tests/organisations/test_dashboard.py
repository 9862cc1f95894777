"""The manager's dashboard: counts and bars, the member table, filters,
assigning, "remind those not done", and the ZIP of certificates."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from organisations.models import ArchiveStatus, Assignment, CertificateArchive
from tests.factories import audience_page, make_module
from tests.organisations.builders import (
    make_assignment,
    make_group,
    make_manager,
    make_member,
    make_organisation,
)
from tests.training.certificates.builders import (
    complete_module,
    finish_lessons,
    issue,
    make_certificate_module,
)
from training.certificates.zip_export import zip_entry_name

pytestmark = pytest.mark.django_db
BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


@pytest.fixture
def org(home, client):
    organisation = make_organisation(name="Somerset High")
    manager = make_manager(organisation, name="Morgan Head")
    client.force_login(manager, backend=BACKEND)
    return organisation


def url(name, organisation, *args):
    return reverse(f"organisations:{name}", args=[organisation.pk, *args])


def test_the_dashboard_url_is_named_and_shaped_as_agreed(org):
    assert reverse("organisations:dashboard", args=[org.pk]) == (
        f"/organisations/{org.pk}/"
    )


def test_counts_bar_and_member_table(org, client):
    module = make_certificate_module()
    assignment = make_assignment(org, module)
    done = make_member(org, name="Dana Done", email="dana@example.org")
    complete_module(module, user=done)
    certificate = issue(module, done)
    started = make_member(org, name="Pat Progress")
    finish_lessons(module, user=started)
    make_member(org, name="Nia New")
    response = client.get(url("dashboard", org))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "<rect" in html and "style=" not in html
    assert "Done: <strong>1</strong>" in html
    assert "In progress: <strong>1</strong>" in html
    # The manager is a member too: two not started.
    assert "Not started: <strong>2</strong>" in html
    assert certificate.display_code in html
    assert "Dana Done" in html and "dana@example.org" in html
    assert response["Cache-Control"].count("no-store") == 1
    assert assignment.module.title in html


def test_filters_and_search(org, client):
    module = make_module(parent=audience_page("providers"), lessons=1)
    nurses = make_group(org)
    make_assignment(org, module)
    dana = make_member(org, name="Dana Done", email="dana@example.org")
    finish_lessons(module, user=dana)
    nia = make_member(org, name="Nia New", email="nia@example.org")
    nia.memberships.update(group=nurses)
    page = client.get(url("dashboard", org), {"status": "done"}).content.decode()
    assert "Dana Done" in page and "Nia New" not in page
    page = client.get(url("dashboard", org), {"group": nurses.pk}).content.decode()
    assert "Nia New" in page and "Dana Done" not in page
    page = client.get(url("dashboard", org), {"q": "NIA@"}).content.decode()
    assert "Nia New" in page and "Dana Done" not in page
    # Nonsense filters are ignored, not an error.
    response = client.get(url("dashboard", org), {"status": "x", "assignment": "y"})
    assert response.status_code == 200


def test_assign_from_the_dashboard(org, client):
    module = make_module(parent=audience_page("providers"))
    due = timezone.localdate() + timedelta(days=10)
    response = client.post(
        url("dashboard_assign", org),
        {
            "assign-modules": [module.pk],
            "assign-due_on": due.isoformat(),
            "assign-renew_every_months": "12",
        },
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get(organisation=org)
    assert assignment.due_on == due and assignment.renew_every_months == 12


def test_a_due_date_in_the_past_is_explained(org, client):
    module = make_module(parent=audience_page("providers"))
    response = client.post(
        url("dashboard_assign", org),
        {
            "assign-modules": [module.pk],
            "assign-due_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "The due date is in the past" in response.content.decode()
    assert not Assignment.objects.exists()


def test_remind_those_not_done_once_a_day(
    org, client, django_capture_on_commit_callbacks
):
    module = make_module(parent=audience_page("providers"), lessons=1)
    assignment = make_assignment(org, module)
    done = make_member(org)
    finish_lessons(module, user=done)
    waiting = make_member(org, email="waiting@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("dashboard_remind", org, assignment.pk))
    assert response.status_code == 302
    recipients = {m.to[0] for m in mail.outbox}
    assert waiting.email in recipients and done.email not in recipients
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("dashboard_remind", org, assignment.pk), follow=True)
    assert "already sent today" in response.content.decode()
    assert mail.outbox == []
    assert client.get(url("dashboard_remind", org, assignment.pk)).status_code == 405


def test_zip_of_certificates_runs_as_a_task_and_reports(
    org, client, django_capture_on_commit_callbacks
):
    module = make_certificate_module()
    assignment = make_assignment(org, module)
    # Two members with the same name: the code in the entry name keeps them apart.
    holders = [make_member(org, name="Sam Holder") for _ in range(2)]
    certificates = []
    for holder in holders:
        complete_module(module, user=holder)
        certificates.append(issue(module, holder, name=holder.name))
    former = make_member(org, name="Former Member")
    complete_module(module, user=former)
    issue(module, former, name="Former Member")
    former.memberships.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("dashboard_archive_start", org, assignment.pk))
    archive = CertificateArchive.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("dashboard_archive", org, archive.pk)
    assert archive.status == ArchiveStatus.READY and archive.total == 2
    page = client.get(response["Location"])
    assert "Download the ZIP" in page.content.decode()
    download = client.get(url("dashboard_archive_download", org, archive.pk))
    assert download["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(download.content)).namelist()
    # Named as in the trainer's ZIP; the former member's certificate is not there.
    assert sorted(names) == sorted(zip_entry_name(c) for c in certificates)
    assert len(set(names)) == 2


def test_a_busy_zip_page_refreshes_itself(org, client):
    module = make_certificate_module()
    assignment = make_assignment(org, module)
    archive = CertificateArchive.objects.create(
        assignment=assignment, status=ArchiveStatus.RUNNING, total=10, done=3
    )
    response = client.get(url("dashboard_archive", org, archive.pk))
    assert response["Refresh"] == "5"
    assert '<progress id="archive-progress" max="10" value="3">' in (
        response.content.decode()
    )
    assert (
        client.get(url("dashboard_archive_download", org, archive.pk)).status_code
        == 404
    )


def test_my_training_shows_assignments_with_who_and_when(org, client):
    module = make_module(parent=audience_page("providers"), lessons=1)
    manager = org.memberships.get().user
    make_assignment(
        org,
        module,
        assigned_by=manager,
        due_on=timezone.localdate() - timedelta(days=1),
    )
    learner = make_member(org)
    client.force_login(learner, backend=BACKEND)
    html = client.get(reverse("my_training")).content.decode()
    assert "Assigned to you" in html
    assert "Somerset High" in html and "Morgan Head" in html
    assert module.title in html and "Overdue" in html
