"""Server-side SVG charts for the admin home (no JavaScript, no outside requests)."""

from django.utils.html import escape

# Colour per series; each has at least 3:1 contrast on white (WCAG 1.4.11 graphics).
SERIES_COLOURS = {
    "open": "#1d5b8f",
    "accepted": "#2e6b30",
    "referred_out": "#8a5300",
    "closed": "#5f5f5f",
}


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
    left, right, top, bottom = 36, 8, 12, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([w["total"] for w in weeks] + [1])
    scale_max = _nice_ceiling(peak)
    slot = plot_w / max(len(weeks), 1)
    bar_w = slot * 0.7
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="staff-chart" role="img" aria-labelledby="chart-title chart-desc">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(_describe(weeks))}</desc>',
    ]
    for tick in (0, scale_max // 2, scale_max):
        y = top + plot_h - plot_h * tick / scale_max
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#d0d0d0" stroke-width="1"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#333">{tick}</text>'
        )
    for i, week in enumerate(weeks):
        x = left + i * slot + (slot - bar_w) / 2
        y_base = top + plot_h
        for key, label in series:
            n = week["counts"].get(key, 0)
            if not n:
                continue
            h = plot_h * n / scale_max
            y_base -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y_base:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{SERIES_COLOURS.get(key, "#444")}">'
                f"<title>{escape(label)}: {n} (week of {week['week_start']:%b %-d})</title></rect>"
            )
        if i % 2 == 0 or len(weeks) <= 6:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 14}" text-anchor="middle" '
                f'font-size="11" fill="#333">{week["week_start"]:%b %-d}</text>'
            )
    legend_x = left
    for key, label in series:
        parts.append(
            f'<rect x="{legend_x}" y="{height - 16}" width="10" height="10" '
            f'fill="{SERIES_COLOURS.get(key, "#444")}"/>'
            f'<text x="{legend_x + 14}" y="{height - 7}" font-size="11" fill="#333">'
            f"{escape(label)}</text>"
        )
        legend_x += 24 + 7 * len(label)
    parts.append("</svg>")
    return "".join(parts)


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
