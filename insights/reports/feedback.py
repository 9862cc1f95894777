"""Learner feedback per module: usefulness, confidence before and after, and
comments without the learner's name."""

from dataclasses import replace

from django import forms
from django.urls import path, reverse
from django.utils.functional import cached_property

from audiences.models import Audience
from insights.charts import bar_chart
from insights.filters import DateRangeForm
from insights.menu import InsightsMenuItem
from insights.selectors.feedback import (
    FeedbackFigures,
    answers_in,
    comments_page,
    feedback_by_module,
    feedback_total,
)
from insights.tables import MIN_CELL, SUPPRESSED, Table, rounded, suppress
from insights.views.base import InsightsReportView
from training.models import TrainingModulePage

HEADINGS = [
    "Module",
    "Responses",
    "Mean usefulness (1-5)",
    "Mean confidence before (1-5)",
    "Mean confidence after (1-5)",
    "Learners who answered both",
    "Confidence shift (after - before, those learners)",
    "Comments",
]


class FeedbackFilterForm(DateRangeForm):
    module = forms.ModelChoiceField(
        label="Module",
        required=False,
        empty_label="All modules",
        queryset=TrainingModulePage.objects.filter(locale__language_code="en").order_by(
            "title"
        ),
    )
    audience = forms.ModelChoiceField(
        label="Audience",
        required=False,
        empty_label="All audiences",
        queryset=Audience.objects.order_by("sort_order", "name"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"].help_text = "Counts answers last given in the range."


def figure_cells(figures: FeedbackFigures) -> list:
    """Each mean over fewer than 5 learners is suppressed, and so is a row
    (counts included) over fewer than 5 responses."""
    if figures.responses < MIN_CELL:
        return [SUPPRESSED] * (len(HEADINGS) - 1)
    shift = figures.shift
    return [
        figures.responses,
        suppress(figures.usefulness_count, rounded(figures.usefulness, 2)),
        suppress(figures.before_count, rounded(figures.before, 2)),
        suppress(figures.after_count, rounded(figures.after, 2)),
        suppress(figures.paired, figures.paired),
        suppress(figures.paired, None if shift is None else rounded(shift, 2)),
        figures.comments,
    ]


def shown_in_full(module: FeedbackFigures) -> bool:
    return module.responses >= MIN_CELL and module.paired >= MIN_CELL


class FeedbackReportView(InsightsReportView):
    page_title = "Learner feedback"
    header_icon = "comment"
    filter_form_class = FeedbackFilterForm
    template_name = "insights/feedback.html"
    export_name = "learner-feedback"

    @property
    def answers(self):
        values = self.filter_values
        return answers_in(
            start=values["start"],
            end=values["end"],
            module=values.get("module"),
            audience=values.get("audience"),
        )

    @cached_property
    def modules(self) -> list[FeedbackFigures]:
        return feedback_by_module(self.answers)

    def get_table(self) -> Table:
        rows = [[module.label] + figure_cells(module) for module in self.modules]
        # The total is over the rows shown in full only: with a hidden row in
        # it, subtracting the others would give that row's figures back.
        complete = [m.module_id for m in self.modules if shown_in_full(m)]
        if len(complete) > 1:
            total = replace(
                feedback_total(self.answers.filter(module_id__in=complete)),
                label="Modules shown in full",
            )
            rows.append([total.label] + figure_cells(total))
        return Table(
            title="Learner feedback by module",
            headings=HEADINGS,
            rows=rows,
            notes=[
                "An optional survey: confidence to recognise the signs of CSEC and "
                "know what to do, asked before the first lesson and again after the "
                "final quiz, with how useful the module was and a comment. "
                "Answers are 1 (not at all) to 5 (very).",
                "The shift is the mean confidence after minus before, over the "
                "learners who answered both; their number is given beside it.",
                f"A figure over fewer than 5 learners shows “{SUPPRESSED}”; so "
                "does a row over fewer than 5 responses.",
                "Anonymous youth answers are kept after their session is deleted "
                "(30 days), with nothing that links them to it.",
            ],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.table is None:
            return context
        shown = [module for module in self.modules if shown_in_full(module)]
        if shown:
            context["chart"] = bar_chart(
                title="Mean confidence before and after, learners who answered "
                "both (1-5)",
                labels=[module.label for module in shown],
                series={
                    "Before the first lesson": [m.paired_before for m in shown],
                    "After the final quiz": [m.paired_after for m in shown],
                },
            )
        # Comments only where the module had at least 5 responses: fewer could
        # let a trainer guess who wrote them.
        context["comments"] = comments_page(
            self.answers,
            module_ids=[m.module_id for m in self.modules if m.responses >= MIN_CELL],
            page=self.request.GET.get("page", 1),
        )
        context["held_back"] = [
            m.label for m in self.modules if m.comments and m.responses < MIN_CELL
        ]
        query = self.request.GET.copy()
        query.pop("page", None)
        context["page_query"] = query.urlencode()
        return context


urlpatterns = [
    path("insights/feedback/", FeedbackReportView.as_view(), name="insights_feedback"),
]


def menu_items():
    return [
        InsightsMenuItem(
            "Learner feedback",
            reverse("insights_feedback"),
            icon_name="comment",
            order=4,
        )
    ]
