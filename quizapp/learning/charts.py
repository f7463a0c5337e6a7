"""Server-side SVG charts: readable without JavaScript, styled by ``static/quizapp.css``.

Every value that reaches the markup goes through ``markupsafe`` (section names come
from documents), and every chart carries a ``<title>`` and ``<desc>`` for screen readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from markupsafe import Markup

__all__ = ["due_forecast_chart", "heatmap_chart", "mastery_chart", "retention_chart"]

WIDTH = 640
BAR_AREA = 160
CELL = 12


def _svg(chart_id: str, title: str, desc: str, width: int, height: int, body: str) -> Markup:
    return (
        Markup(
            '<svg id="{id}" class="chart" viewBox="0 0 {w} {h}" width="100%" role="img" '
            'aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">'
            '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        ).format(id=chart_id, w=width, h=height, title=title, desc=desc)
        + Markup(body)
        + Markup("</svg>")
    )


def _text(x: float, y: float, text: str, css: str = "label", anchor: str = "start") -> str:
    return str(
        Markup('<text x="{:.1f}" y="{:.1f}" class="{}" text-anchor="{}">{}</text>').format(
            x, y, css, anchor, text
        )
    )


def due_forecast_chart(days: Sequence[tuple[date, int]]) -> Markup:
    """Bars of cards due per day, today first."""
    peak = max((count for _, count in days), default=0) or 1
    step = (WIDTH - 40) / max(len(days), 1)
    parts = []
    for i, (day, count) in enumerate(days):
        height = BAR_AREA * count / peak
        x = 30 + i * step
        y = 20 + BAR_AREA - height
        parts.append(
            str(
                Markup(
                    '<rect class="bar" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}">'
                    "<title>{}: {} due</title></rect>"
                ).format(x, y, step * 0.8, height, day.isoformat(), count)
            )
        )
        if count:
            parts.append(_text(x + step * 0.4, y - 3, str(count), "value", "middle"))
        if i % 7 == 0:
            parts.append(_text(x, 20 + BAR_AREA + 16, day.strftime("%d %b"), "label"))
    total = sum(count for _, count in days)
    desc = f"{total} reviews due over the next {len(days)} days; at most {peak} on one day."
    return _svg("chart-forecast", "Reviews due per day", desc, WIDTH, BAR_AREA + 50, "".join(parts))


def heatmap_chart(counts: dict[date, int], *, today: date, weeks: int = 26) -> Markup:
    """A calendar of answers per day: one column per week, Monday at the top."""
    first = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    peak = max(counts.values(), default=0) or 1
    parts = []
    for offset in range((today - first).days + 1):
        day = first + timedelta(days=offset)
        count = counts.get(day, 0)
        level = 0 if count == 0 else 1 + min(3, int(3 * count / peak))
        x = 30 + (offset // 7) * (CELL + 2)
        y = 20 + day.weekday() * (CELL + 2)
        parts.append(
            str(
                Markup(
                    '<rect class="heat heat-{}" x="{}" y="{}" width="{}" height="{}">'
                    "<title>{}: {} answers</title></rect>"
                ).format(level, x, y, CELL, CELL, day.isoformat(), count)
            )
        )
    for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri")):
        parts.append(_text(0, 20 + row * (CELL + 2) + CELL - 2, name))
    days_active = sum(1 for day, count in counts.items() if count and day >= first)
    desc = f"Answers on {days_active} of the last {weeks * 7} days."
    width = 30 + weeks * (CELL + 2)
    return _svg(
        "chart-heatmap", "Answers per day", desc, width, 20 + 7 * (CELL + 2) + 6, "".join(parts)
    )


def retention_chart(
    weeks: Sequence[tuple[date, float | None, int]],
    *,
    chart_id: str = "chart-retention",
    title: str = "True retention per week",
) -> Markup:
    """True retention per week as bars from 0 to 100%."""
    step = (WIDTH - 60) / max(len(weeks), 1)
    parts = [_text(0, 24, "100%"), _text(0, 20 + BAR_AREA, "0%")]
    for i, (monday, retention, count) in enumerate(weeks):
        x = 40 + i * step
        label = monday.strftime("%d %b")
        if retention is None:
            parts.append(_text(x + step * 0.4, 20 + BAR_AREA - 4, "–", "value", "middle"))
        else:
            height = BAR_AREA * retention
            parts.append(
                str(
                    Markup(
                        '<rect class="bar bar-retention" x="{:.1f}" y="{:.1f}" width="{:.1f}" '
                        'height="{:.1f}"><title>Week of {}: {:.0%} of {} reviews recalled'
                        "</title></rect>"
                    ).format(x, 20 + BAR_AREA - height, step * 0.8, height, label, retention, count)
                )
            )
            parts.append(
                _text(
                    x + step * 0.4,
                    20 + BAR_AREA - height - 3,
                    f"{retention:.0%}",
                    "value",
                    "middle",
                )
            )
        if i % 2 == 0:
            parts.append(_text(x, 20 + BAR_AREA + 16, label))
    measured = [retention for _, retention, _ in weeks if retention is not None]
    desc = (
        f"Average true retention {sum(measured) / len(measured):.0%} over {len(measured)} weeks."
        if measured
        else "No reviews of learned cards yet."
    )
    return _svg(chart_id, title, desc, WIDTH, BAR_AREA + 50, "".join(parts))


def mastery_chart(sections: Sequence[tuple[str, int, int]]) -> Markup:
    """One horizontal bar per section: the share of its questions mastered."""
    row = 26
    parts = []
    for i, (section, mastered, total) in enumerate(sections):
        y = 10 + i * row
        share = mastered / total if total else 0.0
        name = section if len(section) <= 48 else section[:47] + "…"
        parts.append(_text(0, y + 13, name or "(untitled)"))
        parts.append(
            str(
                Markup(
                    '<rect class="track" x="330" y="{}" width="240" height="16"></rect>'
                    '<rect class="bar" x="330" y="{}" width="{:.1f}" height="16">'
                    "<title>{}: {} of {} mastered</title></rect>"
                ).format(y, y, 240 * share, section, mastered, total)
            )
        )
        parts.append(_text(578, y + 13, f"{mastered}/{total}", "value"))
    mastered_all = sum(mastered for _, mastered, _ in sections)
    total_all = sum(total for _, _, total in sections)
    desc = f"{mastered_all} of {total_all} questions mastered across {len(sections)} sections."
    height = 20 + max(len(sections), 1) * row
    return _svg("chart-mastery", "Mastery per section", desc, WIDTH, height, "".join(parts))
