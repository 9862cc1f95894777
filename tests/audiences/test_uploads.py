"""SECURITY.md, hostile uploads: size and pixel limits, no SVG, documents download."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from tests.factories import make_staff


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def trainer_client(client, staff_groups, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    make_staff(client=client, group=staff_groups["CAC trainers"])
    return client


def upload_image(client, name: str, content: bytes, content_type: str):
    return client.post(
        "/admin/images/add/",
        {"title": name, "file": SimpleUploadedFile(name, content, content_type)},
    )


def test_a_normal_image_uploads(trainer_client):
    response = upload_image(trainer_client, "ok.png", png(40, 30), "image/png")
    assert response.status_code == 302
    assert Image.objects.count() == 1


def test_svg_is_not_accepted_as_an_image(trainer_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = upload_image(trainer_client, "evil.svg", svg, "image/svg+xml")
    assert response.status_code == 200
    assert "Not a supported image format" in response.content.decode()
    assert not Image.objects.exists()


def test_oversized_images_are_refused(trainer_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    response = upload_image(trainer_client, "big.png", png(400, 400) * 3, "image/png")
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not Image.objects.exists()


def test_images_with_too_many_pixels_are_refused(trainer_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100
    response = upload_image(trainer_client, "wide.png", png(200, 200), "image/png")
    assert response.status_code == 200
    assert "pixels" in response.content.decode()
    assert not Image.objects.exists()


def test_upload_limits_are_configured(settings):
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 20 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS <= 50_000_000
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024


def test_documents_are_served_as_attachments(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = Document.objects.create(
        title="Handout", file=ContentFile(b"%PDF-1.4\n", name="handout.pdf")
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
