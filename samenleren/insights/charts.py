"""Bar charts as server-rendered SVG: no JavaScript, no inline styles (CSP), readable on a phone.

Each bar has its label on a line above it and its value after it, so long school names never
squeeze the bars. Colours come from classes in insights.css. The SVG is decoration for sighted
readers: the same figures are in the table under it, which screen readers read instead.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from .selectors.tables import Table

WIDTH = 640
LABEL_HEIGHT = 18
BAR_HEIGHT = 16
GAP = 10
VALUE_SPACE = 70
MAX_BARS = 40


def bar_chart(table: Table, *, chart_id: str) -> SafeString:
    bars = table.bars()[:MAX_BARS]
    if not bars or all(bar.value == 0 for bar in bars):
        return SafeString("")
    largest = max(bar.value for bar in bars) or 1
    step = LABEL_HEIGHT + BAR_HEIGHT + GAP
    height = step * len(bars)
    usable = WIDTH - VALUE_SPACE
    parts = []
    for index, bar in enumerate(bars):
        top = index * step
        length = round(usable * bar.value / largest, 1) if bar.value else 0
        parts.append(
            (
                top + LABEL_HEIGHT - 5,
                bar.label,
                top + LABEL_HEIGHT,
                max(length, 1 if bar.value else 0),
                "bar bar-hidden" if bar.hidden else "bar",
                length + 6,
                top + LABEL_HEIGHT + BAR_HEIGHT - 3,
                bar.text,
            )
        )
    body = format_html_join(
        "",
        '<text class="chart-label" x="0" y="{}">{}</text>'
        '<rect class="{}" x="0" y="{}" width="{}" height="' + str(BAR_HEIGHT) + '"></rect>'
        '<text class="chart-value" x="{}" y="{}">{}</text>',
        (
            (label_y, label, css, bar_y, length, value_x, value_y, text)
            for label_y, label, bar_y, length, css, value_x, value_y, text in parts
        ),
    )
    return format_html(
        '<svg class="chart" id="{}" viewBox="0 0 {} {}" width="100%" role="presentation" '
        'aria-hidden="true" focusable="false" preserveAspectRatio="xMinYMin meet">{}</svg>',
        chart_id,
        WIDTH,
        height,
        body,
    )
