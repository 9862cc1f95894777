"""Stored certificate PDFs: rendered once, read after, rendered again on a change.

Renders are counted by wrapping `render_certificate_pdf` where stored.py calls
it: the one place a certificate's PDF is made for downloads, emails and ZIPs.
"""

import dataclasses
import importlib.util
import io
import logging
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.core.management import call_command
from django.http import Http404
from django.test import RequestFactory
from django.views.static import serve

from tests.factories import make_user
from tests.training.certificates.builders import (
    complete_module,
    issue,
    make_certificate_module,
    make_trainer,
)
from training.certificates import pdf, stored
from training.certificates.pdf import document_for_certificate, pdf_fingerprint
from training.certificates.services import certificate_revoke
from training.models import Certificate, CertificateSettings

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Queued jobs run when enqueued, whatever backend the environment names."""
    settings.TASKS = IMMEDIATE


class Renders(list):
    fail = False


@pytest.fixture
def renders(monkeypatch):
    """The list of PDFs rendered so far; `renders.fail = True` makes them raise."""
    real_render = stored.render_certificate_pdf
    made = Renders()

    def counted(*args, **kwargs):
        if made.fail:
            raise OSError("renderer crashed")
        made.append(args[0].printed_name)
        return real_render(*args, **kwargs)

    monkeypatch.setattr(stored, "render_certificate_pdf", counted)
    return made


@pytest.fixture
def module(home):
    return make_certificate_module(title="Mandated reporting")


@pytest.fixture
def learner(module):
    user = make_user(email="jordan@example.org")
    complete_module(module, user=user)
    return user


def download(client, certificate):
    client.force_login(certificate.user)
    return client.get(f"/certificates/{certificate.code}/download/")


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def stored_path(certificate) -> Path:
    certificate.refresh_from_db()
    return Path(certificate.pdf_file.path)


def test_the_second_download_reads_the_stored_pdf(client, module, learner, renders):
    certificate = issue(module, learner, "Jordan Q. Public")  # no job: not committed

    first = download(client, certificate)
    second = download(client, certificate)

    assert first.status_code == second.status_code == 200
    assert renders == ["Jordan Q. Public"]
    assert second.content == first.content
    assert "Jordan Q. Public" in pdf_text(second.content)
    # The same private, never-cached download as before storing.
    assert second["Content-Type"] == "application/pdf"
    assert "no-store" in second["Cache-Control"]
    assert second["Content-Disposition"].startswith("attachment;")


def test_issuing_renders_ahead_so_the_first_download_is_instant(
    client, module, learner, renders, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(module, learner, "Jordan Q. Public")
    assert renders == ["Jordan Q. Public"]
    assert stored_path(certificate).is_file()

    response = download(client, certificate)

    assert response.status_code == 200
    assert renders == ["Jordan Q. Public"]  # read, not rendered


def test_a_corrected_printed_name_renders_again_and_drops_the_old_file(
    client, module, learner, renders, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(module, learner, "Jordan Q. Pubic")
    old_file = stored_path(certificate)
    Certificate.objects.filter(pk=certificate.pk).update(
        printed_name="Jordan Q. Public"
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = download(client, certificate)

    assert renders == ["Jordan Q. Pubic", "Jordan Q. Public"]
    text = pdf_text(response.content)
    assert "Jordan Q. Public" in text and "Pubic" not in text
    assert not old_file.exists()
    assert stored_path(certificate).read_bytes() == response.content


def test_certificate_settings_changes_render_again(
    client, module, learner, renders, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(module, learner)
    options = CertificateSettings.for_site(module.get_site())
    options.signatory_name = "Dr. Casey Director"
    options.save()

    response = download(client, certificate)

    assert len(renders) == 2
    assert "Dr. Casey Director" in pdf_text(response.content)


def test_revoking_renders_again_before_a_trainer_downloads_it(
    client, module, learner, renders, staff_groups, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(module, learner)
    fingerprint = Certificate.objects.get(pk=certificate.pk).pdf_fingerprint
    trainer = make_trainer(staff_groups)

    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=certificate, by=trainer, reason="Issued twice")

    assert len(renders) == 2
    assert Certificate.objects.get(pk=certificate.pk).pdf_fingerprint != fingerprint
    client.force_login(trainer)
    response = client.get(f"/admin/reports/certificates/{certificate.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert len(renders) == 2  # the trainer got the stored file


def test_the_stored_pdf_is_private_and_not_under_media_url(
    client, module, learner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(module, learner, "Jordan Q. Public")
    path = stored_path(certificate)

    assert certificate.pdf_file.storage is storages["private"]
    assert path.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not path.is_relative_to(settings.MEDIA_ROOT)
    assert "jordan" not in certificate.pdf_file.name.lower()
    # What serves MEDIA_URL (Django's static view in DEBUG, a web server's
    # alias in production) reads MEDIA_ROOT, where the file is not.
    with pytest.raises(Http404):
        serve(
            RequestFactory().get("/"),
            certificate.pdf_file.name,
            document_root=settings.MEDIA_ROOT,
        )
    assert (
        client.get(f"{settings.MEDIA_URL}{certificate.pdf_file.name}").status_code
        == 404
    )
    # Someone else's session does not get it either.
    client.force_login(make_user(email="other@example.org"))
    assert client.get(f"/certificates/{certificate.code}/download/").status_code == 404


def test_a_failed_render_on_issue_keeps_the_certificate_and_downloads_work(
    client, module, learner, renders, caplog, django_capture_on_commit_callbacks
):
    renders.fail = True
    with (
        caplog.at_level(logging.ERROR, logger="training.certificates.tasks"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        certificate = issue(module, learner, "Jordan Q. Public")

    assert Certificate.objects.filter(pk=certificate.pk, revoked_at=None).exists()
    assert not Certificate.objects.get(pk=certificate.pk).pdf_file
    assert "Rendering the PDF of certificate" in caplog.text

    renders.fail = False
    response = download(client, certificate)
    assert response.status_code == 200
    assert "Jordan Q. Public" in pdf_text(response.content)


def test_an_unwritable_storage_still_serves_the_pdf(
    client, module, learner, renders, monkeypatch
):
    certificate = issue(module, learner)

    def broken_save(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(storages["private"], "save", broken_save)
    response = download(client, certificate)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert not Certificate.objects.get(pk=certificate.pk).pdf_file


def test_a_missing_stored_file_is_rendered_again(
    client, module, learner, renders, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(module, learner)
    stored_path(certificate).unlink()

    response = download(client, certificate)

    assert response.status_code == 200
    assert len(renders) == 2


def test_the_command_renders_only_stale_or_missing_pdfs(
    module, learner, renders, django_capture_on_commit_callbacks
):
    second = make_user(email="sam@example.org")
    complete_module(module, user=second)
    third = make_user(email="riley@example.org")
    complete_module(module, user=third)
    with django_capture_on_commit_callbacks(execute=True):
        current = issue(module, learner, "Jordan Q. Public")
        renamed = issue(module, second, "Sam Smith")
    missing = issue(module, third, "Riley Jones")  # never stored
    Certificate.objects.filter(pk=renamed.pk).update(printed_name="Sam Smyth")
    renders.clear()
    out = io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("refresh_certificate_pdfs", stdout=out)

    assert sorted(renders) == ["Riley Jones", "Sam Smyth"]
    assert "Checked 3 certificates: 2 rendered, 1 already current, 0 failed." in (
        out.getvalue()
    )
    assert stored_path(missing).is_file() and stored_path(current).is_file()

    renders.clear()
    call_command("refresh_certificate_pdfs", "--all", stdout=io.StringIO())
    assert len(renders) == 3


def _settings_with_environment(monkeypatch, **environ):
    """config/settings/base.py executed afresh, as a process with `environ` sees it."""
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    base = Path(settings.BASE_DIR) / "config" / "settings" / "base.py"
    spec = importlib.util.spec_from_file_location("config.settings._s3_probe", base)
    probe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(probe)  # not in sys.modules: nothing else sees it
    return probe


def test_with_a_bucket_private_files_go_to_s3_behind_signed_urls(monkeypatch):
    from storages.backends.s3 import S3Storage

    probe = _settings_with_environment(
        monkeypatch, AWS_STORAGE_BUCKET_NAME="cac-files", AWS_S3_REGION_NAME="us-east-1"
    )

    private = probe.STORAGES["private"]
    assert private["BACKEND"] == "storages.backends.s3.S3Storage"
    assert private["OPTIONS"]["querystring_auth"] is True
    assert private["OPTIONS"]["location"] != probe.STORAGES["default"]["OPTIONS"].get(
        "location"
    )
    assert probe.AWS_DEFAULT_ACL is None  # never a public-read object
    # Built as Django would build it (signing is local: no request leaves).
    storage = S3Storage(
        bucket_name=probe.AWS_STORAGE_BUCKET_NAME,
        region_name="us-east-1",
        access_key="test-key",
        secret_key="test-secret",  # noqa: S106
        **private["OPTIONS"],
    )
    url = storage.url("certificates/1-abc.pdf")
    assert "/private/certificates/1-abc.pdf" in url
    assert "X-Amz-Signature=" in url or "Signature=" in url
    assert "X-Amz-Expires=300" in url or "Expires=" in url


def test_without_a_bucket_private_files_stay_on_disk(monkeypatch):
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    probe = _settings_with_environment(monkeypatch)

    private = probe.STORAGES["private"]
    assert private["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert private["OPTIONS"]["base_url"] is None
    assert not str(private["OPTIONS"]["location"]).startswith(str(probe.MEDIA_ROOT))


@pytest.mark.parametrize(
    "change",
    [
        {"ce_hours": Decimal("3")},
        {"printed_name": "Jordan Public"},
        {"status": "revoked"},
        {"language": "es"},
        {"verify_url": "https://training.example.org/certificates/verify/X/"},
    ],
)
def test_the_fingerprint_follows_what_is_printed(module, learner, change):
    certificate = issue(module, learner, "Jordan Q. Public")
    options = CertificateSettings.for_site(module.get_site())
    document = document_for_certificate(certificate)
    fingerprint = pdf_fingerprint(document, options=options)

    assert pdf_fingerprint(document, options=options) == fingerprint  # stable
    changed = dataclasses.replace(document, **change)
    assert pdf_fingerprint(changed, options=options) != fingerprint


def test_the_fingerprint_follows_the_settings_and_the_template(
    module, learner, monkeypatch
):
    certificate = issue(module, learner)
    options = CertificateSettings.for_site(module.get_site())
    document = document_for_certificate(certificate)
    fingerprint = pdf_fingerprint(document, options=options)

    options.ce_statement = "Approved for 1.5 CE hours, approval 2026-123."
    assert pdf_fingerprint(document, options=options) != fingerprint
    options.ce_statement = ""
    real = pdf.render_to_string
    monkeypatch.setattr(
        pdf, "render_to_string", lambda *a, **k: real(*a, **k) + "<!-- v2 -->"
    )
    assert pdf_fingerprint(document, options=options) != fingerprint


def test_deleting_a_certificate_deletes_its_stored_pdf(
    module, learner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(module, learner)
    path = stored_path(certificate)

    with django_capture_on_commit_callbacks(execute=True):
        certificate.delete()

    assert not path.exists()


def test_a_job_for_a_certificate_deleted_since_does_nothing(db, renders):
    from training.certificates.tasks import certificate_pdf_store

    result = certificate_pdf_store.enqueue(987654)

    assert result.return_value is False
    assert renders == []
