"""The admin's image upload form, counting the pixels of every animation frame.

Wagtail multiplies width x height by the frame count, but its Pillow backend
reports one frame for any file, so a 60-frame 2000x2000 GIF (240 megapixels to
decode) passed a 40-megapixel limit. Pillow itself knows the frame count.
"""

from django import forms
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext
from PIL import Image as PILImage
from wagtail.images.forms import BaseImageForm


def decoded_pixels(file) -> int:
    """Width x height x frames, read from the headers (no frame is decoded)."""
    position = file.tell()
    try:
        with PILImage.open(file) as image:
            width, height = image.size
            return width * height * getattr(image, "n_frames", 1)
    finally:
        file.seek(position)


class ImageForm(BaseImageForm):
    def clean_file(self):
        file = self.cleaned_data.get("file")
        limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
        if file and "file" in self.changed_data and limit:
            pixels = decoded_pixels(file)
            if pixels > limit:
                raise forms.ValidationError(
                    gettext(
                        "This image has %(pixels)s pixels across its frames; the "
                        "limit is %(limit)s. Use fewer frames or a smaller size."
                    )
                    % {
                        "pixels": number_format(pixels, force_grouping=True),
                        "limit": number_format(limit, force_grouping=True),
                    }
                )
        return file
