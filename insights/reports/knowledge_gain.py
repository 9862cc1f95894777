"""Knowledge gain per module: paired pre-test and final quiz, overall and by topic."""

from django import forms
from django.urls import path, reverse
from django.utils.functional import cached_property

from insights.charts import bar_chart
from insights.filters import DateRangeForm
from insights.menu import InsightsMenuItem
from insights.selectors.knowledge_gain import Gain, knowledge_gain
from insights.selectors.reach import day_range
from insights.tables import MIN_CELL, SUPPRESSED, Table, rounded
from insights.views.base import InsightsReportView
from quizzes.choices import Topic
from training.models import TrainingModulePage

HEADINGS = [
    "Module",
    "Topic",
    "Paired learners",
    "Mean pre-test (%)",
    "Mean final quiz (%)",
    "Mean gain (points)",
    "Normalised gain",
]
NOT_DEFINED = "not defined (pre-test mean was 100%)"


class KnowledgeGainFilterForm(DateRangeForm):
    module = forms.ModelChoiceField(
        label="Module",
        required=False,
        empty_label="All modules with a pre-test",
        queryset=TrainingModulePage.objects.filter(
            pretest__isnull=False, locale__language_code="en"
        ).order_by("title"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "start"
        ].help_text = "Counts learners whose final quiz fell in range."


def gain_cells(gain: Gain) -> list:
    """Counts under 5 hide every figure of the row, not only the count."""
    if gain.learners < MIN_CELL:
        return [SUPPRESSED] * 5
    normalised = gain.normalised_gain
    return [
        gain.learners,
        rounded(gain.pre),
        rounded(gain.post),
        rounded(gain.mean_gain),
        NOT_DEFINED if normalised is None else rounded(normalised, 2),
    ]


class KnowledgeGainReportView(InsightsReportView):
    page_title = "Knowledge gain"
    header_icon = "success"
    filter_form_class = KnowledgeGainFilterForm
    template_name = "insights/knowledge_gain.html"
    export_name = "knowledge-gain"

    @cached_property
    def gains(self):
        values = self.filter_values
        since, until = day_range(values["start"], values["end"])
        module = values.get("module")
        return knowledge_gain(
            since=since, until=until, module_ids=[module.pk] if module else None
        )

    def get_table(self) -> Table:
        topics = dict(Topic.choices)
        rows = []
        for module in self.gains:
            rows.append([module.title, "All topics"] + gain_cells(module.overall))
            for topic, gain in module.by_topic.items():
                rows.append([module.title, topics.get(topic, topic)] + gain_cells(gain))
        return Table(
            title="Knowledge gain",
            headings=HEADINGS,
            rows=rows,
            notes=[
                "Paired: learners who took the module's pre-test and then its "
                "final quiz; each side is their first attempt.",
                "Normalised gain = (mean final - mean pre-test) / (100 - mean "
                "pre-test): the share of what was left to learn that was learned.",
                "By topic: the share of that topic's answers that were right.",
                f"A row over fewer than 5 learners shows “{SUPPRESSED}”.",
                "Anonymous sessions count too: when their records are deleted "
                "after 30 days, their two scores are kept without the session.",
            ],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shown = [
            module
            for module in (self.gains if self.table is not None else [])
            if module.overall.learners >= MIN_CELL
        ]
        if shown:
            context["chart"] = bar_chart(
                title="Mean score before and after, paired learners (%)",
                labels=[module.title for module in shown],
                series={
                    "Pre-test": [module.overall.pre for module in shown],
                    "Final quiz": [module.overall.post for module in shown],
                },
            )
        return context


urlpatterns = [
    path(
        "insights/knowledge-gain/",
        KnowledgeGainReportView.as_view(),
        name="insights_knowledge_gain",
    ),
]


def menu_items():
    return [
        InsightsMenuItem(
            "Knowledge gain",
            reverse("insights_knowledge_gain"),
            icon_name="success",
            order=2,
        )
    ]
