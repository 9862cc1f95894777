"""A certificate's PDF, for downloads, emails and ZIPs: rendered once, then read.

Each certificate keeps its last rendered PDF in the private storage with a
fingerprint of what it printed (`pdf_fingerprint`). Callers get that file while
the fingerprint still matches, and a fresh render, stored in its place, once the
certificate, the certificate settings or the template print something else.
Storage is a speed-up, never a requirement: when it cannot be read or written,
a download still gets its PDF, rendered on the spot.
"""

import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.models import Site

from training.certificates.pdf import (
    CertificateDocument,
    document_for_certificate,
    pdf_fingerprint,
    render_certificate_pdf,
)
from training.models import Certificate, CertificateSettings
from training.models.certificates import private_storage

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CertificatePdf:
    content: bytes
    filename: str
    rendered: bool  # False: read from storage


@dataclass(frozen=True)
class _Printed:
    """What a certificate's PDF prints today, and its fingerprint."""

    document: CertificateDocument
    options: CertificateSettings
    fingerprint: str
    site: Site | None


def certificate_pdf_bytes(
    certificate: Certificate, *, site: Site | None = None
) -> bytes:
    return certificate_pdf(certificate, site=site).content


def certificate_pdf(
    certificate: Certificate, *, site: Site | None = None
) -> CertificatePdf:
    """The stored PDF if it is current; otherwise rendered now and stored."""
    printed = _printed(certificate, site=site)
    content = _read_if_current(certificate, fingerprint=printed.fingerprint)
    if content is not None:
        return CertificatePdf(content, printed.document.filename, rendered=False)
    content = _render(printed)
    try:
        _store(certificate, content, fingerprint=printed.fingerprint)
    except Exception:
        logger.exception("Could not store the PDF of certificate %s", certificate.pk)
    return CertificatePdf(content, printed.document.filename, rendered=True)


def certificate_pdf_refresh(
    certificate: Certificate, *, site: Site | None = None, force: bool = False
) -> bool:
    """Render and store the PDF unless a current one is stored; True if it rendered.

    For the task after issuing and the bulk command: failures raise.
    """
    printed = _printed(certificate, site=site)
    current = _is_current(certificate, fingerprint=printed.fingerprint)
    if (
        current
        and not force
        and certificate.pdf_file.storage.exists(certificate.pdf_file.name)
    ):
        return False
    _store(certificate, _render(printed), fingerprint=printed.fingerprint)
    return True


def _printed(certificate: Certificate, *, site: Site | None) -> _Printed:
    site = site or Site.objects.filter(is_default_site=True).first()
    document = document_for_certificate(certificate)
    options = CertificateSettings.for_site(site)
    fingerprint = pdf_fingerprint(document, options=options)
    return _Printed(document, options, fingerprint, site)


def _render(printed: _Printed) -> bytes:
    return render_certificate_pdf(
        printed.document, site=printed.site, options=printed.options
    )


def _is_current(certificate: Certificate, *, fingerprint: str) -> bool:
    return bool(certificate.pdf_file) and certificate.pdf_fingerprint == fingerprint


def _read_if_current(certificate: Certificate, *, fingerprint: str) -> bytes | None:
    if not _is_current(certificate, fingerprint=fingerprint):
        return None
    try:
        with certificate.pdf_file.open("rb") as file:
            return file.read()
    except Exception:
        # Deleted by a concurrent re-render, or storage is down: render instead.
        logger.warning(
            "Stored PDF of certificate %s unreadable; rendering it",
            certificate.pk,
            exc_info=True,
        )
        return None


def _store(certificate: Certificate, content: bytes, *, fingerprint: str) -> None:
    """Save the new file, point the certificate at it, then delete the old one."""
    storage = private_storage()
    # Never the printed name in a file name: the pk and what was printed.
    name = storage.save(
        f"certificates/{certificate.pk}-{fingerprint[:16]}.pdf", ContentFile(content)
    )
    with transaction.atomic():
        # Locked so two renders at once cannot both keep the same old file.
        previous = (
            Certificate.objects.select_for_update()
            .filter(pk=certificate.pk)
            .values_list("pdf_file", flat=True)
            .first()
        )
        if previous is None:  # the certificate was deleted meanwhile
            storage.delete(name)
            return
        Certificate.objects.filter(pk=certificate.pk).update(
            pdf_file=name, pdf_fingerprint=fingerprint
        )
    certificate.pdf_file, certificate.pdf_fingerprint = name, fingerprint
    if previous and previous != name:
        # Only once the new name is committed: a rollback must keep the old file.
        transaction.on_commit(lambda: _delete_quietly(storage, previous))


def _delete_quietly(storage, name: str) -> None:
    try:
        storage.delete(name)
    except Exception:
        logger.warning("Could not delete the old PDF %s", name, exc_info=True)
