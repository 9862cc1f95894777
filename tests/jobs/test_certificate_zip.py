"""A trainer's certificate ZIP as a job: a cheap starting request, progress, the
file in private storage, a checked download. Real database backend and worker;
the PDFs are small fakes (rendering is tested in tests/training/certificates)."""

import io
import zipfile

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Permission
from django.core.files.storage import storages
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobs.models import Job, JobStatus
from tests.factories import make_user
from tests.jobs.helpers import DATABASE_TASKS, bulk_certificates, run_worker
from tests.training.certificates.builders import make_certificate_module, make_trainer
from training.certificates import stored
from training.certificates.zip_export import zip_entry_name

pytestmark = pytest.mark.django_db

ZIP_URL = "/admin/reports/certificates/zip/"
# Queries the POST that starts a ZIP may make, whatever the number selected:
# session, user, MFA, permissions, site, the ids, the Job and the task rows.
START_BUDGET = 12


def fake_pdf(certificate, *, site=None) -> bytes:
    return b"%PDF-fake " + certificate.code.encode()


@pytest.fixture(autouse=True)
def _database_backend_and_fake_pdfs(settings, monkeypatch):
    settings.TASKS = DATABASE_TASKS
    monkeypatch.setattr(stored, "certificate_pdf_bytes", fake_pdf)


@pytest.fixture
def module(home):
    return make_certificate_module(title="Mandated reporting")


@pytest.fixture
def trainer(staff_groups):
    return make_trainer(staff_groups)


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer)
    return client


def start_zip(client, query: str = "") -> tuple:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"{ZIP_URL}?{query}")
    assert response.status_code == 302, response
    job = Job.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[-1])
    return job, len(queries)


def test_the_starting_request_costs_the_same_for_5_or_35_certificates(
    trainer_client, module
):
    bulk_certificates(module, count=5, prefix="small")
    # Warm up what is cached per process (site, content types, permissions).
    start_zip(trainer_client)
    _job, five = start_zip(trainer_client)
    bulk_certificates(module, count=30, prefix="more")
    job, thirty_five = start_zip(trainer_client)
    assert job.total == 35
    assert five == thirty_five <= START_BUDGET
    assert job.status == JobStatus.QUEUED  # nothing ran inside the request


def test_a_zip_of_35_certificates_holds_each_pdf_once(trainer_client, trainer, module):
    certificates = bulk_certificates(module, count=35)
    job, _queries = start_zip(trainer_client, "q=Learner")
    assert (job.label, job.started_by, job.total) == (
        "ZIP of 35 certificates",
        trainer,
        35,
    )

    waiting = trainer_client.get(f"/admin/reports/jobs/{job.pk}/").content.decode()
    assert '<meta http-equiv="refresh" content="3">' in waiting
    assert "0 of 35" in waiting and "/download/" not in waiting
    assert "<script>" not in waiting  # the admin's CSP forbids inline script

    run_worker()
    job.refresh_from_db()
    assert (job.status, job.done, job.attempts) == (JobStatus.SUCCEEDED, 35, 1)
    ready = trainer_client.get(f"/admin/reports/jobs/{job.pk}/").content.decode()
    assert "35 of 35" in ready and 'http-equiv="refresh"' not in ready
    assert f"/admin/reports/jobs/{job.pk}/download/" in ready

    # Stored in the private storage, never under the public MEDIA_URL.
    assert job.result_file.storage is storages["private"]
    assert storages["private"].exists(job.result_file.name)

    response = trainer_client.get(f"/admin/reports/jobs/{job.pk}/download/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == sorted(
        zip_entry_name(certificate) for certificate in certificates
    )
    for certificate in certificates:
        assert archive.read(zip_entry_name(certificate)) == fake_pdf(certificate)


def test_the_zip_holds_only_what_the_filters_selected(trainer_client, module):
    bulk_certificates(module, count=3, prefix="ana")
    bulk_certificates(module, count=4, prefix="ben")
    job, _queries = start_zip(trainer_client, "q=ben")
    assert job.total == 4
    run_worker()
    job.refresh_from_db()
    with job.result_file.open("rb") as file:
        assert len(zipfile.ZipFile(file).namelist()) == 4


def test_only_those_who_may_view_certificates_download_the_zip(
    client, trainer_client, module
):
    bulk_certificates(module, count=2)
    job, _queries = start_zip(trainer_client)
    run_worker()
    download = f"/admin/reports/jobs/{job.pk}/download/"

    # Staff who may see jobs but not certificates: the job, not its file.
    staff = make_user(email="jobs-only@example.org")
    staff.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_job"),
    )
    Authenticator.objects.create(user=staff, type="totp", data={"secret": "test"})
    client.force_login(staff)
    assert client.get(f"/admin/reports/jobs/{job.pk}/").status_code == 200
    refused = client.get(download)  # Wagtail turns a 403 into "back to the admin"
    assert refused.status_code == 302 and refused["Location"] == "/admin/"

    learner = make_user(email="learner-zip@example.org")
    client.force_login(learner)
    for url in (download, f"/admin/reports/jobs/{job.pk}/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
