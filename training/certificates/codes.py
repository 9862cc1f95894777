"""Pure helpers for certificates: verification codes, validity dates, printed names."""

import base64
import calendar
import re
import secrets
import unicodedata
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext

from accounts.names import collapse_spaces, name_problem

CODE_BYTES = 20  # 160 random bits: 32 base32 characters, 8 groups of 4
CODE_RE = re.compile(r"^[A-Z2-7]{32}$")
SEPARATORS_RE = re.compile(r"[\s\-]+")
LICENCE_MAX_LENGTH = 40
# Letters and digits of any script, spaces, hyphens and full stops.
LICENCE_RE = re.compile(r"^(?:[^\W_]|[ .\-])+$")


class CertificateError(Exception):
    """A request the learner or trainer can correct; the message says how."""


class CertificateNotEarned(CertificateError):
    def __init__(self):
        super().__init__(
            gettext(
                "You can get a certificate once you have finished every lesson and "
                "passed the final quiz."
            )
        )


def code_generate() -> str:
    """A fresh verification code from `secrets`: 160 bits, upper-case base32."""
    return base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode("ascii")


def code_normalise(raw: str) -> str:
    """What a person typed, as stored: upper case, no spaces or dashes."""
    return SEPARATORS_RE.sub("", raw or "").upper()


def code_is_well_formed(code: str) -> bool:
    return bool(CODE_RE.match(code))


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 = 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def expiry_for(*, valid_for_months: int | None, issued_on: date) -> date | None:
    """Last day the certificate is valid; None when the module sets no period."""
    if not valid_for_months:
        return None
    return add_months(issued_on, valid_for_months) - timedelta(days=1)


def start_of_day_after(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def clean_printed_name(raw: str) -> str:
    """Collapse whitespace; refuse empty, over-long or unprintable names."""
    name = collapse_spaces(raw)
    if not name:
        raise CertificateError(gettext("Enter the name to print on the certificate."))
    if problem := name_problem(name):
        raise CertificateError(problem)
    return name


def clean_licence_number(raw: str) -> str:
    """A licence or registration number as printed: optional, short, plain.

    Like names, no invisible or text-direction characters (Unicode Cf), which
    could make a printed number read as another.
    """
    number = collapse_spaces(raw)
    if not number:
        return ""
    if len(number) > LICENCE_MAX_LENGTH:
        raise CertificateError(
            gettext(
                "A licence or registration number can be at most %(limit)d "
                "characters long."
            )
            % {"limit": LICENCE_MAX_LENGTH}
        )
    if any(unicodedata.category(char) in {"Cc", "Cf"} for char in number):
        raise CertificateError(
            gettext(
                "The number contains invisible or text-direction characters. "
                "Type it again without copying it from elsewhere."
            )
        )
    if not LICENCE_RE.match(number):
        raise CertificateError(
            gettext(
                "Use only letters, digits, spaces, hyphens (-) and full stops (.) "
                "in the licence or registration number."
            )
        )
    return number
