"""A trainer marks a translation reviewed; a PO file is checked before it imports."""

import os
import tempfile

import polib
from django.utils import timezone
from wagtail.models import Page

from translations.models import TranslationReview
from translations.selectors import reviewed_revision_id

MAX_PO_BYTES = 2 * 1024 * 1024


class BadPoFile(ValueError):
    """An upload that is not a PO file of this translation; the message says why."""


def review_mark(*, target, user) -> TranslationReview:
    """Record that `user` read `target` (a translated page or quiz) as it is now."""
    review, _ = TranslationReview.objects.update_or_create(
        translation_key=target.translation_key,
        locale_id=target.locale_id,
        defaults={
            "reviewed_by": user,
            "reviewed_at": timezone.now(),
            "revision_id": reviewed_revision_id(target),
        },
    )
    return review


def po_file_checked(upload, *, translation) -> polib.POFile:
    """The parsed PO file, or BadPoFile: nothing is imported from a bad one."""
    if upload is None:
        raise BadPoFile("Choose a PO file to upload.")
    if upload.size > MAX_PO_BYTES:
        raise BadPoFile("The file is larger than 2 MB: is it the right file?")
    content = upload.read()
    upload.seek(0)
    # polib reads a string as a path when a file of that name exists: parse
    # the bytes from a temporary file, as wagtail-localize itself does.
    with tempfile.NamedTemporaryFile(suffix=".po", delete=False) as file:
        file.write(content)
    try:
        po = polib.pofile(file.name, encoding="utf-8")
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise BadPoFile(
            f"This is not a valid PO file ({error}). Upload the file exported from "
            "this translation, edited in a PO editor."
        ) from None
    finally:
        os.unlink(file.name)
    exported_for = po.metadata.get("X-WagtailLocalize-TranslationID")
    if exported_for != str(translation.uuid):
        raise BadPoFile(
            "This PO file was not exported from this translation. Download the PO "
            "file from this translation, translate it and upload that one."
        )
    if not any(entry.msgstr for entry in po):
        raise BadPoFile("This PO file has no translated strings in it.")
    return po


def is_page(obj) -> bool:
    return isinstance(obj, Page)
