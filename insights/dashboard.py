"""The figures on the Wagtail admin's home page for trainers and reviewers.
Every figure links to the report it comes from, with the same dates."""

from urllib.parse import urlencode

from django.urls import reverse
from wagtail.admin.ui.components import Component

from insights.charts import bar_chart
from insights.selectors.dashboard import Month, dashboard, live_training


def reach_url(month: Month) -> str:
    query = {"start": month.start.isoformat(), "end": month.end.isoformat()}
    return f"{reverse('insights_reach')}?{urlencode(query | {'breakdown': 'audience'})}"


def certificates_url(month: Month) -> str:
    query = {
        "issued_at_after": month.start.isoformat(),
        "issued_at_before": month.end.isoformat(),
    }
    return f"{reverse('certificate_report')}?{urlencode(query)}"


class InsightsPanel(Component):
    name = "insights"
    template_name = "insights/dashboard_panel.html"
    order = 50

    def __init__(self, *, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        figures = dashboard()
        months = [figures.this_month, figures.last_month]
        rows = []
        for name in figures.audiences:
            cells = []
            for month in months:
                figure = figures.by_audience.get(name, {}).get(month.start)
                url = reach_url(month)
                cells += [
                    (figure.started if figure else 0, url),
                    (figure.finished if figure else 0, url),
                ]
            rows.append({"audience": name, "cells": cells})
        chart = bar_chart(
            title="Completions per month, by audience",
            labels=[f"{month.start:%b %Y}" for month in figures.chart_months],
            series=figures.chart or {"No completions yet": [0] * 12},
            stacked=True,
        )
        return {
            "figures": figures,
            "months": [
                {
                    "month": month,
                    "reach_url": reach_url(month),
                    "certificates_url": certificates_url(month),
                    "certificates": figures.certificates.get(month.start, 0),
                }
                for month in months
            ],
            "rows": rows,
            "chart": chart,
            "chart_rows": [
                (month, [figures.chart[name][index] for name in figures.chart])
                for index, month in enumerate(figures.chart_months)
            ],
            "chart_audiences": list(figures.chart),
            "expiring_url": reverse("certificate_report")
            + "?status=valid&ordering=expires_on",
            "quality_url": reverse("insights_question_quality_index"),
            "live": live_training(),
            "requests_url": reverse("organisations_training_requests"),
            "sessions_url": reverse("live_sessions:index"),
        }
