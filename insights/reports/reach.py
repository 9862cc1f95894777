"""Reach: learners, completions, certificates and CE hours for a date range,
split by audience, module, language, organisation or delivery format."""

from decimal import Decimal

from django import forms
from django.urls import path, reverse
from django.utils.functional import cached_property

from insights.charts import bar_chart
from insights.filters import DateRangeForm
from insights.menu import InsightsMenuItem
from insights.selectors.reach import Breakdown, ReachRow, reach
from insights.tables import Table
from insights.views.base import InsightsReportView

COLUMNS = {
    "learners": "Learners with an account who started",
    "anonymous_sessions": "Anonymous sessions that started (once per module)",
    "completions": "Completions by learners with an account",
    "anonymous_completions": "Completions in anonymous sessions",
    "certificates": "Certificates issued",
    "ce_hours": "CE hours",
}
SOURCE_OF = {
    "learners": "starts",
    "anonymous_sessions": "starts",
    "completions": "completions",
    "anonymous_completions": "completions",
    "certificates": "certificates",
    "ce_hours": "certificates",
}


class ReachFilterForm(DateRangeForm):
    breakdown = forms.ChoiceField(
        label="Split by",
        choices=Breakdown.choices,
        initial=Breakdown.AUDIENCE,
        required=False,
    )


class ReachReportView(InsightsReportView):
    page_title = "Reach"
    header_icon = "group"
    filter_form_class = ReachFilterForm
    template_name = "insights/reach.html"
    export_name = "reach"

    @cached_property
    def reach(self):
        values = self.filter_values
        return reach(
            start=values["start"],
            end=values["end"],
            breakdown=values.get("breakdown") or Breakdown.AUDIENCE,
        )

    def _cells(self, row: ReachRow, unsplit: frozenset) -> list:
        cells = [row.label]
        for name in COLUMNS:
            value = None if SOURCE_OF[name] in unsplit else getattr(row, name)
            if name == "ce_hours" and value is not None:
                value = Decimal(value).quantize(Decimal("0.01"))
            cells.append(value)
        return cells

    def get_table(self) -> Table:
        result, values = self.reach, self.filter_values
        split_label = dict(Breakdown.choices)[result.breakdown]
        rows = [self._cells(row, result.unsplit) for row in result.rows]
        rows.append(self._cells(result.total, frozenset()))
        notes = [
            f"From {values['start']:%d %B %Y} to {values['end']:%d %B %Y}, by "
            f"{split_label.lower()}. The last row counts each learner once.",
            "Started: first opened a lesson of a module. Completed: first passed "
            "its final quiz, which opens once every lesson is finished.",
            "Anonymous sessions are young people learning without an account: "
            "nothing else is known of them.",
        ]
        if result.unsplit:
            notes.append(
                "— : this figure cannot be split this way (for example, opening a "
                "lesson has no language); the last row has it."
            )
        return Table(
            title=f"Reach by {split_label.lower()}",
            headings=[split_label] + list(COLUMNS.values()),
            rows=rows,
            notes=notes,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.table is not None and self.reach.rows:
            rows = self.reach.rows
            context["chart"] = bar_chart(
                title="Completions",
                labels=[row.label for row in rows],
                series={
                    "With an account": [row.completions for row in rows],
                    "Anonymous sessions": [row.anonymous_completions for row in rows],
                },
                stacked=True,
            )
        return context


urlpatterns = [
    path("insights/reach/", ReachReportView.as_view(), name="insights_reach"),
]


def menu_items():
    return [
        InsightsMenuItem("Reach", reverse("insights_reach"), icon_name="group", order=1)
    ]
