"""A report's figures as one table: what the page shows and the export holds.

Small cells give people away: a figure over fewer than MIN_CELL learners is
shown as SUPPRESSED, on the page and in every export alike.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

MIN_CELL = 5
SUPPRESSED = "fewer than 5"


@dataclass
class Table:
    title: str
    headings: list[str]
    rows: list[list] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def spreadsheet_rows(self) -> list[list]:
        return [self.headings] + self.rows


def suppress(count: int | None, value):
    """`value`, or SUPPRESSED where it describes fewer than MIN_CELL learners."""
    if count is None or count < MIN_CELL:
        return SUPPRESSED
    return value


def rounded(value, places: int = 1) -> Decimal | None:
    """A mean or percentage as people read it: rounded half up, not to even."""
    if value is None:
        return None
    step = Decimal(1).scaleb(-places)
    # Through a short repr: 2.675 as a float is 2.67499..., and reads as 2.675.
    return Decimal(repr(float(value))).quantize(step, rounding=ROUND_HALF_UP)
