"""What a person's name may hold, wherever it is typed (signup, certificates)."""

import unicodedata

from django.utils.translation import gettext, ngettext

NAME_MAX_LENGTH = 150


def collapse_spaces(raw: str) -> str:
    return " ".join((raw or "").split())


def name_problem(name: str) -> str:
    """Why `name` cannot be printed as a person's name; "" when it can.

    Control characters break PDFs and logs; format characters (Unicode Cf:
    right-to-left overrides, zero-width joiners and spaces) make a name display
    as something else, e.g. "Frank \\u202eredivorP\\u202c Smith" reads as
    "Frank Provider Smith".
    """
    if not name:
        return gettext("Enter a name.")
    if len(name) > NAME_MAX_LENGTH:
        return ngettext(
            "The name can be at most %(limit)d character long.",
            "The name can be at most %(limit)d characters long.",
            NAME_MAX_LENGTH,
        ) % {"limit": NAME_MAX_LENGTH}
    categories = {unicodedata.category(char) for char in name}
    if "Cc" in categories:
        return gettext("The name contains characters that cannot be printed.")
    if "Cf" in categories:
        return gettext(
            "The name contains invisible or text-direction characters. "
            "Type it again without copying it from elsewhere."
        )
    return ""
