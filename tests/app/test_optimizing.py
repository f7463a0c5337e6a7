"""Personal FSRS parameters: the fit on a learner's reviews, judged on their held-out
latest 20%, adopted only when better, then used by the scheduler; the "Optimize my
schedule" action and the nightly task (huey in immediate mode here; a real worker in
tests/app/test_queue.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from conftest import NOW, AuthActions, add_simulated_reviews, add_user
from flask import Flask
from flask.testing import FlaskClient
from fsrs import Scheduler
from fsrs.scheduler import DEFAULT_PARAMETERS
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.learning import optimizing
from quizapp.learning.optimizing import Metrics, NotEnoughReviewsError, ReviewRecord
from quizapp.learning.scheduling import scheduler_for
from quizapp.models import ScheduleFit, User
from quizapp.sources.queue import queue_for


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 3, 1, hour, tzinfo=UTC) + timedelta(days=day)


def test_a_review_is_predicted_only_a_day_or_more_after_the_card_s_previous_one() -> None:
    records = [
        ReviewRecord(1, at(0), 1),  # first review: history only
        ReviewRecord(1, at(0, 10), 3),  # the same day: a short-term step, history only
        ReviewRecord(1, at(2), 3),  # predicted from the two before
        ReviewRecord(2, at(1), 3),
        ReviewRecord(1, at(7), 1),
    ]
    items = optimizing.review_items(records)
    assert items == [
        (at(2), [(1, 0), (3, 0), (3, 2)]),
        (at(7), [(1, 0), (3, 0), (3, 2), (1, 5)]),
    ]


def test_days_between_reviews_are_counted_in_the_learner_s_time_zone() -> None:
    # 23:30 and 00:30 the next night in Tokyo are one day apart there, not in UTC.
    evening = datetime(2026, 3, 1, 14, 30, tzinfo=UTC)  # 23:30 in Tokyo
    records = [ReviewRecord(1, evening, 3), ReviewRecord(1, evening + timedelta(hours=1), 3)]
    assert optimizing.review_items(records, "UTC") == []
    assert optimizing.review_items(records, "Asia/Tokyo") == [
        (evening + timedelta(hours=1), [(3, 0), (3, 1)])
    ]


@pytest.mark.parametrize(
    ("after", "before", "better"),
    [
        (Metrics(0.30, 0.05), Metrics(0.31, 0.06), True),
        (Metrics(0.30, 0.06), Metrics(0.31, 0.06), True),  # equal RMSE, lower log loss
        (Metrics(0.31, 0.04), Metrics(0.31, 0.06), False),  # equal log loss
        (Metrics(0.30, 0.07), Metrics(0.31, 0.06), False),  # a worse RMSE
        (Metrics(0.32, 0.05), Metrics(0.31, 0.06), False),
    ],
)
def test_a_fit_is_better_only_with_a_lower_log_loss_and_no_higher_rmse(
    after: Metrics, before: Metrics, better: bool
) -> None:
    assert after.better_than(before) is better


@pytest.fixture
def learner(app: Flask, imported: int) -> int:
    return add_user(app, "fits@example.org")


def test_a_fit_on_a_forgetful_learner_predicts_their_latest_reviews_better(
    app: Flask, learner: int
) -> None:
    stored = add_simulated_reviews(app, learner, cards=100, days=60)
    with app.app_context():
        records = optimizing.learner_reviews(learner)
        result = optimizing.fit_parameters(records)
    assert result.reviews == stored == len(records)
    later = sorted(record.reviewed_at for record in records)[int(stored * 0.8)]
    assert result.test_items == sum(
        1 for when, _ in optimizing.review_items(records) if when >= later
    )
    assert result.train_items > result.test_items > 0
    assert result.after.log_loss < result.before.log_loss
    assert result.better
    # The fit is in the scheduler's format: 21 numbers within FSRS-6's bounds.
    assert len(result.parameters) == 21
    assert Scheduler(parameters=result.parameters).parameters == tuple(result.parameters)
    assert result.parameters != list(DEFAULT_PARAMETERS)


def test_reviews_that_leave_nothing_to_predict_are_not_enough() -> None:
    same_day = [ReviewRecord(card, at(0, 9), 3) for card in range(10)]
    with pytest.raises(NotEnoughReviewsError):
        optimizing.fit_parameters(same_day)


def test_optimize_below_the_minimum_says_how_many_reviews_are_missing_and_queues_nothing(
    app: Flask, client: FlaskClient, auth: AuthActions, imported: int
) -> None:
    user_id = auth.login_as_learner()
    add_simulated_reviews(app, user_id, cards=3, days=10)
    with app.app_context():
        reviews = optimizing.review_count(db.session.get(User, user_id))  # type: ignore[arg-type]
    page = client.get("/study").text
    assert "Optimizing needs at least 400 reviews" in page
    assert f"{400 - reviews} to go" in page
    assert 'id="optimize"' not in page
    response = client.post("/study/optimize")
    assert response.status_code == 400
    assert f"needs at least 400 reviews; you have {reviews}" in response.text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ScheduleFit)) == 0


def logged_in_learner_with_reviews(
    app: Flask,
    auth: AuthActions,
    *,
    minimum: int,
    cards: int,
    days: int,
    parameters: tuple[float, ...] | None = None,
) -> int:
    """A logged-in learner with simulated reviews, and the fits' minimum set. With
    ``parameters`` the learner's memory follows them and their schedule uses them."""
    app.config["OPTIMIZE_MIN_REVIEWS"] = minimum
    if parameters is None:
        user_id = auth.login_as_learner()
        add_simulated_reviews(app, user_id, cards=cards, days=days)
    else:
        user_id = auth.login_as_learner(fsrs_parameters=list(parameters))
        add_simulated_reviews(app, user_id, cards=cards, days=days, parameters=parameters)
    return user_id


def test_optimize_my_schedule_fits_shows_before_and_after_and_the_scheduler_uses_the_fit(
    app: Flask, client: FlaskClient, auth: AuthActions, imported: int
) -> None:
    user_id = logged_in_learner_with_reviews(app, auth, minimum=100, cards=100, days=60)
    assert 'id="optimize"' in client.get("/study").text

    response = client.post("/study/optimize")
    assert response.status_code == 302
    fit_url = response.headers["Location"]
    page = client.get(fit_url).text
    assert "done: finished" in page
    assert "your schedule uses it now" in page
    with app.app_context():
        fit = db.session.scalars(select(ScheduleFit)).one()
        user = db.session.get(User, user_id)
        assert user is not None
        assert fit.status == "done" and fit.adopted and fit.trigger == "request"
        assert fit.parameters_before is None
        assert fit.log_loss_after is not None and fit.log_loss_before is not None
        assert fit.log_loss_after < fit.log_loss_before
        assert f"{fit.log_loss_before:.4f}" in page and f"{fit.rmse_after:.4f}" in page
        assert user.fsrs_parameters == fit.parameters
        assert scheduler_for(user).parameters == tuple(fit.parameters or ())
    state = client.get(fit_url + "/status").get_json()
    assert state["status"] == "done" and state["adopted"] is True
    assert "your own FSRS parameters" in client.get("/study").text


def test_a_fit_that_is_not_better_keeps_the_parameters_in_use(
    app: Flask, client: FlaskClient, auth: AuthActions, imported: int
) -> None:
    # Too few reviews to learn from: the optimizer returns FSRS's defaults, which are
    # the learner's parameters too; the same predictions are not better ones.
    truth = tuple(DEFAULT_PARAMETERS)
    user_id = logged_in_learner_with_reviews(
        app, auth, minimum=1, cards=4, days=12, parameters=truth
    )
    client.post("/study/optimize")
    with app.app_context():
        fit = db.session.scalars(select(ScheduleFit)).one()
        user = db.session.get(User, user_id)
        assert user is not None
        assert fit.status == "done" and not fit.adopted
        assert fit.log_loss_after == fit.log_loss_before
        assert fit.parameters_before == list(truth)
        assert user.fsrs_parameters == list(truth)
    assert "those stay" in client.get(f"/study/fits/{fit.id}").text


def test_another_learner_s_fit_is_not_found(
    app: Flask, client: FlaskClient, auth: AuthActions, learner: int
) -> None:
    with app.app_context():
        fit = ScheduleFit(user_id=learner, trigger="request", created_at=NOW)
        db.session.add(fit)
        db.session.commit()
        fit_id = fit.id
    auth.login_as_learner("other@example.org")
    assert client.get(f"/study/fits/{fit_id}").status_code == 404
    assert client.get(f"/study/fits/{fit_id}/status").status_code == 404


def test_optimize_while_a_fit_is_queued_shows_that_fit_instead_of_queueing_another(
    app: Flask, client: FlaskClient, auth: AuthActions, imported: int
) -> None:
    user_id = logged_in_learner_with_reviews(app, auth, minimum=1, cards=3, days=5)
    with app.app_context():
        queued = ScheduleFit(user_id=user_id, trigger="nightly", created_at=datetime.now(UTC))
        db.session.add(queued)
        db.session.commit()
        queued_id = queued.id
    response = client.post("/study/optimize")
    assert response.headers["Location"] == f"/study/fits/{queued_id}"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ScheduleFit)) == 1


def test_the_nightly_task_fits_learners_with_enough_new_reviews_once(
    app: Flask, imported: int
) -> None:
    app.config.update(OPTIMIZE_MIN_REVIEWS=100, OPTIMIZE_NIGHTLY_NEW_REVIEWS=50)
    ready = add_user(app, "ready@example.org")
    few = add_user(app, "few@example.org")
    add_simulated_reviews(app, ready, cards=100, days=60)
    add_simulated_reviews(app, few, cards=3, days=10)
    queue_for(app)
    nightly = app.extensions["quizapp.queue.tasks"]["nightly-fits"]
    nightly()
    with app.app_context():
        fits = db.session.scalars(select(ScheduleFit)).all()
        assert [(fit.user_id, fit.trigger, fit.status) for fit in fits] == [
            (ready, "nightly", "done")
        ]
        assert db.session.get(User, ready).fsrs_parameters == fits[0].parameters  # type: ignore[union-attr]
    nightly()  # no new reviews since: no second fit
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ScheduleFit)) == 1


def test_the_nightly_task_runs_at_the_configured_hour(app: Flask) -> None:
    huey = queue_for(app)

    def due(hour: int, minute: int) -> list[str]:
        return [task.name for task in huey.read_periodic(datetime(2026, 3, 1, hour, minute))]

    assert due(3, 0) == ["nightly-fits"]
    assert due(4, 0) == due(3, 1) == []
    app.config["OPTIMIZE_NIGHTLY_HOUR"] = 22
    del app.extensions["quizapp.queue"]
    huey = queue_for(app)
    assert due(22, 0) == ["nightly-fits"]


def test_a_fit_left_running_past_an_hour_is_failed_and_the_learner_fitted_again(
    app: Flask, learner: int
) -> None:
    add_simulated_reviews(app, learner, cards=100, days=60)
    now = datetime.now(UTC)
    with app.app_context():
        lost = ScheduleFit(
            user_id=learner,
            trigger="request",
            status="running",
            created_at=now - timedelta(hours=2),
        )
        db.session.add(lost)
        db.session.commit()
        created = optimizing.queue_nightly_fits(now=now, minimum=100, new_reviews=50)
        db.session.refresh(lost)
        assert lost.status == "failed" and "stopped" in lost.message
        assert len(created) == 1
        assert optimizing.run_fit(created[0], now=lambda: now) == "done"
        assert optimizing.run_fit(created[0], now=lambda: now) == "gone"
