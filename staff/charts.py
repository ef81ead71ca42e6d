"""Server-side SVG charts for the admin home (no JavaScript, no outside requests).

This module works out the geometry (plain numbers and labels); the markup is the template
`admin/includes/stacked_bar_chart.svg`, autoescaped like every other template.
"""

from django.template.loader import render_to_string

# Colour per series; each has at least 3:1 contrast on white (WCAG 1.4.11 graphics).
SERIES_COLOURS = {
    "open": "#1d5b8f",
    "accepted": "#2e6b30",
    "referred_out": "#8a5300",
    "closed": "#5f5f5f",
}
OTHER_COLOUR = "#444"


def stacked_bar_svg(
    *,
    weeks: list[dict],
    series: list[tuple[str, str]],
    title: str,
    width: int = 640,
    height: int = 240,
) -> str:
    """A stacked bar per week. `weeks`: [{"week_start": date, "counts": {key: n}, "total": n}].

    `series`: [(key, label)] bottom to top. Returns SVG markup with a title and description
    for screen readers (the page also shows the same numbers as a table).
    """
    chart = stacked_bar_chart(weeks=weeks, series=series, title=title, width=width, height=height)
    return render_to_string("admin/includes/stacked_bar_chart.svg", {"chart": chart})


def stacked_bar_chart(
    *, weeks: list[dict], series: list[tuple[str, str]], title: str, width: int, height: int
) -> dict:
    """The chart's geometry: grid lines, one stack of rectangles per week, the legend."""
    left, right, top, bottom = 36, 8, 12, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    scale_max = _nice_ceiling(max([w["total"] for w in weeks] + [1]))
    slot = plot_w / max(len(weeks), 1)
    bar_w = slot * 0.7
    ticks = []
    for tick in (0, scale_max // 2, scale_max):
        y = top + plot_h - plot_h * tick / scale_max
        ticks.append({"value": tick, "y": _n(y), "text_y": _n(y + 4)})
    bars = []
    for i, week in enumerate(weeks):
        x = left + i * slot + (slot - bar_w) / 2
        y_base = top + plot_h
        rects = []
        for key, label in series:
            n = week["counts"].get(key, 0)
            if not n:
                continue
            h = plot_h * n / scale_max
            y_base -= h
            rects.append(
                {
                    "x": _n(x),
                    "y": _n(y_base),
                    "width": _n(bar_w),
                    "height": _n(h),
                    "colour": SERIES_COLOURS.get(key, OTHER_COLOUR),
                    "tooltip": f"{label}: {n} (week of {week['week_start']:%b %-d})",
                }
            )
        show_label = i % 2 == 0 or len(weeks) <= 6
        bars.append(
            {
                "rects": rects,
                "label": f"{week['week_start']:%b %-d}" if show_label else "",
                "label_x": _n(x + bar_w / 2),
            }
        )
    legend, legend_x = [], left
    for key, label in series:
        legend.append(
            {
                "x": legend_x,
                "text_x": legend_x + 14,
                "colour": SERIES_COLOURS.get(key, OTHER_COLOUR),
                "label": label,
            }
        )
        legend_x += 24 + 7 * len(label)
    return {
        "width": width,
        "height": height,
        "title": title,
        "description": _describe(weeks),
        "left": left,
        "grid_right": width - right,
        "tick_x": left - 4,
        "ticks": ticks,
        "bars": bars,
        "label_y": top + plot_h + 14,
        "legend": legend,
        "legend_y": height - 16,
        "legend_text_y": height - 7,
    }


def _n(value: float) -> str:
    """A coordinate with one decimal, as SVG attributes take it (never localised)."""
    return f"{value:.1f}"


def _nice_ceiling(n: int) -> int:
    """A round axis maximum at or above n (2, 4, 10, 20, 50, 100, ...), always even."""
    for step in (2, 4, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000):
        if n <= step:
            return step
    magnitude = 10 ** (len(str(n)) - 1)
    return ((n // magnitude) + 1) * magnitude


def _describe(weeks: list[dict]) -> str:
    if not weeks:
        return "No data."
    total = sum(w["total"] for w in weeks)
    busiest = max(weeks, key=lambda w: w["total"])
    return (
        f"{total} inquiries over {len(weeks)} weeks; the busiest week began "
        f"{busiest['week_start']:%B %-d} with {busiest['total']}."
    )
