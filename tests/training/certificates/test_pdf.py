"""The certificate PDF: one tagged Letter landscape page with the facts and the code."""

import io
from decimal import Decimal

import pypdf
import pytest
from wagtail.models import Site

from tests.factories import make_user
from tests.training.certificates.builders import (
    complete_module,
    issue,
    make_certificate_module,
)
from training.certificates.pdf import (
    AssetRefused,
    SiteAssetFetcher,
    document_for_anonymous,
    document_for_certificate,
    render_certificate_pdf,
)

HOSTILE_NAME = "<img src=http://169.254.169.254/latest/meta-data/>"


def pdf_text(pdf: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def site(home):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def certificate(home):
    module = make_certificate_module(
        title="CSEC and mandated reporting", valid_for_months=24
    )
    user = make_user()
    complete_module(module, user=user, score="92.5")
    return issue(module, user, "Jordan Q. Public")


def render(certificate, site) -> bytes:
    return render_certificate_pdf(document_for_certificate(certificate), site=site)


def test_the_pdf_has_one_page_with_the_name_module_date_and_code(certificate, site):
    pages, text = pdf_text(render(certificate, site))
    assert pages == 1
    assert "Jordan Q. Public" in text
    assert "CSEC and mandated reporting" in text
    assert certificate.issued_on.strftime("%B %-d, %Y") in text
    assert certificate.display_code in text
    # The address may wrap after "verify/"; extracted text then has a line break.
    assert f"/certificates/verify/{certificate.code}/" in "".join(text.split())
    assert "1.5" in text and "92.5%" in text
    assert certificate.expires_on.strftime("%B %-d, %Y") in text


def test_the_page_is_letter_landscape_tagged_with_title_and_language(certificate, site):
    reader = pypdf.PdfReader(io.BytesIO(render(certificate, site)))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (792, 612)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert "CSEC and mandated reporting" in reader.metadata.title
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])


def test_a_hostile_name_prints_as_literal_text(home, site):
    module = make_certificate_module()
    user = make_user()
    complete_module(module, user=user)
    certificate = issue(module, user, HOSTILE_NAME)
    pages, text = pdf_text(render(certificate, site))
    assert pages == 1
    # A long name wraps; compare without the line breaks.
    assert "".join(HOSTILE_NAME.split()) in "".join(text.split())


def test_the_longest_name_and_title_still_fit_on_one_page(home, site):
    module = make_certificate_module(title="A very long module title " * 10)
    user = make_user()
    complete_module(module, user=user)
    certificate = issue(module, user, "Bartholomew-Alexandrina " * 6)
    assert pdf_text(render(certificate, site))[0] == 1


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/",
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "file:///etc/passwd",
        "https://example.com/logo.png",
        "https://assets.certificate.invalid/static/../../../../etc/passwd",
        "https://assets.certificate.invalid/static/%2e%2e/%2e%2e/etc/passwd",
        "https://assets.certificate.invalid/etc/passwd",
        "https://assets.certificate.invalid/media/documents/private.pdf",
        "https://assets.certificate.invalid.evil.example/static/css/site.css",
        "data:text/html,<h1>x</h1>",
    ],
)
def test_the_url_fetcher_refuses_everything_but_site_assets(url):
    with pytest.raises(AssetRefused):
        SiteAssetFetcher().fetch(url)


def test_the_url_fetcher_serves_the_sites_static_files():
    response = SiteAssetFetcher().fetch(
        "https://assets.certificate.invalid/static/images/logo-mark.svg"
    )
    assert response.content_type == "image/svg+xml"
    assert b"<svg" in response.read()


def test_rendering_asks_only_for_site_assets(certificate, site, monkeypatch):
    asked = []
    original = SiteAssetFetcher.fetch

    def spy(self, url, headers=None):
        asked.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(SiteAssetFetcher, "fetch", spy)
    render(certificate, site)
    assert asked, "the logo should come through the fetcher"
    assert all(url.startswith("https://assets.certificate.invalid/") for url in asked)


def test_the_settings_logo_and_signature_are_printed(certificate, site):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from training.models import CertificateSettings

    image = Image.objects.create(title="Signature", file=get_test_image_file())
    options = CertificateSettings.for_site(site)
    options.signatory_name = "Pat Director"
    options.signatory_title = "Executive Director"
    options.signature = image
    options.logo = image
    options.save()
    pages, text = pdf_text(render(certificate, site))
    assert pages == 1
    assert "Pat Director" in text and "Executive Director" in text


def test_an_anonymous_certificate_says_it_is_not_verifiable(home, site):
    module = make_certificate_module(audience="youth", title="Staying safe online")
    document = document_for_anonymous(
        module=module, printed_name="Sam", score=Decimal("100")
    )
    pages, text = pdf_text(render_certificate_pdf(document, site=site))
    assert pages == 1
    assert "Sam" in text and "Staying safe online" in text
    assert "not verifiable" in " ".join(text.split())
    assert "/certificates/verify/" not in text
