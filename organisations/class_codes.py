"""Pure helpers for class codes: typed by young people from a board or a worksheet,
so short, unambiguous and forgiving of how they are typed."""

import re
import secrets
from datetime import date, timedelta

# No 0/O, 1/I/L, 2/Z, 5/S or 8/B: nothing that reads as another character.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 8  # 25**8: about 150 billion codes, and entry is rate limited
SEPARATORS_RE = re.compile(r"[\s\-‐‑‒–—]+")
CODE_RE = re.compile(rf"^[{ALPHABET}]{{{CODE_LENGTH}}}$")

DEFAULT_OPEN_DAYS = 30
MAX_OPEN_DAYS = 365


def code_generate() -> str:
    """A new random code, as stored: eight characters, no separator."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def code_normalise(raw: str) -> str:
    """What a person typed, as stored: upper case, no spaces or dashes."""
    return SEPARATORS_RE.sub("", raw or "").upper()[:20]


def code_is_well_formed(code: str) -> bool:
    return bool(CODE_RE.match(code))


def code_display(code: str) -> str:
    """K7QF-2MXA: two groups of four are easier to copy from a board."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}" if code else ""


def default_closes_on(today: date) -> date:
    return today + timedelta(days=DEFAULT_OPEN_DAYS)


def latest_closes_on(today: date) -> date:
    """A class stays open a school year at most: anonymous records must not pile up."""
    return today + timedelta(days=MAX_OPEN_DAYS)


def closes_on_problem(*, closes_on: date, today: date) -> str:
    """Why `closes_on` is not allowed for a class created `today` ("" when it is)."""
    if closes_on < today:
        return "past"
    if closes_on > latest_closes_on(today):
        return "too_late"
    return ""
