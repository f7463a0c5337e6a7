"""Numbers behind the learner's progress pages, and the charts drawn from them.

Days are the learner's: a chart counts an answer or a due date on the calendar day it
falls on in the learner's time zone (``user.time_zone``), as their "today" does, while
every stored time stays UTC.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fsrs import Rating, State
from markupsafe import Markup
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.learning import charts
from quizapp.learning.scheduling import local_date, midnight, today
from quizapp.models import Card, Question, Review, User

__all__ = [
    "MASTERED_STABILITY_DAYS",
    "TodaysResults",
    "due_forecast",
    "learner_charts",
    "recall_by_week",
    "review_heatmap",
    "section_mastery",
    "todays_results",
    "week_window",
    "weekly_retention",
]

MASTERED_STABILITY_DAYS = 21.0


@dataclass(frozen=True)
class TodaysResults:
    answered: int
    right: int
    partial: int
    wrong: int
    overridden: int


def todays_results(user: User, now: datetime) -> TodaysResults:
    """How today's answers went (today in the learner's time zone)."""
    reviews = db.session.scalars(
        select(Review).where(Review.user_id == user.id, Review.reviewed_at >= today(user, now))
    ).all()
    return TodaysResults(
        answered=len(reviews),
        right=sum(1 for review in reviews if review.correct),
        partial=sum(1 for review in reviews if 0 < review.score < 1),
        wrong=sum(1 for review in reviews if review.score <= 0),
        overridden=sum(1 for review in reviews if review.override),
    )


def due_forecast(user: User, now: datetime, days: int = 30) -> list[tuple[date, int]]:
    """Cards falling due on each of the learner's next ``days`` days (overdue ones today)."""
    first = local_date(now, user.time_zone)
    end = midnight(first + timedelta(days=days), user.time_zone)
    dues = db.session.scalars(
        select(Card.due).where(
            Card.user_id == user.id,
            Card.fact.in_(select(Question.fact).where(Question.retired.is_(False))),
            Card.due < end,
        )
    )
    counts = Counter(max(local_date(due, user.time_zone), first) for due in dues)
    return [
        (first + timedelta(days=i), counts.get(first + timedelta(days=i), 0)) for i in range(days)
    ]


def review_heatmap(user: User, now: datetime, weeks: int = 26) -> dict[date, int]:
    """Answers per day (the learner's days) over the last ``weeks`` weeks."""
    since = today(user, now) - timedelta(weeks=weeks)
    times = db.session.scalars(
        select(Review.reviewed_at).where(Review.user_id == user.id, Review.reviewed_at >= since)
    )
    return dict(Counter(local_date(moment, user.time_zone) for moment in times))


def weekly_retention(
    user: User, now: datetime, weeks: int = 12
) -> list[tuple[date, float | None, int]]:
    """True retention per week: the share of reviews of cards already in the Review state
    (not learning) that were recalled (rated Hard or better).

    Returns:
        ``(monday, retention or None when there were no such reviews, count)`` per week,
        oldest first.
    """
    first, since = week_window(now, weeks, user.time_zone)
    rows = db.session.execute(
        select(Review.reviewed_at, Review.rating).where(
            Review.user_id == user.id,
            Review.reviewed_at >= since,
            Review.state_before == int(State.Review),
        )
    ).all()
    return recall_by_week(rows, first, weeks, user.time_zone)


def week_window(now: datetime, weeks: int, zone: str = "UTC") -> tuple[date, datetime]:
    """The Monday that starts the first of the last ``weeks`` weeks (this week the
    last) in the time zone ``zone``, and the moment that Monday starts."""
    day = local_date(now, zone)
    first = day - timedelta(days=day.weekday()) - timedelta(weeks=weeks - 1)
    return first, midnight(first, zone)


def recall_by_week(
    reviews: Iterable[tuple[datetime, int]], first: date, weeks: int, zone: str = "UTC"
) -> list[tuple[date, float | None, int]]:
    """Per week from the Monday ``first``: the share of ``(reviewed_at, rating)`` rated
    Hard or better, and how many there were, weeks counted in the time zone ``zone``.

    Returns:
        ``(monday, share or None when there were none, count)`` per week, oldest first.
    """
    total: Counter[date] = Counter()
    recalled: Counter[date] = Counter()
    for moment, rating in reviews:
        day = local_date(moment, zone)
        monday = day - timedelta(days=day.weekday())
        total[monday] += 1
        recalled[monday] += rating >= int(Rating.Hard)
    mondays = (first + timedelta(weeks=week) for week in range(weeks))
    return [
        (monday, recalled[monday] / total[monday] if total[monday] else None, total[monday])
        for monday in mondays
    ]


def section_mastery(user: User) -> list[tuple[str, int, int]]:
    """Per section: facts mastered (in review with stability of at least
    :data:`MASTERED_STABILITY_DAYS` days) and facts in all."""
    questions = db.session.execute(
        select(Question.fact, Question.section).where(Question.retired.is_(False)).distinct()
    ).all()
    mastered_ids = set(
        db.session.scalars(
            select(Card.fact).where(
                Card.user_id == user.id,
                Card.state == int(State.Review),
                Card.stability >= MASTERED_STABILITY_DAYS,
            )
        )
    )
    totals: dict[str, int] = {}
    mastered: Counter[str] = Counter()
    for fact, section in questions:
        totals[section] = totals.get(section, 0) + 1
        mastered[section] += fact in mastered_ids
    return [(section, mastered[section], count) for section, count in totals.items()]


def learner_charts(user: User, now: datetime) -> dict[str, Markup]:
    """The stats page's SVG charts, keyed by name."""
    return {
        "forecast": charts.due_forecast_chart(due_forecast(user, now)),
        "heatmap": charts.heatmap_chart(
            review_heatmap(user, now), today=local_date(now, user.time_zone)
        ),
        "retention": charts.retention_chart(weekly_retention(user, now)),
        "mastery": charts.mastery_chart(section_mastery(user)),
    }
