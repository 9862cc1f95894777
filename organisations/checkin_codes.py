"""Pure helpers for session check-in codes: short, typed on a phone, read off a
screen across a room."""

from datetime import datetime, timedelta

from organisations.short_codes import ShortCode

CODE_LENGTH = 6  # 25**6: about 244 million codes, valid for an hour or two
# ACD EFG: two groups of three are easier to read aloud.
CHECKIN_CODE = ShortCode(length=CODE_LENGTH, separator=" ")
code_generate = CHECKIN_CODE.generate
code_normalise = CHECKIN_CODE.normalise
code_is_well_formed = CHECKIN_CODE.is_well_formed
code_display = CHECKIN_CODE.display

OPENS_BEFORE_START = timedelta(minutes=15)
CLOSES_AFTER_END = timedelta(minutes=30)
MAX_OPEN_MINUTES = 240


def default_window(
    *, starts_at: datetime, ends_at: datetime
) -> tuple[datetime, datetime]:
    """From 15 minutes before the start to 30 minutes after the end."""
    return starts_at - OPENS_BEFORE_START, ends_at + CLOSES_AFTER_END


def window_now(*, now: datetime, minutes: int) -> tuple[datetime, datetime]:
    """Open from now for `minutes` (1 to MAX_OPEN_MINUTES)."""
    if not 1 <= minutes <= MAX_OPEN_MINUTES:
        raise ValueError(f"minutes must be between 1 and {MAX_OPEN_MINUTES}")
    return now, now + timedelta(minutes=minutes)
