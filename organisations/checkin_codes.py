"""Pure helpers for session check-in codes: short, typed on a phone, read off a
screen across a room."""

import re
import secrets
from datetime import datetime, timedelta

# No 0/O, 1/I/L, 2/Z, 5/S or 8/B: nothing that reads as another character.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6  # 25**6: about 244 million codes, valid for an hour or two
SEPARATORS_RE = re.compile(r"[\s\-]+")
CODE_RE = re.compile(rf"^[{ALPHABET}]{{{CODE_LENGTH}}}$")

OPENS_BEFORE_START = timedelta(minutes=15)
CLOSES_AFTER_END = timedelta(minutes=30)
MAX_OPEN_MINUTES = 240


def code_generate() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def code_normalise(raw: str) -> str:
    """What a person typed, as stored: upper case, no spaces or dashes."""
    return SEPARATORS_RE.sub("", raw or "").upper()[:20]


def code_is_well_formed(code: str) -> bool:
    return bool(CODE_RE.match(code))


def code_display(code: str) -> str:
    """ACD EFG: two groups of three are easier to read aloud."""
    half = len(code) // 2
    return f"{code[:half]} {code[half:]}" if code else ""


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
