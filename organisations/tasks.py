"""Background work for managers (django-tasks): a ZIP of certificates, and
"remind those not done". Requests start these and return at once."""

import io
import logging
import zipfile

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.models import Site

from organisations.models import ArchiveStatus, Assignment, CertificateArchive
from organisations.selectors.assignments import organisation_member_assignments

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 10  # save progress after this many certificates


def archive_certificates(archive: CertificateArchive) -> list:
    """The latest unrevoked certificate of each current member the assignment is for."""
    assignment = Assignment.objects.select_related(
        "module", "organisation", "group"
    ).get(pk=archive.assignment_id)
    rows = organisation_member_assignments(
        organisation=assignment.organisation,
        assignments=[assignment],
    )
    return [row.certificate for row in rows if row.certificate is not None]


@task()
def certificate_archive_build(archive_id: int) -> int:
    """Put each certificate's PDF into one ZIP; returns how many it holds.

    The PDFs are the stored ones while current (rendered only when stale).
    """
    from training.certificates.stored import certificate_pdf_bytes
    from training.certificates.zip_export import zip_entry_name

    archive = CertificateArchive.objects.defer("content").get(pk=archive_id)
    try:
        certificates = archive_certificates(archive)
        archive.status, archive.total, archive.done = (
            ArchiveStatus.RUNNING,
            len(certificates),
            0,
        )
        archive.save(update_fields=["status", "total", "done"])
        site = Site.objects.filter(is_default_site=True).first()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
            for index, certificate in enumerate(certificates, start=1):
                # Named as in the trainer's ZIP, so one person's file reads the same.
                bundle.writestr(
                    zip_entry_name(certificate),
                    certificate_pdf_bytes(certificate, site=site),
                )
                if index % PROGRESS_EVERY == 0:
                    CertificateArchive.objects.filter(pk=archive.pk).update(done=index)
        CertificateArchive.objects.filter(pk=archive.pk).update(
            status=ArchiveStatus.READY,
            done=len(certificates),
            content=buffer.getvalue(),
            finished_at=timezone.now(),
        )
    except Exception:
        logger.exception("Certificate ZIP %s failed", archive_id)
        CertificateArchive.objects.filter(pk=archive.pk).update(
            status=ArchiveStatus.FAILED, finished_at=timezone.now()
        )
        raise
    return len(certificates)


def certificate_archive_start(*, assignment: Assignment, by) -> CertificateArchive:
    """Record the request and start the task once the row is saved."""
    archive = CertificateArchive.objects.create(assignment=assignment, requested_by=by)
    transaction.on_commit(lambda: certificate_archive_build.enqueue(archive.pk))
    return archive


@task()
def assignment_remind_now_task(assignment_id: int) -> int:
    from organisations.services.reminders import assignment_remind_now

    assignment = Assignment.objects.select_related("organisation", "module").get(
        pk=assignment_id
    )
    return assignment_remind_now(assignment=assignment)


def assignment_remind_now_start(*, assignment: Assignment) -> None:
    transaction.on_commit(lambda: assignment_remind_now_task.enqueue(assignment.pk))
