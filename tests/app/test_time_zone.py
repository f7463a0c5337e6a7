"""The learner's time zone decides when their day starts: daily limits, the streak, one
form of a fact a day, the days the stats charts count. Stored times stay UTC."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from conftest import NOW, add_user, get_user, record
from flask import Flask
from flask.testing import FlaskClient
from fsrs import State
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.learning.scheduling import (
    day_start,
    next_day_start,
    next_item,
    session_status,
    streak,
)
from quizapp.learning.stats import due_forecast, learner_charts, review_heatmap, weekly_retention
from quizapp.models import Card, Review, User


def test_a_day_starts_at_midnight_in_the_zone() -> None:
    # 2024-03-04 09:00 UTC is 22:00 in Auckland (UTC+13) and 18:00 in Tokyo (UTC+9).
    assert day_start(NOW, "Pacific/Auckland") == datetime(2024, 3, 3, 11, 0, tzinfo=UTC)
    assert day_start(NOW, "Asia/Tokyo") == datetime(2024, 3, 3, 15, 0, tzinfo=UTC)
    assert day_start(NOW, "America/New_York") == datetime(2024, 3, 4, 5, 0, tzinfo=UTC)
    assert day_start(NOW, "Not/A_Zone") == day_start(NOW) == datetime(2024, 3, 4, tzinfo=UTC)
    # The day the clocks go forward in New York has 23 hours.
    spring = datetime(2024, 3, 10, 12, 0, tzinfo=UTC)
    assert next_day_start(spring, "America/New_York") - day_start(
        spring, "America/New_York"
    ) == timedelta(hours=23)


def _answer_first(user: User, now: datetime) -> None:
    item = next_item(user, now)
    assert item is not None
    record(user, item.question, "8 November 2020", now=now, version=item.version)
    db.session.commit()


def test_new_facts_a_day_and_the_streak_follow_the_learner_s_midnight(
    app: Flask, imported: int
) -> None:
    add_user(app, "nz@example.org", new_per_day=1, time_zone="Pacific/Auckland")
    add_user(app, "utc@example.org", new_per_day=1)
    after_midnight_in_auckland = NOW + timedelta(hours=2, minutes=30)  # 00:30 there
    with app.app_context():
        for email in ("nz@example.org", "utc@example.org"):
            _answer_first(get_user(email), NOW)
        nz, utc = get_user("nz@example.org"), get_user("utc@example.org")
        assert session_status(nz, NOW).new == 0 and session_status(utc, NOW).new == 0
        # Auckland's new day has begun: a new fact again; in UTC it is the same day.
        assert session_status(nz, after_midnight_in_auckland).new == 1
        assert session_status(utc, after_midnight_in_auckland).new == 0
        assert streak(nz, after_midnight_in_auckland) == 1  # yesterday's answer, there
        _answer_first(nz, after_midnight_in_auckland)
        assert streak(nz, after_midnight_in_auckland) == 2
        # Stored times stay UTC.
        times = db.session.scalars(select(Review.reviewed_at).where(Review.user_id == nz.id))
        assert sorted(times) == [NOW, after_midnight_in_auckland]


def _settings_fields(page: str) -> dict[str, str]:
    return {
        "desired_retention": "0.90",
        "new_per_day": "10",
        "reviews_per_day": "200",
        "date_order": "day_first",
    }


def test_the_time_zone_is_chosen_in_settings(app: Flask, client: FlaskClient, auth) -> None:
    user_id = auth.login_as_learner()
    page = client.get("/settings").text
    assert '<option selected value="UTC">UTC</option>' in page
    assert 'value="Europe/Paris"' in page
    fields = _settings_fields(page)
    response = client.post("/settings", data={**fields, "time_zone": "Europe/Paris"})
    assert response.status_code == 302
    bad = client.post("/settings", data={**fields, "time_zone": "Mars/Olympus_Mons"})
    assert bad.status_code == 400 and "Not a valid choice" in bad.text
    with app.app_context():
        assert db.session.get(User, user_id).time_zone == "Europe/Paris"
    assert re.search(r'<option selected value="Europe/Paris">', client.get("/settings").text)


def test_sign_up_takes_the_browser_s_zone_else_utc(app: Flask, client: FlaskClient) -> None:
    form = {"password": "a long enough password", "confirm": "a long enough password"}
    client.post("/signup", data={**form, "email": "b@example.org", "time_zone": "Asia/Tokyo"})
    client.post("/signup", data={**form, "email": "c@example.org", "time_zone": "Nowhere"})
    client.post("/signup", data={**form, "email": "d@example.org"})
    with app.app_context():
        zones = dict(db.session.execute(select(User.email, User.time_zone)).all())
    assert zones == {
        "b@example.org": "Asia/Tokyo",
        "c@example.org": "UTC",
        "d@example.org": "UTC",
    }


def test_the_stats_charts_count_the_learner_s_days(app: Flask, imported: int) -> None:
    """Around midnight in Auckland (UTC+13): two answers at 05:00 on Monday 4 March and
    one at 00:30 on Tuesday there are on Sunday and Monday in UTC. The heatmap, the
    weekly retention and the due forecast count Auckland's days for a learner there and
    UTC's for one in UTC."""
    monday_morning = datetime(2024, 3, 3, 16, 0, tzinfo=UTC)
    past_midnight = datetime(2024, 3, 4, 11, 30, tzinfo=UTC)
    now = past_midnight + timedelta(minutes=30)  # Tuesday 01:00 there, Monday noon in UTC
    # Due at 23:30 on Tuesday and at 00:30 on Wednesday in Auckland; Tuesday both in UTC.
    dues = [datetime(2024, 3, 5, 10, 30, tzinfo=UTC), datetime(2024, 3, 5, 11, 30, tzinfo=UTC)]
    add_user(app, "nz@example.org", time_zone="Pacific/Auckland")
    add_user(app, "utc@example.org")
    with app.app_context():
        for email in ("nz@example.org", "utc@example.org"):
            user = get_user(email)
            for moment in (monday_morning, monday_morning, past_midnight):
                _answer_first(user, moment)
            cards = db.session.scalars(
                select(Card).where(Card.user_id == user.id).order_by(Card.id)
            ).all()
            assert len(cards) == 2
            for card, due in zip(cards, dues, strict=True):
                card.due = due
        # Every answer counts as a review of a learned fact for the retention chart.
        for review in db.session.scalars(select(Review)):
            review.state_before = int(State.Review)
        db.session.commit()
        nz, utc = get_user("nz@example.org"), get_user("utc@example.org")

        assert review_heatmap(nz, now) == {date(2024, 3, 4): 2, date(2024, 3, 5): 1}
        assert review_heatmap(utc, now) == {date(2024, 3, 3): 2, date(2024, 3, 4): 1}
        assert due_forecast(nz, now, days=3) == [
            (date(2024, 3, 5), 1),
            (date(2024, 3, 6), 1),
            (date(2024, 3, 7), 0),
        ]
        assert due_forecast(utc, now, days=3) == [
            (date(2024, 3, 4), 0),
            (date(2024, 3, 5), 2),
            (date(2024, 3, 6), 0),
        ]
        weeks = [(monday, count) for monday, _, count in weekly_retention(nz, now, weeks=2)]
        assert weeks == [(date(2024, 2, 26), 0), (date(2024, 3, 4), 3)]
        weeks = [(monday, count) for monday, _, count in weekly_retention(utc, now, weeks=2)]
        assert weeks == [(date(2024, 2, 26), 2), (date(2024, 3, 4), 1)]

        heatmap = str(learner_charts(nz, now)["heatmap"])
        assert "2024-03-04: 2 answers" in heatmap and "2024-03-05: 1 answers" in heatmap
        assert "2024-03-06" not in heatmap  # Auckland's today is the last day drawn
        heatmap = str(learner_charts(utc, now)["heatmap"])
        assert "2024-03-03: 2 answers" in heatmap and "2024-03-04: 1 answers" in heatmap
        assert "2024-03-05" not in heatmap
        forecast = str(learner_charts(nz, now)["forecast"])
        assert "<title>2024-03-05: 1 due</title>" in forecast
