"""A class's gradebook, and the teacher's grade for one learner on one assignment.

The gradebook is a table of the class's learners by its assignments. A cell shows the
final grade (the teacher's override when there is one, else the grade the attempts
earn by the assignment's grading method), and says whether it is late or overridden;
the computed grade stays beside an override. A learner's **total** is the mean of their
final grades over the assignments that count: every assignment they have a grade in,
and every assignment past its due date, which counts 0 without a submission (work not
handed in by the due date is missing work, not work yet to come). The table sorts by
name, by total or by any assignment; the CSV is the same table.

An override is the teacher's, for a learner of the class: a grade from 0 to 100 % and
a comment the learner reads on the assignment's page. Clearing the grade removes it.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from datetime import datetime

from quizapp.extensions import db
from quizapp.models import Assignment, GradeOverride, SchoolClass, User
from quizapp.teaching import classes
from quizapp.teaching.assignments import AssignmentStatus, assignment_status, override_for
from quizapp.teaching.results import percent, spreadsheet_safe

__all__ = [
    "MAX_COMMENT",
    "Gradebook",
    "GradebookRow",
    "OverrideError",
    "gradebook",
    "gradebook_csv",
    "set_override",
]

MAX_COMMENT = 1000


class OverrideError(ValueError):
    """The override cannot be stored; the message says why, in the teacher's words."""


def set_override(
    assignment: Assignment,
    learner: User,
    teacher: User,
    *,
    grade_percent: float | None,
    comment: str,
    now: datetime,
) -> GradeOverride | None:
    """Set (or with ``grade_percent`` None, remove) ``teacher``'s grade for ``learner``.

    Returns:
        The override, or None when it was removed.

    Raises:
        OverrideError: the learner is not in the class, the grade is not 0 to 100, or
            the comment is too long.
    """
    if not classes.is_member(assignment.school_class, learner):
        raise OverrideError("This learner is not in the class.")
    comment = comment.strip()
    if len(comment) > MAX_COMMENT:
        raise OverrideError(f"The comment is limited to {MAX_COMMENT} characters.")
    existing = override_for(assignment, learner)
    if grade_percent is None:
        if existing is not None:
            db.session.delete(existing)
            db.session.flush()
        return None
    if not math.isfinite(grade_percent) or not 0 <= grade_percent <= 100:
        raise OverrideError("A grade is from 0 to 100 %.")
    if existing is None:
        existing = GradeOverride(assignment_id=assignment.id, user_id=learner.id)
        db.session.add(existing)
    existing.score = grade_percent / 100
    existing.comment = comment
    existing.set_by = teacher.id
    existing.set_at = now
    db.session.flush()
    return existing


@dataclass(frozen=True)
class GradebookRow:
    learner: User
    cells: list[AssignmentStatus]
    total: float | None


@dataclass(frozen=True)
class Gradebook:
    school_class: SchoolClass
    assignments: list[Assignment]
    rows: list[GradebookRow]
    sort: str
    descending: bool

    def average(self, index: int) -> float | None:
        """The mean final grade of the learners with one on the ``index``-th assignment."""
        grades = [g for row in self.rows if (g := row.cells[index].final_grade) is not None]
        return sum(grades) / len(grades) if grades else None

    @property
    def total_average(self) -> float | None:
        totals = [row.total for row in self.rows if row.total is not None]
        return sum(totals) / len(totals) if totals else None


def _total(cells: list[AssignmentStatus], now: datetime) -> float | None:
    counted = [
        cell.final_grade or 0.0
        for cell in cells
        if cell.final_grade is not None or now > cell.assignment.due_at
    ]
    return sum(counted) / len(counted) if counted else None


def gradebook(
    school_class: SchoolClass, now: datetime, *, sort: str = "name", descending: bool = False
) -> Gradebook:
    """The class's learners by its assignments (soonest due first), sorted by ``sort``:
    ``name``, ``total``, or ``a<assignment id>``; an unknown key sorts by name. Learners
    without a grade in the sorted column come last either way."""
    assignments = list(school_class.assignments)
    rows = []
    for learner in classes.roster(school_class):
        cells = [assignment_status(assignment, learner, now) for assignment in assignments]
        rows.append(GradebookRow(learner, cells, _total(cells, now)))
    columns = {f"a{assignment.id}": index for index, assignment in enumerate(assignments)}
    if sort == "total" or sort in columns:

        def key(row: GradebookRow) -> float | None:
            return row.total if sort == "total" else row.cells[columns[sort]].final_grade

        graded = sorted(
            (row for row in rows if key(row) is not None),
            key=lambda row: key(row) or 0.0,
            reverse=descending,
        )
        rows = graded + [row for row in rows if key(row) is None]
    else:
        sort = "name"
        if descending:
            rows.reverse()
    return Gradebook(school_class, assignments, rows, sort, descending)


def gradebook_csv(book: Gradebook) -> str:
    """The gradebook as CSV, in the page's order: name, email, then for each assignment
    its final grade %, computed grade %, late and overridden (yes/no) and the teacher's
    comment, then the total %. Every cell goes through
    :func:`~quizapp.teaching.results.spreadsheet_safe`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    header = ["name", "email"]
    for assignment in book.assignments:
        name = f"{assignment.question_set.name} (#{assignment.id})"
        header += [
            f"{name} final %",
            f"{name} computed %",
            f"{name} late",
            f"{name} overridden",
            f"{name} comment",
        ]
    writer.writerow(spreadsheet_safe(cell) for cell in [*header, "total %"])
    for row in book.rows:
        cells: list[object] = [row.learner.display_name, row.learner.email]
        for status in row.cells:
            cells += [
                percent(status.final_grade),
                percent(status.grade),
                "yes" if status.late else "no",
                "yes" if status.override is not None else "no",
                status.override.comment if status.override is not None else "",
            ]
        cells.append(percent(row.total))
        writer.writerow(spreadsheet_safe(cell) for cell in cells)
    return buffer.getvalue()
