"""The trainers' certificates report: filters, search, exports, ZIP, revoke, budget."""

import csv
import io
import zipfile
from datetime import datetime, timedelta

import pypdf
import pytest
import time_machine
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.factories import make_user
from tests.training.certificates.builders import (
    complete_module,
    issue,
    make_certificate_module,
    make_trainer,
)
from training.certificates.codes import code_generate
from training.certificates.services import certificate_revoke
from training.models import Certificate

REPORT = "/admin/reports/certificates/"


@pytest.fixture
def trainer_client(client, staff_groups):
    client.force_login(make_trainer(staff_groups))
    return client


@pytest.fixture
def certificates(home):
    """Three certificates: two modules, two audiences, one revoked, one from 2025."""
    reporting = make_certificate_module(title="Mandated reporting")
    parents = make_certificate_module(audience="parents", title="Talking with teens")
    ana = make_user(email="ana@example.org", name="Ana Alvarez")
    ben = make_user(email="ben@example.org", name="Ben Brown")
    with time_machine.travel(timezone.make_aware(datetime(2025, 6, 1, 12)), tick=False):
        complete_module(reporting, user=ben)
        old = issue(reporting, ben, "Ben Brown")
    complete_module(reporting, user=ana)
    complete_module(parents, user=ana)
    return {
        "ana_reporting": issue(reporting, ana, "Ana Alvarez"),
        "ana_parents": issue(parents, ana, "Ana Alvarez"),
        "ben_reporting": certificate_revoke(certificate=old, by=None, reason="Error"),
        "reporting": reporting,
        "parents": parents,
    }


def listed(response) -> set[str]:
    html = response.content.decode()
    return {name for name in ("Ana Alvarez", "Ben Brown") if name in html}


def codes_in(response, certificates) -> set[str]:
    html = response.content.decode()
    return {
        key
        for key, c in certificates.items()
        if key.count("_") and c.display_code in html
    }


def test_learners_cannot_open_the_report(client, certificates):
    client.force_login(make_user())
    response = client.get(REPORT)
    assert response.status_code in (302, 403)


def test_the_report_lists_every_certificate(trainer_client, certificates):
    response = trainer_client.get(REPORT)
    assert response.status_code == 200
    assert codes_in(response, certificates) == {
        "ana_reporting",
        "ana_parents",
        "ben_reporting",
    }


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"status": "valid"}, {"ana_reporting", "ana_parents"}),
        ({"status": "revoked"}, {"ben_reporting"}),
        ({"status": "expired"}, set()),
        ({"issued_at_from": "2026-01-01"}, {"ana_reporting", "ana_parents"}),
        ({"issued_at_to": "2025-12-31"}, {"ben_reporting"}),
        ({"q": "ben@example"}, {"ben_reporting"}),
        ({"q": "alvarez"}, {"ana_reporting", "ana_parents"}),
    ],
)
def test_filters_and_search(trainer_client, certificates, params, expected):
    response = trainer_client.get(REPORT, params)
    assert codes_in(response, certificates) == expected


def test_filter_by_module_audience_and_code(trainer_client, certificates):
    module = certificates["parents"]
    response = trainer_client.get(REPORT, {"module": module.pk})
    assert codes_in(response, certificates) == {"ana_parents"}
    audience = certificates["ana_reporting"].audience
    response = trainer_client.get(REPORT, {"audience": audience.pk})
    assert codes_in(response, certificates) == {"ana_reporting", "ben_reporting"}
    code = certificates["ben_reporting"].display_code[:9].lower()
    response = trainer_client.get(REPORT, {"q": code})
    assert codes_in(response, certificates) == {"ben_reporting"}


def test_csv_export_has_the_filtered_rows(trainer_client, certificates):
    response = trainer_client.get(REPORT, {"status": "valid", "export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(content)))
    assert len(rows) == 2
    by_module = {row["Module"]: row for row in rows}
    row = by_module["Mandated reporting"]
    certificate = certificates["ana_reporting"]
    assert row["Code"] == certificate.display_code
    assert row["Printed name"] == "Ana Alvarez"
    assert row["Email"] == "ana@example.org"
    assert row["Audience"] == "Providers"
    assert row["Status"] == "Valid"
    assert row["CE hours"] == "1.50"
    assert row["Issued"] == str(certificate.issued_on)
    assert by_module["Talking with teens"]["Audience"] == "Parents"


def test_csv_export_records_revocations(trainer_client, certificates):
    response = trainer_client.get(REPORT, {"status": "revoked", "export": "csv"})
    [row] = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert row["Status"] == "Revoked" and row["Reason for revoking"] == "Error"


def test_xlsx_export(trainer_client, certificates):
    response = trainer_client.get(REPORT, {"export": "xlsx"})
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]


def test_the_zip_holds_one_pdf_per_filtered_certificate(trainer_client, certificates):
    confirm = trainer_client.get(REPORT + "zip/", {"q": "Alvarez"})
    assert confirm.status_code == 200
    assert "2 certificates match" in confirm.content.decode()
    # The job runs at once here (immediate backend); tests/jobs runs the worker.
    started = trainer_client.post(REPORT + "zip/?q=Alvarez")
    assert started.status_code == 302
    page = trainer_client.get(started["Location"])
    assert "Download" in page.content.decode()
    job_id = started["Location"].rstrip("/").rsplit("/", 1)[-1]
    response = trainer_client.get(f"/admin/reports/jobs/{job_id}/download/")
    assert response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert len(names) == 2 and all(name.endswith(".pdf") for name in names)
    texts = set()
    for name in names:
        reader = pypdf.PdfReader(io.BytesIO(archive.read(name)))
        assert len(reader.pages) == 1
        texts.add(" ".join(reader.pages[0].extract_text().split()))
    assert {certificates["ana_reporting"].display_code in text for text in texts} == {
        True,
        False,
    }


def test_a_zip_of_nothing_goes_back_to_the_report(trainer_client, certificates):
    response = trainer_client.post(REPORT + "zip/?q=Nobody")
    assert response.status_code == 302
    assert response["Location"].startswith(REPORT)


def test_a_trainer_downloads_one_pdf(trainer_client, certificates):
    certificate = certificates["ana_parents"]
    response = trainer_client.get(f"{REPORT}{certificate.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"


def test_revoking_from_the_admin_asks_for_a_reason_and_is_logged(
    trainer_client, certificates
):
    certificate = certificates["ana_reporting"]
    url = f"{REPORT}{certificate.pk}/revoke/"
    page = trainer_client.get(url)
    assert page.status_code == 200
    assert "Revoke certificate" in page.content.decode()

    response = trainer_client.post(url, {"reason": "   "})
    assert response.status_code == 200
    certificate.refresh_from_db()
    assert certificate.revoked_at is None

    response = trainer_client.post(
        url, {"reason": "Completed on someone else's account"}
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert certificate.revoked_by.email.startswith("trainer")
    assert certificate.revocation_reason == "Completed on someone else's account"
    entry = ModelLogEntry.objects.get(
        action="training.certificate.revoke", object_id=str(certificate.pk)
    )
    assert entry.user == certificate.revoked_by
    assert entry.data["reason"] == "Completed on someone else's account"
    history = trainer_client.get("/admin/reports/site-history/")
    assert "Certificate revoked" in history.content.decode()


def test_learners_cannot_revoke(client, certificates):
    client.force_login(make_user())
    certificate = certificates["ana_reporting"]
    response = client.post(f"{REPORT}{certificate.pk}/revoke/", {"reason": "x"})
    assert response.status_code in (302, 403)
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_the_first_page_of_ten_thousand_certificates_is_cheap(
    trainer_client, certificates, django_assert_max_num_queries
):
    template = certificates["ana_reporting"]
    Certificate.objects.bulk_create(
        Certificate(
            code=code_generate(),
            user=template.user,
            module=template.module,
            period=period,
            module_title=template.module_title,
            printed_name=f"Learner {period}",
            audience=template.audience,
            ce_hours=template.ce_hours,
            issued_at=template.issued_at - timedelta(minutes=period),
        )
        for period in range(2, 10_002)
    )
    trainer_client.get(REPORT)  # warm the session and permission caches
    with django_assert_max_num_queries(15):
        response = trainer_client.get(REPORT)
    assert response.status_code == 200
    assert "Learner 2" in response.content.decode()
    with django_assert_max_num_queries(15):
        response = trainer_client.get(REPORT, {"status": "valid", "q": "Learner"})
    assert response.status_code == 200
