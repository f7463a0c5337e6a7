"""The teacher's pages: classes, question sets, question edits, assignments, results.

Every page needs a teacher's (or an administrator's) account. A class, set or assignment
of another teacher is 403; one that does not exist is 404. A question's page is open to
its source's curators (the owner, administrators), who edit and retire it for everyone,
and to the teachers of a source for everyone, who save their own version for their
sets; anyone else gets 404 (:mod:`quizapp.sources.audience`).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from quizapp.accounts.users import teacher_may_reset
from quizapp.extensions import db
from quizapp.models import (
    MAX_ID,
    Assignment,
    Question,
    QuestionSet,
    SchoolClass,
    Source,
    User,
    utcnow,
)
from quizapp.platform import timezones
from quizapp.platform.forms import ConfirmForm, require_confirmation
from quizapp.platform.ownership import owned_or_403, require_teacher
from quizapp.platform.redirects import safe_next
from quizapp.sources import audience, passages
from quizapp.teaching import (
    assignments,
    classes,
    curation,
    gradebook,
    question_sets,
    regrading,
    results,
)
from quizapp.teaching.forms import (
    AnswerKeyForm,
    AssignmentForm,
    ClassForm,
    ClassSourceForm,
    ClassTimeZoneForm,
    MoveItemForm,
    OverrideForm,
    QuestionEditForm,
    QuestionFilterForm,
    QuestionSetForm,
)

bp = Blueprint("teacher", __name__, url_prefix="/teach")
# Every page needs a logged-in teacher (or administrator).
bp.before_request(login_required(require_teacher))


def local_now(zone: str) -> datetime:
    """The wall-clock time now in ``zone`` (naive, as a form's field holds it)."""
    return timezones.local_time(utcnow(), zone)


def _own_class(class_id: int) -> SchoolClass:
    return owned_or_403(
        SchoolClass, class_id, lambda c: c.teacher_id, "This class belongs to another teacher."
    )


def _own_set(set_id: int) -> QuestionSet:
    return owned_or_403(
        QuestionSet, set_id, lambda s: s.owner_id, "This question set belongs to another teacher."
    )


def _own_assignment(assignment_id: int) -> Assignment:
    return owned_or_403(
        Assignment,
        assignment_id,
        lambda a: a.school_class.teacher_id,
        "This assignment belongs to another teacher's class.",
    )


@bp.route("/")
def dashboard() -> str:
    return render_template(
        "teaching/dashboard.html",
        classes=classes.teacher_classes(current_user),
        sets=question_sets.owner_sets(current_user),
    )


# --- classes -----------------------------------------------------------------------


@bp.route("/classes/new", methods=["GET", "POST"])
def new_class() -> str | Response:
    form = ClassForm()
    if request.method == "GET":
        form.timezone.data = current_user.time_zone  # the teacher's by default
    if form.validate_on_submit():
        school_class = classes.create_class(
            current_user, form.name.data or "", now=utcnow(), timezone=form.timezone.data
        )
        db.session.commit()
        flash(f"Class created. Its join code is {school_class.join_code}.", "success")
        return redirect(url_for("teacher.class_detail", class_id=school_class.id))
    return render_template("teaching/class_form.html", form=form)


def _class_source_form(school_class: SchoolClass) -> ClassSourceForm:
    form = ClassSourceForm()
    given = {source.id for source in classes.class_sources(school_class)}
    form.source_id.choices = [
        (source.id, source.title)
        for source in audience.teachable_sources(current_user)
        if source.id not in given
    ]
    return form


@bp.route("/classes/<int:class_id>")
def class_detail(class_id: int) -> str:
    school_class = _own_class(class_id)
    now = utcnow()
    learners = classes.roster(school_class)
    return render_template(
        "teaching/class.html",
        school_class=school_class,
        documents=classes.class_sources(school_class),
        give=_class_source_form(school_class),
        learners=learners,
        resettable={learner.id for learner in learners if teacher_may_reset(learner)},
        grades={
            assignment.id: results.assignment_grades(assignment, now)
            for assignment in school_class.assignments
        },
        retention=results.class_retention_chart(school_class, now),
        zone_form=ClassTimeZoneForm(timezone=school_class.timezone),
        form=ConfirmForm(),
        now=now,
    )


@bp.route("/classes/<int:class_id>/timezone", methods=["POST"])
def class_timezone(class_id: int) -> Response:
    school_class = _own_class(class_id)
    form = ClassTimeZoneForm()
    if not form.validate_on_submit():
        abort(400, "Choose a time zone from the list.")
    school_class.timezone = form.timezone.data or school_class.timezone
    db.session.commit()
    flash(
        f"{school_class.name}'s dates are now shown in {school_class.timezone}; "
        "the moments they name did not move.",
        "success",
    )
    return redirect(url_for("teacher.class_detail", class_id=class_id))


@bp.route("/classes/<int:class_id>/members/<int:user_id>/remove", methods=["POST"])
def remove_member(class_id: int, user_id: int) -> Response:
    school_class = _own_class(class_id)
    require_confirmation()
    if not classes.remove_member(school_class, user_id):
        abort(404, "This learner is not in the class.")
    db.session.commit()
    flash("The learner was removed from the class; their answers are kept.", "info")
    return redirect(url_for("teacher.class_detail", class_id=class_id))


@bp.route("/classes/<int:class_id>/code", methods=["POST"])
def new_join_code(class_id: int) -> Response:
    school_class = _own_class(class_id)
    require_confirmation()
    code = classes.new_join_code(school_class)
    db.session.commit()
    flash(f"New join code: {code}. The old code and link no longer work.", "success")
    return redirect(url_for("teacher.class_detail", class_id=class_id))


@bp.route("/classes/<int:class_id>/sources", methods=["POST"])
def give_source(class_id: int) -> Response:
    school_class = _own_class(class_id)
    form = _class_source_form(school_class)
    if not form.validate_on_submit():
        abort(400, "Choose one of your documents, or a document for everyone.")
    source = db.get_or_404(Source, form.source_id.data)
    classes.give_source(school_class, source, current_user, now=utcnow())
    db.session.commit()
    flash(f"{school_class.name} now studies {source.title}.", "success")
    return redirect(url_for("teacher.class_detail", class_id=class_id) + "#class-documents")


@bp.route("/classes/<int:class_id>/sources/<int:source_id>/remove", methods=["POST"])
def take_back_source(class_id: int, source_id: int) -> Response:
    school_class = _own_class(class_id)
    require_confirmation()
    if not classes.take_back_source(school_class, source_id):
        abort(404, "The class was not given this document.")
    db.session.commit()
    flash("The class no longer gets this document; the learners' answers are kept.", "info")
    return redirect(url_for("teacher.class_detail", class_id=class_id) + "#class-documents")


@bp.route("/classes/<int:class_id>/assign", methods=["GET", "POST"])
def assign(class_id: int) -> str | Response:
    school_class = _own_class(class_id)
    form = AssignmentForm()
    form.set_id.choices = [
        (question_set.id, f"{question_set.name} ({count} questions)")
        for question_set, count in question_sets.owner_sets(current_user)
    ]
    zone = school_class.timezone
    form.opens_at.label.text = f"Opens ({zone})"
    form.due_at.label.text = f"Due ({zone})"
    if form.validate_on_submit():
        question_set = _own_set(form.set_id.data or 0)
        try:
            # Typed as the class's clocks read; stored in UTC.
            opens_at = timezones.to_utc(form.opens_at.data or local_now(zone), zone)
            due_at = timezones.to_utc(form.due_at.data or local_now(zone), zone)
            assignments.create_assignment(
                school_class,
                question_set,
                opens_at=opens_at,
                due_at=due_at,
                max_attempts=form.max_attempts.data or 0,
                now=utcnow(),
                show_score=form.show_score.data or "",
                show_answer=form.show_answer.data or "",
                show_passage=form.show_passage.data or "",
                grading=form.grading.data or "",
            )
        except ValueError as error:  # also a time the class's clocks skip
            form.due_at.errors = [f"Check the dates: {error}."]
        else:
            db.session.commit()
            flash(f"{question_set.name} assigned to {school_class.name}.", "success")
            return redirect(url_for("teacher.class_detail", class_id=class_id))
    return render_template("teaching/assign.html", form=form, school_class=school_class)


# --- question sets -----------------------------------------------------------------


def _source_choices() -> list[tuple[int, str]]:
    return [(source.id, source.title) for source in audience.teachable_sources(current_user)]


@bp.route("/sets/new", methods=["GET", "POST"])
def new_set() -> str | Response:
    form = QuestionSetForm()
    form.source_id.choices = _source_choices()
    if form.validate_on_submit():
        # The choices hold only the documents the teacher may teach from.
        source = db.get_or_404(Source, form.source_id.data)
        question_set = question_sets.create_set(
            current_user, source, form.name.data or "", form.description.data or "", now=utcnow()
        )
        db.session.commit()
        flash("Set created. Now pick its questions.", "success")
        return redirect(url_for("teacher.build_set", set_id=question_set.id))
    return render_template("teaching/set_form.html", form=form, question_set=None)


@bp.route("/sets/<int:set_id>")
def question_set(set_id: int) -> str:
    question_set = _own_set(set_id)
    own = curation.teacher_edits(
        [item.question_id for item in question_set.items], question_set.owner_id
    )
    return render_template(
        "teaching/set.html",
        question_set=question_set,
        asked={
            item.question_id: curation.as_asked(item.question, own.get(item.question_id))
            for item in question_set.items
        },
        form=ConfirmForm(),
        move=MoveItemForm(),
    )


@bp.route("/sets/<int:set_id>/edit", methods=["GET", "POST"])
def edit_set(set_id: int) -> str | Response:
    question_set = _own_set(set_id)
    form = QuestionSetForm(obj=question_set)
    del form.source_id  # fixed once the set exists: its questions come from it
    if form.validate_on_submit():
        question_sets.update_set(
            question_set, form.name.data or "", form.description.data or "", now=utcnow()
        )
        db.session.commit()
        flash("Set saved.", "success")
        return redirect(url_for("teacher.question_set", set_id=set_id))
    return render_template("teaching/set_form.html", form=form, question_set=question_set)


def _question_filter(form: QuestionFilterForm) -> question_sets.QuestionFilter:
    def number(value: object) -> float | None:
        return None if value is None else float(str(value))

    return question_sets.QuestionFilter(
        section=form.section.data or None,
        kind=form.kind.data or None,
        date_from=form.date_from.value,
        date_to=form.date_to.value,
        difficulty_min=number(form.difficulty_min.data),
        difficulty_max=number(form.difficulty_max.data),
        disputed={"yes": True, "no": False}.get(form.disputed.data or ""),
        text=form.text.data or "",
    )


def _extensible_set(set_id: int) -> QuestionSet:
    """The teacher's set, when its document is one they may still teach from (a set made
    earlier from another teacher's upload keeps its questions, and gets no more)."""
    question_set = _own_set(set_id)
    if not audience.may_teach_from(current_user, question_set.source):
        abort(403, "This set's document is another teacher's: its questions stay, no more come.")
    return question_set


@bp.route("/sets/<int:set_id>/build")
def build_set(set_id: int) -> str:
    question_set = _extensible_set(set_id)
    form = QuestionFilterForm(request.args)
    form.date_from.day_first = form.date_to.day_first = current_user.day_first
    form.section.choices = [("", "any")] + [
        (section, section) for section in question_sets.source_sections(question_set.source_id)
    ]
    found = (
        question_sets.filter_questions(question_set.source_id, _question_filter(form))
        if form.validate()
        else []
    )
    return render_template(
        "teaching/build.html",
        question_set=question_set,
        filters=form,
        found=found,
        in_set={item.question_id for item in question_set.items},
        evidence={question.id: passages.evidence_for(question)[0] for question in found},
        form=ConfirmForm(),
    )


def _ids(values: list[str]) -> list[int]:
    # ASCII digits only ("¹".isdigit() is true), and no more than an INTEGER id holds.
    return [
        int(value)
        for value in values
        if value.isascii() and value.isdigit() and int(value) <= MAX_ID
    ]


@bp.route("/sets/<int:set_id>/questions", methods=["POST"])
def add_questions(set_id: int) -> Response:
    question_set = _extensible_set(set_id)
    require_confirmation()
    added = question_sets.add_questions(
        question_set, _ids(request.form.getlist("question_id")), now=utcnow()
    )
    db.session.commit()
    flash(f"{added} question{'' if added == 1 else 's'} added to {question_set.name}.", "success")
    back = safe_next(request.form.get("next"))
    return redirect(back or url_for("teacher.question_set", set_id=set_id))


@bp.route("/sets/<int:set_id>/questions/<int:question_id>/remove", methods=["POST"])
def remove_question(set_id: int, question_id: int) -> Response:
    question_set = _own_set(set_id)
    require_confirmation()
    if not question_sets.remove_question(question_set, question_id, now=utcnow()):
        abort(404, "This question is not in the set.")
    db.session.commit()
    flash("Question removed from the set.", "info")
    back = safe_next(request.form.get("next"))
    return redirect(back or url_for("teacher.question_set", set_id=set_id))


@bp.route("/sets/<int:set_id>/questions/<int:question_id>/move", methods=["POST"])
def move_question(set_id: int, question_id: int) -> Response:
    question_set = _own_set(set_id)
    form = MoveItemForm()
    if not form.validate_on_submit():
        abort(400, "Move a question up or down.")
    offset = -1 if form.direction.data == "up" else 1
    if question_sets.move_question(question_set, question_id, offset, now=utcnow()):
        db.session.commit()
    return redirect(url_for("teacher.question_set", set_id=set_id) + f"#item-{question_id}")


# --- questions -----------------------------------------------------------------------


def _teachable_question(question_id: int) -> Question:
    """The question, when the user may open its page (404 otherwise: another teacher's
    upload, or a question its owner has not published, is not shown to exist)."""
    question = db.session.get(Question, question_id)
    if question is None or not audience.may_teach_question(current_user, question):
        abort(404)
    return question


@bp.route("/questions/<int:question_id>", methods=["GET", "POST"])
def question(question_id: int) -> str | Response | tuple[str, int]:
    question = _teachable_question(question_id)
    curated = curation.curation_for(question, current_user)
    asked = curation.as_asked(question, curated.own)
    form = QuestionEditForm()
    if request.method == "GET":
        form.prompt.data = asked.prompt
        form.accept.data = "\n".join(asked.accept)
        form.choices.data = "\n".join(asked.choices)
    status = 200
    if form.validate_on_submit():
        try:
            curation.save_edit(
                question,
                current_user,
                prompt=form.prompt.data or "",
                accept=(form.accept.data or "").splitlines(),
                choices=(form.choices.data or "").splitlines(),
                now=utcnow(),
            )
        except curation.InvalidEditError as error:
            form.form_errors.append(str(error))
            status = 400
        else:
            db.session.commit()
            if curated.curator:
                flash("Edit saved: learners see the question as you wrote it.", "success")
            else:
                flash(
                    "Your version is saved: your sets' assignments and exports use it; "
                    "everyone else keeps the document's.",
                    "success",
                )
            back = safe_next(request.args.get("next"))  # the review page, when it sent us
            return redirect(back or url_for("teacher.question", question_id=question_id))
    elif request.method == "POST":
        status = 400
    return _question_page(question, form=form), status


def _question_page(
    question: Question,
    *,
    form: QuestionEditForm | None = None,
    key_form: AnswerKeyForm | None = None,
) -> str:
    curated = curation.curation_for(question, current_user)
    asked = curation.as_asked(question, curated.own)
    if form is None:
        form = QuestionEditForm(formdata=None)
        form.prompt.data = asked.prompt
        form.accept.data = "\n".join(asked.accept)
        form.choices.data = "\n".join(asked.choices)
    if key_form is None:
        key_form = AnswerKeyForm(formdata=None)
        key_form.answer.data = str(question.answer.get("text", ""))
    return render_template(
        "teaching/question.html",
        question=question,
        asked=asked,
        curated=curated,
        form=form,
        key_form=key_form,
        regrades=regrading.pending_regrades(question) if curated.curator else [],
        held_back=audience.is_held_back(question),
        confirm=ConfirmForm(),
        evidence=passages.evidence_for(question),
    )


@bp.route("/questions/<int:question_id>/key", methods=["POST"])
def correct_key(question_id: int) -> Response | tuple[str, int]:
    question = _teachable_question(question_id)
    if not audience.is_curator(current_user, question.source):
        abort(403, "Only the document's owner or an administrator corrects its answer key.")
    key_form = AnswerKeyForm()
    if key_form.validate_on_submit():
        try:
            curation.correct_key(
                question,
                current_user,
                text=key_form.answer.data or "",
                granularity=key_form.granularity.data or "",
                now=utcnow(),
            )
        except curation.InvalidEditError as error:
            key_form.answer.errors = [str(error)]
        else:
            db.session.commit()
            flash(
                "The key is corrected: answers from now on are graded against it. "
                "Answers already given keep their grades until you re-grade them.",
                "success",
            )
            return redirect(url_for("teacher.question", question_id=question_id) + "#key")
    return _question_page(question, key_form=key_form), 400


@bp.route("/questions/<int:question_id>/regrade", methods=["POST"])
def regrade_answers(question_id: int) -> Response:
    question = _teachable_question(question_id)
    require_confirmation()
    try:
        done = regrading.regrade_question(question, current_user, now=utcnow())
    except curation.EditNotAllowedError:
        abort(403, "Only the document's owner or an administrator re-grades its answers.")
    db.session.commit()
    flash(
        f"{len(done)} answer{'' if len(done) == 1 else 's'} re-graded; "
        "the learners and their teachers see the old and the new score.",
        "success",
    )
    return redirect(url_for("teacher.question", question_id=question_id) + "#key")


def _curate(question_id: int, action: str) -> Response:
    question = _teachable_question(question_id)
    require_confirmation()
    curator = audience.is_curator(current_user, question.source)
    try:
        if action == "retire":
            curation.set_retired(question, current_user, True, now=utcnow())
            message = "Question retired: no one is asked it any more."
        elif action == "restore":
            curation.set_retired(question, current_user, False, now=utcnow())
            message = "Question restored."
        elif action == "revert":
            curation.revert_edit(question, current_user, now=utcnow())
            message = (
                "The edit was dropped: the question reads as generated."
                if curator
                else "Your version was dropped: your sets ask the document's version."
            )
        else:
            curation.keep_edit(question, current_user)
            message = "The edit is kept."
    except curation.EditNotAllowedError:
        abort(403, "Only the document's owner or an administrator retires its questions.")
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("teacher.question", question_id=question_id))


@bp.route("/questions/<int:question_id>/retire", methods=["POST"])
def retire_question(question_id: int) -> Response:
    return _curate(question_id, "retire")


@bp.route("/questions/<int:question_id>/restore", methods=["POST"])
def restore_question(question_id: int) -> Response:
    return _curate(question_id, "restore")


@bp.route("/questions/<int:question_id>/revert", methods=["POST"])
def revert_question(question_id: int) -> Response:
    return _curate(question_id, "revert")


@bp.route("/questions/<int:question_id>/keep", methods=["POST"])
def keep_question_edit(question_id: int) -> Response:
    return _curate(question_id, "keep")


# --- results -------------------------------------------------------------------------


@bp.route("/assignments/<int:assignment_id>")
def assignment_results(assignment_id: int) -> str:
    assignment = _own_assignment(assignment_id)
    now = utcnow()
    return render_template(
        "teaching/assignment.html",
        assignment=assignment,
        grades=results.assignment_grades(assignment, now),
        questions=results.question_results(assignment),
        min_respondents=results.MIN_RESPONDENTS,
        flag_below=results.FLAG_BELOW,
        now=now,
    )


def _class_learner(assignment: Assignment, user_id: int) -> User:
    learner = db.session.get(User, user_id)
    if learner is None or not classes.is_member(assignment.school_class, learner):
        abort(404, "This learner is not in the class.")
    return learner


@bp.route("/assignments/<int:assignment_id>/learners/<int:user_id>")
def learner_answers(assignment_id: int, user_id: int) -> str:
    assignment = _own_assignment(assignment_id)
    learner = _class_learner(assignment, user_id)
    status = assignments.assignment_status(assignment, learner, utcnow())
    form = OverrideForm()
    if status.override is not None:
        form.grade.data = round(Decimal(status.override.score * 100), 1)
        form.comment.data = status.override.comment
    return _learner_answers_page(assignment, learner, form)


def _learner_answers_page(assignment: Assignment, learner: User, form: OverrideForm) -> str:
    return render_template(
        "teaching/learner_answers.html",
        assignment=assignment,
        learner=learner,
        status=assignments.assignment_status(assignment, learner, utcnow()),
        override_form=form,
    )


@bp.route("/assignments/<int:assignment_id>/learners/<int:user_id>/grade", methods=["POST"])
def override_grade(assignment_id: int, user_id: int) -> Response | tuple[str, int]:
    assignment = _own_assignment(assignment_id)
    learner = _class_learner(assignment, user_id)
    form = OverrideForm()
    if form.validate_on_submit():
        grade = form.grade.data
        gradebook.set_override(
            assignment,
            learner,
            current_user,
            grade_percent=None if grade is None else float(grade),
            comment=form.comment.data or "",
            now=utcnow(),
        )
        db.session.commit()
        flash(
            f"{learner.display_name}'s grade is set; they see it with your comment."
            if grade is not None
            else f"{learner.display_name}'s grade is the computed one again.",
            "success",
        )
        return redirect(
            url_for("teacher.learner_answers", assignment_id=assignment_id, user_id=user_id)
        )
    return _learner_answers_page(assignment, learner, form), 400


def _sorted_gradebook(school_class: SchoolClass) -> gradebook.Gradebook:
    return gradebook.gradebook(
        school_class,
        utcnow(),
        sort=request.args.get("sort", "name"),
        descending=request.args.get("order") == "desc",
    )


@bp.route("/classes/<int:class_id>/gradebook")
def class_gradebook(class_id: int) -> str:
    return render_template("teaching/gradebook.html", book=_sorted_gradebook(_own_class(class_id)))


@bp.route("/classes/<int:class_id>/gradebook.csv")
def gradebook_csv(class_id: int) -> Response:
    book = _sorted_gradebook(_own_class(class_id))
    return _csv(gradebook.gradebook_csv(book), f"gradebook-class-{class_id}.csv")


@bp.route("/assignments/<int:assignment_id>/grades.csv")
def grades_csv(assignment_id: int) -> Response:
    assignment = _own_assignment(assignment_id)
    return _csv(results.grades_csv(assignment, utcnow()), f"grades-assignment-{assignment.id}.csv")


def _csv(body: str, filename: str) -> Response:
    """A CSV download: UTF-8 with a byte-order mark, so that spreadsheets detect it."""
    return Response(
        "\ufeff" + body,
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
