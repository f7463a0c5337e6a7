"""Classes: a teacher creates one, learners join it with its join code.

A join code is short, case-insensitive and free of look-alike characters (no 0/O, 1/I);
the teacher can replace it at any time, which makes the old code and link stop working.
A teacher gives a class a whole document (:func:`give_source`): its learners then study
all of the document's published questions, and read it.
"""

from __future__ import annotations

import random
import secrets
from datetime import datetime

from sqlalchemy import Select, select

from quizapp.extensions import db
from quizapp.models import ClassMember, ClassSource, SchoolClass, Source, User
from quizapp.platform import timezones
from quizapp.sources.audience import NotAllowedError, may_teach_from

__all__ = [
    "JOIN_CODE_ALPHABET",
    "JOIN_CODE_LENGTH",
    "OwnClassError",
    "UnknownJoinCodeError",
    "class_by_code",
    "class_sources",
    "create_class",
    "give_source",
    "is_member",
    "join_class",
    "learner_classes",
    "new_join_code",
    "normalise_join_code",
    "remove_member",
    "roster",
    "take_back_source",
    "teacher_classes",
]

JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 8


class UnknownJoinCodeError(LookupError):
    """No class has this join code."""


class OwnClassError(ValueError):
    """A teacher tried to join a class they teach."""


def _random_code(rng: random.Random) -> str:
    return "".join(rng.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def _unused_code(rng: random.Random) -> str:
    while True:
        code = _random_code(rng)
        if db.session.scalar(select(SchoolClass.id).where(SchoolClass.join_code == code)) is None:
            return code


def normalise_join_code(code: str) -> str:
    """The code as stored: upper case, without spaces or dashes."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def create_class(
    teacher: User,
    name: str,
    *,
    now: datetime,
    rng: random.Random | None = None,
    timezone: str | None = None,
) -> SchoolClass:
    """Add a class taught by ``teacher`` with a fresh join code (the caller commits).

    Args:
        teacher: the owner.
        name: the class's name as the teacher and learners see it.
        now: the creation time.
        rng: randomness for the join code; a cryptographic source by default.
        timezone: the class's time zone; by default the teacher's.

    Raises:
        ValueError: ``timezone`` is no IANA zone name.
    """
    zone = timezone or teacher.time_zone or timezones.DEFAULT_ZONE
    if not timezones.is_zone(zone):
        raise ValueError(f"unknown time zone {zone!r}")
    school_class = SchoolClass(
        teacher_id=teacher.id,
        name=name.strip(),
        join_code=_unused_code(rng or secrets.SystemRandom()),
        timezone=zone,
        created_at=now,
    )
    db.session.add(school_class)
    db.session.flush()
    return school_class


def new_join_code(school_class: SchoolClass, *, rng: random.Random | None = None) -> str:
    """Replace the class's join code; the old code and link stop working."""
    school_class.join_code = _unused_code(rng or secrets.SystemRandom())
    return school_class.join_code


def class_by_code(code: str) -> SchoolClass | None:
    normalised = normalise_join_code(code)
    if not normalised:
        return None
    return db.session.scalars(
        select(SchoolClass).where(SchoolClass.join_code == normalised)
    ).first()


def is_member(school_class: SchoolClass, user: User) -> bool:
    return (
        db.session.scalar(
            select(ClassMember.id).where(
                ClassMember.class_id == school_class.id, ClassMember.user_id == user.id
            )
        )
        is not None
    )


def join_class(user: User, code: str, *, now: datetime) -> tuple[SchoolClass, bool]:
    """Add ``user`` to the class with this join code (the caller commits).

    Returns:
        The class, and whether the user was added (False when already a member).

    Raises:
        UnknownJoinCodeError: no class has this code.
        OwnClassError: the user teaches this class.
    """
    school_class = class_by_code(code)
    if school_class is None:
        raise UnknownJoinCodeError(f"no class has the code {code!r}")
    if school_class.teacher_id == user.id:
        raise OwnClassError("you teach this class")
    if is_member(school_class, user):
        return school_class, False
    db.session.add(ClassMember(class_id=school_class.id, user_id=user.id, joined_at=now))
    db.session.flush()
    return school_class, True


def remove_member(school_class: SchoolClass, user_id: int) -> bool:
    """Take a learner out of the class; their past answers are kept.

    Returns:
        Whether the learner was a member.
    """
    return _delete_found(
        select(ClassMember).where(
            ClassMember.class_id == school_class.id, ClassMember.user_id == user_id
        )
    )


def roster(school_class: SchoolClass) -> list[User]:
    """The class's learners, by name."""
    return list(
        db.session.scalars(
            select(User)
            .join(ClassMember, ClassMember.user_id == User.id)
            .where(ClassMember.class_id == school_class.id)
            .order_by(User.display_name, User.id)
        )
    )


def teacher_classes(teacher: User) -> list[SchoolClass]:
    return list(
        db.session.scalars(
            select(SchoolClass)
            .where(SchoolClass.teacher_id == teacher.id)
            .order_by(SchoolClass.name, SchoolClass.id)
        )
    )


def learner_classes(user: User) -> list[SchoolClass]:
    """The classes ``user`` joined."""
    return list(
        db.session.scalars(
            select(SchoolClass)
            .join(ClassMember, ClassMember.class_id == SchoolClass.id)
            .where(ClassMember.user_id == user.id)
            .order_by(SchoolClass.name, SchoolClass.id)
        )
    )


def class_sources(school_class: SchoolClass) -> list[Source]:
    """The documents given to the class, by title."""
    return list(
        db.session.scalars(
            select(Source)
            .join(ClassSource, ClassSource.source_id == Source.id)
            .where(ClassSource.class_id == school_class.id)
            .order_by(Source.title, Source.id)
        )
    )


def give_source(school_class: SchoolClass, source: Source, teacher: User, *, now: datetime) -> bool:
    """Give the class a whole document (the caller commits).

    Returns:
        Whether it was given now (False when the class already had it).

    Raises:
        NotAllowedError: the teacher may not teach from this document (another
            teacher's upload).
    """
    if not may_teach_from(teacher, source):
        raise NotAllowedError(f"source {source.id} is another teacher's document")
    given = db.session.scalar(
        select(ClassSource.id).where(
            ClassSource.class_id == school_class.id, ClassSource.source_id == source.id
        )
    )
    if given is not None:
        return False
    db.session.add(
        ClassSource(
            class_id=school_class.id, source_id=source.id, added_by=teacher.id, added_at=now
        )
    )
    db.session.flush()
    return True


def take_back_source(school_class: SchoolClass, source_id: int) -> bool:
    """Stop giving the class a document; the learners' answers are kept.

    Returns:
        Whether the class had it.
    """
    return _delete_found(
        select(ClassSource).where(
            ClassSource.class_id == school_class.id, ClassSource.source_id == source_id
        )
    )


def _delete_found(query: Select[ClassMember] | Select[ClassSource]) -> bool:
    """Delete the class's link (a membership, a given document) that ``query`` finds:
    whether there was one."""
    row = db.session.scalars(query).first()
    if row is None:
        return False
    db.session.delete(row)
    db.session.flush()
    return True
