"""Certificate PDFs: an HTML template rendered by WeasyPrint, one Letter landscape page.

WeasyPrint fetches every URL the HTML names. `SiteAssetFetcher` answers only for the
site's own static files and image renditions under a made-up origin, read straight
from storage; anything else (cloud metadata, file://, other hosts) is refused, so a
certificate can never be made to fetch from the network or the disk.
"""

import hashlib
import json
import mimetypes
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from urllib.parse import unquote, urlsplit

import segno
import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from training.certificates.selectors import module_title_in
from training.deliveries import DeliveryFormat
from training.models import Certificate, CertificateSettings, CertificateStatus
from training.responses import private_response

ASSET_ORIGIN = "https://assets.certificate.invalid"
# Only image files may come from media: documents there can be private.
MEDIA_PREFIXES = ("images/", "original_images/")
DEFAULT_LOGO = "images/logo-mark.svg"
TEMPLATE = "training/certificates/pdf.html"
# Raise when the PDF changes in a way the HTML does not show (how pdf.py renders).
FINGERPRINT_VERSION = 1


class AssetRefused(ValueError):
    """The renderer asked for something that is not one of the site's assets."""


def _url_path(setting_url: str) -> str:
    return urlsplit(setting_url).path


class SiteAssetFetcher(URLFetcher):
    """Serve `ASSET_ORIGIN/static/...` and `.../media/images/...`; refuse the rest."""

    def fetch(self, url, headers=None):
        name, read = self._resolve(url)
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=read(), headers={"Content-Type": content_type}
        )

    def _resolve(self, url: str):
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != ASSET_ORIGIN:
            raise AssetRefused(
                f"Refused to fetch {url!r}: not one of the site's assets."
            )
        path = unquote(parts.path)
        if "\\" in path or "\x00" in path or {".", ".."} & set(path.split("/")):
            raise AssetRefused(f"Refused to fetch {url!r}: bad path.")
        static, media = _url_path(settings.STATIC_URL), _url_path(settings.MEDIA_URL)
        if path.startswith(static):
            name = path[len(static) :]
            return name, lambda: _read_static(name)
        if path.startswith(media) and path[len(media) :].startswith(MEDIA_PREFIXES):
            name = path[len(media) :]
            return name, lambda: _read_storage(default_storage, name)
        raise AssetRefused(f"Refused to fetch {url!r}: not a static file or an image.")


def _read_static(name: str) -> bytes:
    found = finders.find(name)
    if found:
        with open(found, "rb") as file:
            return file.read()
    return _read_storage(staticfiles_storage, name)


def _read_storage(storage, name: str) -> bytes:
    with storage.open(name, "rb") as file:
        return file.read()


def static_asset_url(name: str) -> str:
    return f"{ASSET_ORIGIN}{_url_path(settings.STATIC_URL)}{name}"


def image_asset_url(image, spec: str = "max-800x300") -> str:
    """A Wagtail image rendition, addressed for the fetcher to read from storage."""
    rendition = image.get_rendition(spec)
    return f"{ASSET_ORIGIN}{_url_path(settings.MEDIA_URL)}{rendition.file.name}"


@dataclass(frozen=True)
class CertificateDocument:
    """What one PDF prints: from a stored certificate, or for an anonymous learner."""

    printed_name: str
    module_title: str
    issued_on: date
    ce_hours: Decimal = Decimal("0")
    score: Decimal | None = None
    expires_on: date | None = None
    code: str = ""  # ABCD-EFGH-...; empty for an unverifiable certificate
    verify_url: str = ""
    status: str = CertificateStatus.VALID
    language: str = settings.LANGUAGE_CODE  # the words around the data
    licence_number: str = ""
    # Empty for certificates issued before the format was recorded: those print
    # exactly as they always did.
    delivery_format: str = ""
    session_date: date | None = None
    session_place: str = ""
    session_trainer: str = ""

    @property
    def verifiable(self) -> bool:
        return bool(self.code)

    @property
    def delivery_label(self) -> str:
        """ "live, in person" and so on, in the language being rendered."""
        if self.delivery_format not in DeliveryFormat.values:
            return ""
        return str(DeliveryFormat(self.delivery_format).label)

    @property
    def filename(self) -> str:
        slug = slugify(self.module_title)[:60] or "training"
        return f"certificate-{slug}-{self.issued_on:%Y-%m-%d}.pdf"


def verify_url(*, code: str) -> str:
    """The public address printed on the certificate (SITE_URL in production)."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("certificate_verify_code", args=[code])


def document_for_certificate(certificate: Certificate) -> CertificateDocument:
    return CertificateDocument(
        printed_name=certificate.printed_name,
        module_title=module_title_in(certificate, certificate.language),
        issued_on=certificate.issued_on,
        ce_hours=certificate.ce_hours,
        score=certificate.score,
        expires_on=certificate.expires_on,
        code=certificate.display_code,
        verify_url=verify_url(code=certificate.code),
        status=certificate.status,
        language=certificate.language,
        licence_number=certificate.licence_number,
        delivery_format=certificate.delivery_format,
        session_date=certificate.session_date,
        session_place=certificate.session_place,
        session_trainer=certificate.session_trainer,
    )


def document_for_anonymous(*, module, printed_name: str, score) -> CertificateDocument:
    """A completion record for a learner without an account: nothing is stored."""
    return CertificateDocument(
        printed_name=printed_name,
        module_title=module.title,
        issued_on=timezone.localdate(),
        score=score,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )


def qr_svg(url: str) -> str:
    """An inline SVG QR code of the verification URL (built by us, not user input)."""
    qr = segno.make(url, error="m")
    return mark_safe(  # noqa: S308 - segno's markup of a URL built by reverse()
        qr.svg_inline(scale=4, border=2, title="QR code of the verification address")
    )


def certificate_html(
    document: CertificateDocument, *, options: CertificateSettings, qr: bool = True
) -> str:
    """The page WeasyPrint is given: every word, value and asset address printed.

    `qr=False` leaves the QR code's place empty: drawing it is nine tenths of
    the cost, and the fingerprint hashes the address it encodes instead.
    """
    context = {
        "doc": document,
        "options": options,
        "logo_url": image_asset_url(options.logo)
        if options.logo
        else static_asset_url(DEFAULT_LOGO),
        "signature_url": image_asset_url(options.signature, "max-600x160")
        if options.signature
        else "",
        "qr_svg": qr_svg(document.verify_url) if document.verifiable and qr else "",
    }
    with translation.override(document.language):
        return render_to_string(TEMPLATE, context)


def render_certificate_pdf(
    document: CertificateDocument, *, site, options: CertificateSettings | None = None
) -> bytes:
    """One tagged (PDF/UA-1) Letter landscape page; `options` default to the site's."""
    options = options or CertificateSettings.for_site(site)
    html = certificate_html(document, options=options)
    return HTML(
        string=html, base_url=f"{ASSET_ORIGIN}/", url_fetcher=SiteAssetFetcher()
    ).write_pdf(pdf_variant="pdf/ua-1")


def pdf_fingerprint(
    document: CertificateDocument, *, options: CertificateSettings
) -> str:
    """A hash of everything the PDF would print, to tell a stored one is current.

    Hashing the HTML itself (not a list of what it shows) catches every change
    by construction: a printed-name correction, new CE hours, the template and
    its CSS, a translation, the certificate settings, the site's address in the
    verify URL. What the HTML only names is added: the images' contents (by
    hash), the default logo's bytes and the renderer's version.
    """
    digest = hashlib.sha256()
    for part in (
        f"v{FINGERPRINT_VERSION}",
        weasyprint.__version__,
        segno.__version__,
        # The fields as well: the page shows no status today, yet a revoked or
        # expired certificate's PDF is rendered anew, never served from before.
        json.dumps(asdict(document), sort_keys=True, default=str),
        certificate_html(document, options=options, qr=False),
    ):
        digest.update(part.encode())
        digest.update(b"\0")
    for image in (options.logo, options.signature):
        # An image's file replaced in place may keep its rendition's name.
        digest.update(f"{image.pk}:{image.file_hash}".encode() if image else b"-")
    if not options.logo:
        digest.update(_read_static(DEFAULT_LOGO))
    return digest.hexdigest()


def pdf_response(pdf: bytes, *, filename: str) -> HttpResponse:
    """A certificate PDF as a private download (never cached, never shown inline)."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return private_response(response)
