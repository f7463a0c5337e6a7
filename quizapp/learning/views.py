"""The learner's pages: dashboard, the daily quiz, the document view and statistics."""

from __future__ import annotations

import time
from datetime import datetime
from typing import TypeVar

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required
from fsrs import Rating, Scheduler
from sqlalchemy import select
from werkzeug.wrappers import Response

from quizapp.extensions import db
from quizapp.learning import answering, hints, optimizing, stats, study
from quizapp.learning.forms import (
    AnswerForm,
    JoinClassForm,
    RatingForm,
    StudyChoiceForm,
    StudyMoreForm,
)
from quizapp.learning.scheduling import (
    StaleAnswerError,
    next_item,
    override_rating,
    scheduler_for,
    session_status,
    streak,
    today,
)
from quizapp.learning.scoring import MAX_DURATION_MS
from quizapp.models import (
    MAX_ID,
    Assignment,
    AssignmentAttempt,
    Question,
    Review,
    ScheduleFit,
    Source,
    User,
    utcnow,
)
from quizapp.platform.forms import ConfirmForm, require_confirmation
from quizapp.platform.redirects import safe_next
from quizapp.sources import audience, passages, queue
from quizapp.teaching import assignments, classes, curation
from quizapp.teaching import review as teaching_review
from quizapp.teaching.curation import AskedQuestion

bp = Blueprint("learner", __name__)


@bp.before_request
@login_required
def require_login() -> None:
    """Every learner page needs a logged-in user."""


def _scheduler() -> Scheduler:
    return scheduler_for(current_user, enable_fuzzing=current_app.config["FSRS_FUZZING"])


@bp.route("/")
def dashboard() -> str:
    now = utcnow()
    return render_template(
        "learning/dashboard.html",
        status=session_status(current_user, now),
        streak=streak(current_user, now),
        sources=passages.sources_overview(current_user),
        assignments=assignments.learner_assignments(current_user, now),
    )


# "Study more": extra new facts and review ahead, for the learner's current day only.
_STUDY_MORE = "study_more"
EXTRA_NEW = 10


def _study_more(now: datetime) -> tuple[int, bool]:
    """The extra new facts and review ahead the learner asked for today."""
    more = session.get(_STUDY_MORE)
    day = today(current_user, now).isoformat()
    if not isinstance(more, dict) or more.get("day") != day:
        return 0, False
    return int(more.get("new", 0)), bool(more.get("ahead", False))


@bp.route("/quiz")
def quiz() -> str:
    now = utcnow()
    extra_new, ahead = _study_more(now)
    item = next_item(current_user, now, extra_new=extra_new, ahead=ahead)
    status = session_status(current_user, now, extra_new=extra_new)
    if item is None:
        return render_template(
            "learning/summary.html",
            status=status,
            results=stats.todays_results(current_user, now),
            streak=streak(current_user, now),
            more_form=StudyMoreForm(formdata=None),
        )
    form = AnswerForm(
        question_id=str(item.question.id),
        card_version=str(item.version),
        shown_at=str(int(time.time() * 1000)),
    )
    return _question_page(item.question, form, status=status, is_new=item.card is None)


@bp.route("/quiz/more", methods=["POST"])
def study_more() -> Response:
    """The day's queue is done: add new facts beyond the daily limit, or review ahead."""
    form = StudyMoreForm()
    if not form.validate_on_submit():
        abort(400, "Choose new facts or review ahead.")
    now = utcnow()
    extra_new, ahead = _study_more(now)
    if form.more.data == "new":
        extra_new += EXTRA_NEW
    else:
        ahead = True
    day = today(current_user, now).isoformat()
    session[_STUDY_MORE] = {"day": day, "new": extra_new, "ahead": ahead}
    return redirect(url_for("learner.quiz"))


@bp.route("/study")
def study_page() -> str:
    """The sources the learner may study, with their choice about each."""
    return _study_page()


def _study_page(errors: dict[int, list[str]] | None = None) -> str:
    entries = study.study_sources(current_user)
    forms = {
        entry.source.id: StudyChoiceForm(
            formdata=None, studying=entry.studying, new_per_day=entry.new_per_day
        )
        for entry in entries
    }
    return render_template(
        "learning/study.html",
        entries=entries,
        forms=forms,
        errors=errors or {},
        schedule=_schedule_context(),
    )


def _schedule_context() -> dict[str, object]:
    """What the Study page says about the learner's FSRS parameters."""
    return {
        "reviews": optimizing.review_count(current_user),
        "minimum": optimizing.minimum_reviews(current_app),
        "personal": bool(current_user.fsrs_parameters),
        "latest": optimizing.latest_fit(current_user),
        "form": ConfirmForm(),
    }


@bp.route("/study/optimize", methods=["POST"])
def optimize_schedule() -> Response | tuple[str, int]:
    """ "Optimize my schedule": queue a fit of the learner's FSRS parameters and show it."""
    require_confirmation()
    minimum = optimizing.minimum_reviews(current_app)
    try:
        fit, created = optimizing.request_fit(current_user, now=utcnow(), minimum=minimum)
    except optimizing.NotEnoughReviewsError as error:
        db.session.rollback()
        flash(str(error), "error")
        return _study_page(), 400
    db.session.commit()
    if created:
        queue.start_fit(current_app._get_current_object(), fit)  # type: ignore[attr-defined]
    return redirect(url_for("learner.schedule_fit", fit_id=fit.id))


@bp.route("/study/fits/<int:fit_id>")
def schedule_fit(fit_id: int) -> str:
    fit = _own(ScheduleFit, fit_id)
    return render_template("learning/fit.html", fit=fit)


@bp.route("/study/fits/<int:fit_id>/status")
def schedule_fit_status(fit_id: int) -> Response:
    response = jsonify(optimizing.fit_state(_own(ScheduleFit, fit_id)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/study/<int:source_id>", methods=["POST"])
def choose_source(source_id: int) -> Response | tuple[str, int]:
    found = db.session.get(Source, source_id)
    if found is None:
        abort(404)
    form = StudyChoiceForm()
    if not form.validate_on_submit():
        errors = [error for field in form for error in field.errors]
        return _study_page({source_id: errors}), 400
    try:
        study.choose_source(
            current_user,
            found,
            studying=bool(form.studying.data),
            new_per_day=form.new_per_day.data,
            now=utcnow(),
        )
    except study.NotOpenError:
        abort(404)
    db.session.commit()
    flash(f"Saved your choice for {found.title}.", "success")
    return redirect(url_for("learner.study_page"))


def _question_page(
    question: Question | AskedQuestion, form: AnswerForm, *, status: object, is_new: bool
) -> str:
    # A teacher's own version never changes the answer: the hint reads the row's.
    row = question.question if isinstance(question, AskedQuestion) else question
    return render_template(
        "learning/quiz.html",
        question=question,
        form=form,
        status=status,
        is_new=is_new,
        hint=hints.answer_hint(row, also=study.studied_source_ids(current_user)),
        document_title=_document_title(row),
    )


def _document_title(question: Question) -> str:
    """The title of the question's document (its column alone: the row holds the text)."""
    return str(db.session.scalar(select(Source.title).where(Source.id == question.source_id)))


@bp.route("/quiz/answer", methods=["POST"])
def answer() -> Response | tuple[str, int]:
    form = AnswerForm()
    user = current_user._get_current_object()  # the proxy costs a lookup per attribute
    question_id, now = _int(form.question_id.data), utcnow()
    try:
        if not form.validate_on_submit():
            asked, _card = answering.asked_question(user, question_id, now=now)
            page = _question_page(asked, form, status=session_status(user, now), is_new=False)
            return page, 400
        outcome = _answer_from(form, user, question_id, now)
    except answering.QuestionNotAskedError:
        # The same answer whether the question does not exist or is not the user's: 400.
        abort(400, "The answer does not belong to any question you are asked; reload the quiz.")
    except answering.InvalidAnswerError as error:
        form.answer.errors = [_invalid_answer_message(error)]
        page = _question_page(error.question, form, status=session_status(user, now), is_new=False)
        return page, 400
    except StaleAnswerError:
        flash("That question was already answered elsewhere; here is the next one.", "info")
        return redirect(url_for("learner.quiz"))
    review_id = outcome.review.id  # read before the commit expires it: saves a query
    _settle(outcome)
    return redirect(url_for("learner.result", review_id=review_id))


def _answer_from(
    form: AnswerForm,
    user: User,
    question_id: int,
    now: datetime,
    attempt: AssignmentAttempt | None = None,
) -> answering.AnswerOutcome:
    """The answer form's answer, graded and recorded by the one answer function (in the
    daily quiz, or in ``attempt``)."""
    return answering.answer_question(
        user,
        question_id,
        _given_answer(form),
        card_version=_int(form.card_version.data),
        duration_ms=_duration_ms(form.shown_at.data),
        scheduler=scheduler_for(user, enable_fuzzing=current_app.config["FSRS_FUZZING"]),
        now=now,
        attempt=attempt,
    )


def _settle(outcome: answering.AnswerOutcome) -> None:
    """Commit a new answer; a duplicate wrote nothing, so its transaction just ends."""
    if outcome.duplicate:
        db.session.rollback()
    else:
        db.session.commit()


def _given_answer(form: AnswerForm) -> str:
    """The answer as the answer function takes it; for an order question (its form has a
    ``position_<i>`` select per event) the item indices, earliest first, or "" when two
    events share a place or a place is out of range."""
    positions: dict[int, int] = {}
    for key, value in request.form.items():
        if key.startswith("position_"):
            positions[_int(key.removeprefix("position_"))] = _int(value)
    if not positions:
        return (form.answer.data or "").strip()
    count = len(positions)
    places = sorted(positions.values())
    if places != list(range(1, count + 1)) or sorted(positions) != list(range(count)):
        return ""
    return ",".join(str(index) for index, _ in sorted(positions.items(), key=lambda kv: kv[1]))


def _invalid_answer_message(error: answering.InvalidAnswerError) -> str:
    if error.order_items is not None:
        return f"Give each event a different position from 1 to {error.order_items}."
    return str(error)


def _int(value: str | None, *, default: int = -1) -> int:
    """The form field as an id-sized int (a database INTEGER), else ``default``."""
    try:
        number = int(value or "")
    except ValueError:
        return default
    return number if -MAX_ID - 1 <= number <= MAX_ID else default


def _duration_ms(shown_at: str | None) -> int | None:
    try:
        shown = int(shown_at or "")  # milliseconds since the epoch: not an id-sized int
    except ValueError:
        return None
    if shown < 0:
        return None
    elapsed = int(time.time() * 1000) - shown
    return elapsed if 0 <= elapsed <= MAX_DURATION_MS else None


_Mine = TypeVar("_Mine", Review, ScheduleFit)


def _own(model: type[_Mine], row_id: int) -> _Mine:
    """The learner's own review or fit: another learner's is not found (404), so its
    existence does not leak."""
    row = db.session.get(model, row_id)
    if row is None or row.user_id != current_user.id:
        abort(404)
    return row


@bp.route("/quiz/result/<int:review_id>")
def result(review_id: int) -> str:
    review = _own(Review, review_id)
    question = review.question
    form = RatingForm(rating=str(review.rating))
    now = utcnow()
    # An assignment's answer shows what its review options show now, under the
    # assignment's progress; a daily-quiz answer shows everything.
    linked = assignments.answer_for_review(review)
    attempt = linked.attempt if linked is not None else None
    shown = teaching_review.shown(attempt.assignment, attempt, now) if attempt else None
    return render_template(
        "learning/result.html",
        review=review,
        question=answering.asked_for_review(review),
        form=form,
        evidence=passages.evidence_for(question) if shown is None or shown.passage else [],
        can_override=review.card.reps == review.card_version + 1,
        status=session_status(current_user, now),
        shown=shown,
        attempt=attempt,
        progress=assignments.attempt_progress(attempt) if attempt else None,
        next_url=safe_next(request.args.get("next")),
    )


@bp.route("/quiz/result/<int:review_id>/rating", methods=["POST"])
def change_rating(review_id: int) -> Response:
    review = _own(Review, review_id)
    form = RatingForm()
    if not form.validate_on_submit():
        abort(400, "Choose a rating from 1 (Again) to 4 (Easy).")
    if override_rating(review, Rating(int(form.rating.data or 3)), scheduler=_scheduler()):
        db.session.commit()
        flash(f"Rating set to {Rating(review.rating).name}.", "success")
    else:
        flash("This card was reviewed again since; its rating can no longer change.", "info")
    return redirect(url_for("learner.result", review_id=review.id))


@bp.route("/sources/<int:source_id>")
def source(source_id: int) -> str:
    found = db.session.get(Source, source_id)
    if found is None or not audience.may_see_source(current_user, found):
        abort(404)
    view = passages.document_view(found)
    teaches = audience.may_teach(current_user) and audience.may_teach_from(current_user, found)
    return render_template(
        "learning/source.html",
        view=view,
        teaches=teaches,
        curates=audience.is_curator(current_user, found),
    )


@bp.route("/stats")
def statistics() -> str:
    now = utcnow()
    return render_template(
        "learning/stats.html",
        charts=stats.learner_charts(current_user, now),
        streak=streak(current_user, now),
    )


# --- classes and assignments ---------------------------------------------------------


@bp.route("/classes")
def my_classes() -> str:
    return render_template(
        "learning/classes.html", classes=classes.learner_classes(current_user), form=JoinClassForm()
    )


@bp.route("/classes/join", methods=["POST"])
def join_class() -> Response | tuple[str, int]:
    form = JoinClassForm()
    if form.validate_on_submit():
        try:
            school_class, added = classes.join_class(
                current_user, form.code.data or "", now=utcnow()
            )
        except classes.UnknownJoinCodeError:
            form.code.errors = ["No class has this code; check it with your teacher."]
        except classes.OwnClassError:
            form.code.errors = ["You teach this class."]
        else:
            db.session.commit()
            verb = "You joined" if added else "You are already in"
            flash(f"{verb} {school_class.name}.", "success")
            return redirect(url_for("learner.my_classes"))
    page = render_template(
        "learning/classes.html", classes=classes.learner_classes(current_user), form=form
    )
    return page, 400


@bp.route("/join/<code>")
def join_link(code: str) -> str:
    """A teacher's join link: shows the class and asks to confirm (GET changes nothing)."""
    school_class = classes.class_by_code(code)
    if school_class is None:
        abort(404, "No class has this join code; ask your teacher for a new link.")
    return render_template(
        "learning/join.html",
        school_class=school_class,
        form=JoinClassForm(code=school_class.join_code),
        member=classes.is_member(school_class, current_user),
    )


def _my_assignment(assignment_id: int) -> Assignment:
    assignment = assignments.learner_assignment(assignment_id, current_user)
    if assignment is None:
        abort(404)
    return assignment


def _assignment_question_page(
    attempt: AssignmentAttempt, question: AskedQuestion, form: AnswerForm
) -> str:
    return render_template(
        "learning/quiz.html",
        question=question,
        form=form,
        is_new=False,
        hint=hints.answer_hint(question.question, also=study.studied_source_ids(current_user)),
        document_title=_document_title(question.question),
        attempt=attempt,
        progress=assignments.attempt_progress(attempt),
        answer_url=url_for("learner.answer_assignment", attempt_id=attempt.id),
    )


@bp.route("/assignments/<int:assignment_id>")
def assignment(assignment_id: int) -> str:
    assignment = _my_assignment(assignment_id)
    now = utcnow()
    status = assignments.assignment_status(assignment, current_user, now)
    if status.current is not None and assignments.settle_attempt(status.current, now=now):
        # Its last questions were retired meanwhile: the attempt is complete.
        db.session.commit()
        status = assignments.assignment_status(assignment, current_user, now)
    attempt = status.current
    question = assignments.next_question(attempt) if attempt else None
    if attempt is None or question is None:
        return render_template("learning/assignment.html", status=status, form=ConfirmForm())
    form = AnswerForm(
        question_id=str(question.id),
        card_version=str(assignments.card_version(current_user, question)),
        shown_at=str(int(time.time() * 1000)),
    )
    asked = curation.asked_in_set(question, attempt.assignment.question_set)
    return _assignment_question_page(attempt, asked, form)


@bp.route("/assignments/<int:assignment_id>/attempts", methods=["POST"])
def start_attempt(assignment_id: int) -> Response:
    assignment = _my_assignment(assignment_id)
    require_confirmation()
    try:
        assignments.start_attempt(assignment, current_user, now=utcnow())
    except assignments.AssignmentError as error:
        flash(str(error), "info")
    else:
        db.session.commit()
    return redirect(url_for("learner.assignment", assignment_id=assignment_id))


@bp.route("/attempts/<int:attempt_id>/answer", methods=["POST"])
def answer_assignment(attempt_id: int) -> Response | tuple[str, int]:
    attempt = db.session.get(AssignmentAttempt, attempt_id)
    if attempt is None or attempt.user_id != current_user.id:
        abort(404)
    _my_assignment(attempt.assignment_id)  # a learner taken out of the class: 404
    user = current_user._get_current_object()
    back = url_for("learner.assignment", assignment_id=attempt.assignment_id)
    form = AnswerForm()
    question_id, now = _int(form.question_id.data), utcnow()
    try:
        if not form.validate_on_submit():
            asked, _card = answering.asked_question(user, question_id, now=now, attempt=attempt)
            return _assignment_question_page(attempt, asked, form), 400
        outcome = _answer_from(form, user, question_id, now, attempt)
    except answering.QuestionNotAskedError:
        abort(400, "The answer does not belong to any question of this assignment; reload it.")
    except answering.InvalidAnswerError as error:
        form.answer.errors = [_invalid_answer_message(error)]
        return _assignment_question_page(attempt, error.question, form), 400
    except StaleAnswerError:
        flash("That question was answered elsewhere meanwhile; answer it again here.", "info")
        return redirect(back)
    except assignments.AssignmentError as error:
        flash(str(error), "info")
        return redirect(back)
    review_id = outcome.review.id
    _settle(outcome)
    return redirect(url_for("learner.result", review_id=review_id, next=back))
