"""A horizontal bar chart as server-rendered SVG (no JavaScript), with the minimum marked.
The page shows the same figures in a table for screen readers and keyboard users."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    target: int
    y: int
    width: float
    target_x: float
    reached: bool


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]
    height: int
    label_width: int = 0
    plot_width: int = 0


ROW = 34
LABEL = 260
PLOT = 420


def bar_chart(rows: list[tuple[str, int, int]], *, title: str) -> Chart:
    scale_max = max([max(value, target) for _label, value, target in rows] or [1]) or 1
    bars = [
        Bar(
            label=label if len(label) <= 38 else label[:36] + "…",
            value=value,
            target=target,
            y=index * ROW + 8,
            width=round(PLOT * value / scale_max, 1),
            target_x=round(LABEL + PLOT * target / scale_max, 1),
            reached=value >= target,
        )
        for index, (label, value, target) in enumerate(rows)
    ]
    return Chart(title, bars, len(rows) * ROW + 16, LABEL, PLOT)
