"""Question quality: which questions of a quiz are too easy, too hard, weak or
miskeyed, from learners' submitted final attempts. Never names a learner."""

from django import forms
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail.admin.widgets import AdminDateInput

from insights.filters import DateRangeForm
from insights.item_stats import FLAG_TEXT
from insights.menu import InsightsMenuItem
from insights.selectors.question_quality import QuestionRow, question_quality
from insights.tables import MIN_CELL, SUPPRESSED, Table, rounded
from insights.views.base import InsightsReportView
from quizzes.admin_views import quiz_permissions
from quizzes.choices import AttemptPurpose
from quizzes.models import Quiz
from training.canonical import english_locale_id, english_of
from training.models import TrainingModulePage

FIRST, ALL = "first", "all"
HEADINGS = [
    "No.",
    "Question",
    "Topic",
    "Attempts",
    "Facility (share right)",
    "Discrimination (upper-lower)",
    "Point-biserial",
    "Flags",
    "Times each choice was picked",
]
# One plain sentence per figure, on the page and in the export.
EXPLANATIONS = {
    "Attempts": "How many attempts answered the question: each learner's first "
    "attempt only, unless you chose all attempts.",
    "Facility": "The share of attempts that got the question right, from 0 "
    "(nobody) to 1 (everybody); between 0.3 and 0.9 is usual.",
    "Discrimination": "The share right among the best 27% of attempts by total "
    "score minus the share right among the weakest 27%: 0.3 or more is good, "
    "below 0.2 is weak, and below 0 means weaker learners did better.",
    "Point-biserial": "How closely getting this question right goes with a high "
    "total score, from -1 to 1: above 0.2 is usual for a sound question.",
    "Choices": "How many times each choice was ticked; the right answer is "
    "marked “(key)”.",
}


class QuestionQualityFilterForm(DateRangeForm):
    attempts = forms.ChoiceField(
        label="Attempts",
        choices=[(FIRST, "First attempt per learner"), (ALL, "All attempts")],
        initial=FIRST,
        # Optional so a link with dates only (or an export link) still reads.
        required=False,
    )
    start = forms.DateField(
        label="From", required=False, widget=AdminDateInput, help_text="Optional."
    )
    end = forms.DateField(
        label="To", required=False, widget=AdminDateInput, help_text="Optional."
    )


def _figure(value):
    return rounded(value, 2)


def question_cells(row: QuestionRow) -> list:
    """A question's row. Under MIN_CELL attempts only the count shows: a handful
    of answers is close to one learner's."""
    stats = row.stats
    if stats.attempts < MIN_CELL:
        figures = [SUPPRESSED] * 5 if stats.attempts else [None] * 5
    else:
        figures = [
            _figure(stats.facility),
            _figure(stats.discrimination),
            _figure(stats.point_biserial),
            "; ".join(FLAG_TEXT[flag] for flag in stats.flags) or "None",
            "; ".join(
                f"{choice.text}{' (key)' if choice.correct else ''}: {choice.picks}"
                for choice in row.choices
            ),
        ]
    return [row.number, row.prompt, row.topic, stats.attempts, *figures]


class QuestionQualityIndexView(InsightsReportView):
    page_title = "Question quality"
    header_icon = "help"
    template_name = "insights/question_quality_index.html"
    export_name = "question-quality-quizzes"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    @cached_property
    def quizzes(self) -> list[dict]:
        quizzes = (
            Quiz.objects.filter(locale_id=english_locale_id())
            .annotate(
                submitted=Count(
                    "attempts",
                    filter=Q(
                        attempts__submitted_at__isnull=False,
                        attempts__purpose=AttemptPurpose.FINAL,
                    ),
                )
            )
            .order_by("title")
        )
        uses: dict[int, list[str]] = {}
        modules = TrainingModulePage.objects.filter(
            locale_id=english_locale_id()
        ).values_list("title", "quiz_id", "pretest_id")
        for title, final, pretest in modules.order_by("title"):
            if final:
                uses.setdefault(final, []).append(f"Final quiz of {title}")
            if pretest:
                uses.setdefault(pretest, []).append(f"Pre-test of {title}")
        return [
            {
                "quiz": quiz,
                "use": "; ".join(uses.get(quiz.pk, [])) or "Not used by a module",
                "submitted": quiz.submitted,
                "url": reverse("insights_question_quality", args=[quiz.pk]),
            }
            for quiz in quizzes
        ]

    def get_table(self) -> Table:
        return Table(
            title="Quizzes",
            headings=["Quiz", "Used as", "Submitted final attempts"],
            rows=[
                [row["quiz"].title, row["use"], row["submitted"]]
                for row in self.quizzes
            ],
            notes=[
                "Anonymous attempts are deleted after 30 days; their answers "
                "still count in each quiz's question figures."
            ],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(quizzes=self.quizzes, **kwargs)


class QuestionQualityReportView(InsightsReportView):
    header_icon = "help"
    filter_form_class = QuestionQualityFilterForm
    template_name = "insights/question_quality.html"
    export_name = "question-quality"

    @cached_property
    def quiz(self) -> Quiz:
        # Figures belong to the English quiz, whatever version was asked for.
        return english_of(get_object_or_404(Quiz, pk=self.kwargs["quiz_id"]))

    def get_page_title(self):
        return f"Question quality: {self.quiz.title}"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("insights_question_quality_index"),
                "label": "Question quality",
            },
            {"url": "", "label": self.quiz.title},
        ]

    @cached_property
    def quality(self):
        values = self.filter_values
        return question_quality(
            quiz=self.quiz,
            first_try_only=values.get("attempts", FIRST) != ALL,
            start=values.get("start"),
            end=values.get("end"),
        )

    def get_table(self) -> Table:
        values = self.filter_values
        which = (
            "all submitted final attempts"
            if values.get("attempts") == ALL
            else "each learner's first submitted final attempt"
        )
        if values.get("start") or values.get("end"):
            start, end = values.get("start"), values.get("end")
            which += (
                f", submitted from {start:%d %B %Y}" if start else ", submitted"
            ) + (f" to {end:%d %B %Y}" if end else " on")
        return Table(
            title=f"Questions of {self.quiz.title}",
            headings=HEADINGS,
            rows=[question_cells(row) for row in self.quality.questions],
            notes=[f"Over {which}."]
            + list(EXPLANATIONS.values())
            + [
                f"A question answered by fewer than {MIN_CELL} attempts shows "
                f"only its count (“{SUPPRESSED}” in its figures)."
            ],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            quiz=self.quiz,
            min_cell=MIN_CELL,
            questions=[
                {"row": row, "cells": question_cells(row)}
                for row in (self.quality.questions if self.table else [])
            ],
            edit_url=reverse("wagtailsnippets_quizzes_quiz:edit", args=[self.quiz.pk])
            if quiz_permissions.user_has_permission(user, "change")
            else None,
        )
        return context


urlpatterns = [
    path(
        "insights/question-quality/",
        QuestionQualityIndexView.as_view(),
        name="insights_question_quality_index",
    ),
    path(
        "insights/question-quality/<int:quiz_id>/",
        QuestionQualityReportView.as_view(),
        name="insights_question_quality",
    ),
]


def menu_items():
    return [
        InsightsMenuItem(
            "Question quality",
            reverse("insights_question_quality_index"),
            icon_name="help",
            order=3,
        )
    ]
