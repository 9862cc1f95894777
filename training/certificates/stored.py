"""A certificate's PDF as bytes, for downloads, emails and ZIPs.

Interface only for now: it renders on every call. The stored-PDF work (issue 17)
keeps one rendered file per certificate in media storage and re-renders it only
when the certificate changes; callers keep calling this.
"""

from wagtail.models import Site

from training.certificates.pdf import document_for_certificate, render_certificate_pdf
from training.models import Certificate


def certificate_pdf_bytes(
    certificate: Certificate, *, site: Site | None = None
) -> bytes:
    site = site or Site.objects.filter(is_default_site=True).first()
    return render_certificate_pdf(document_for_certificate(certificate), site=site)
