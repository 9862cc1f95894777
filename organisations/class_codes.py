"""Pure helpers for class codes: typed by young people from a board or a worksheet,
so short, unambiguous and forgiving of how they are typed."""

from datetime import date, timedelta

from organisations.short_codes import ShortCode

CODE_LENGTH = 8  # 25**8: about 150 billion codes, and entry is rate limited
# K7QF-2MXA: two groups of four are easier to copy from a board.
CLASS_CODE = ShortCode(length=CODE_LENGTH, separator="-")
code_generate = CLASS_CODE.generate
code_normalise = CLASS_CODE.normalise
code_is_well_formed = CLASS_CODE.is_well_formed
code_display = CLASS_CODE.display

DEFAULT_OPEN_DAYS = 30
MAX_OPEN_DAYS = 365


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
