"""Charts drawn on the server as SVG by pygal, shown as images.

pygal's SVG carries a small script for tooltips and would fetch more from a
CDN; js=[] stops the fetch, and showing the SVG as an <img> (a data: URI, which
the admin's CSP allows for images) means no script in it ever runs. Every chart
sits next to a table of the same figures, which is what a screen reader reads.
"""

import base64
import re
from dataclasses import dataclass

import pygal
from pygal.style import Style

# Wagtail's admin palette, with enough contrast between neighbouring series.
CHART_STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#262626",
    foreground_strong="#262626",
    foreground_subtle="#5c5c5c",
    colors=("#007d7e", "#2e1f5e", "#cd4444", "#e9b04d", "#5c5c5c", "#4a90e2"),
    font_family="sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    title_font_size=16,
    value_font_size=12,
)


@dataclass(frozen=True)
class Chart:
    src: str  # a data: URI of the SVG
    alt: str  # what the chart shows, in a sentence


# The tooltip configuration pygal writes: dead weight in an image, so dropped.
SCRIPT_RE = re.compile(r"<script.*?</script>", re.DOTALL)


def _data_uri(svg: str) -> str:
    svg = SCRIPT_RE.sub("", svg)
    encoded = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"


def bar_chart(
    *, title: str, labels: list[str], series: dict[str, list], stacked: bool = False
) -> Chart:
    """Bars per label, one colour per series; `alt` says what it shows."""
    kind = pygal.StackedBar if stacked else pygal.Bar
    chart = kind(
        style=CHART_STYLE,
        js=[],
        disable_xml_declaration=True,
        width=900,
        height=360,
        x_label_rotation=30 if len(labels) > 6 else 0,
        legend_at_bottom=True,
        print_values=False,
        show_y_guides=True,
        truncate_label=-1,
        truncate_legend=-1,
        title=title,
    )
    chart.x_labels = labels
    for name, values in series.items():
        chart.add(name, [value or 0 for value in values])
    alt = f"{title}: a bar chart of {', '.join(series)} by {len(labels)} groups. "
    alt += "The table below gives the same figures."
    return Chart(src=_data_uri(chart.render(is_unicode=True)), alt=alt)
