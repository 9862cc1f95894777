"""Filters the reports share: a date range, checked before any figure is read."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from wagtail.admin.widgets import AdminDateInput

# A funder's year at most twice over: longer ranges are a different question.
MAX_RANGE_DAYS = 2 * 366 + 1
# Nothing was recorded before the platform; a far date would overflow datetimes.
EARLIEST_YEAR = 2020


def year_ago_today() -> date:
    return timezone.localdate() - timedelta(days=364)


class DateRangeForm(forms.Form):
    start = forms.DateField(label="From", initial=year_ago_today, widget=AdminDateInput)
    end = forms.DateField(label="To", initial=timezone.localdate, widget=AdminDateInput)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        earliest, latest = (
            date(EARLIEST_YEAR, 1, 1),
            timezone.localdate() + timedelta(days=366),
        )
        for name in ("start", "end"):
            day = cleaned.get(name)
            if day and not earliest <= day <= latest:
                self.add_error(
                    name,
                    f"Choose a date from {earliest:%Y} to {latest:%d %B %Y}.",
                )
                return cleaned
        if start and end:
            if end < start:
                raise forms.ValidationError("The “To” date is before the “From” date.")
            if (end - start).days > MAX_RANGE_DAYS:
                raise forms.ValidationError(
                    "Choose a range of at most two years; for longer, download "
                    "each year."
                )
        return cleaned
