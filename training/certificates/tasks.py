"""Background work on certificates: a PDF rendered before its first download.

Issuing or revoking queues `certificate_pdf_store` once the transaction commits,
so the learner's first download reads a stored file. A failed job costs nothing
but speed: the certificate is already saved, and a download renders on demand.
"""

import logging

from django.db import transaction
from django_tasks import task

from training.certificates.stored import certificate_pdf_refresh
from training.models import Certificate

logger = logging.getLogger(__name__)


@task()
def certificate_pdf_store(certificate_id: int) -> bool:
    """Render and store the certificate's PDF unless a current one is stored.

    Returns whether it rendered. A failure is logged and fails the job (for the
    worker to retry and trainers to see); the certificate itself is untouched.
    """
    certificate = (
        Certificate.objects.select_related("module").filter(pk=certificate_id).first()
    )
    if certificate is None:
        return False  # deleted since it was queued
    try:
        return certificate_pdf_refresh(certificate)
    except Exception:
        logger.exception("Rendering the PDF of certificate %s failed", certificate_id)
        raise


def certificate_pdf_store_on_commit(certificate: Certificate) -> None:
    """Queue the PDF after the commit: before it, a worker would not see the row,
    and a rollback must not leave a job for a certificate that never was."""
    certificate_id = certificate.pk
    transaction.on_commit(lambda: _enqueue(certificate_id))


def _enqueue(certificate_id: int) -> None:
    try:
        certificate_pdf_store.enqueue(certificate_id)
    except Exception:
        # The caller's work is committed; without the job, the first download
        # renders the PDF instead.
        logger.exception("Could not queue the PDF of certificate %s", certificate_id)
