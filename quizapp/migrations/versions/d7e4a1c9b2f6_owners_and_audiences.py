"""owners and audiences: who studies a source, who curates it, teachers' own edits

Adds ``source.audience`` and three tables: ``class_source`` (a source given to a
class), ``study_choice`` (a learner's choice about a source) and ``teacher_edit`` (a
teacher's own version of a question whose source they do not curate). Existing data
moves to the new rules (docs/decisions.md, "Existing data under the owners' rules"):

- sources without an owner (imported by command) and uploads of administrators are
  for everyone; every other upload is for its uploader and their classes;
- an upload goes to each class of its uploader that was assigned a set of its
  questions (other classes keep the assigned questions through their assignments);
- an edit whose author curates the question's source (its owner, or an administrator)
  stays as it is; any other edit becomes its author's own teacher edit, the question
  reads as generated again, and a retirement by such an author takes the question out
  of that author's own sets instead of out of everyone's schedule.

Downgrading drops the new tables: teachers' own edits are lost.

Revision ID: d7e4a1c9b2f6
Revises: d4a8e1f07c93
Create Date: 2026-12-08 10:00:00.000000

"""
from datetime import UTC, datetime
from typing import Any

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd7e4a1c9b2f6'
down_revision = 'd4a8e1f07c93'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('audience', sa.String(length=16), server_default='classes', nullable=False)
        )

    op.create_table('class_source',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('added_by', sa.Integer(), nullable=True),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['added_by'], ['user.id'], name=op.f('fk_class_source_added_by_user')),
    sa.ForeignKeyConstraint(['class_id'], ['school_class.id'], name=op.f('fk_class_source_class_id_school_class')),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_class_source_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_class_source')),
    sa.UniqueConstraint('class_id', 'source_id', name=op.f('uq_class_source_class_id'))
    )
    with op.batch_alter_table('class_source', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_class_source_source_id'), ['source_id'], unique=False)

    op.create_table('study_choice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('studying', sa.Boolean(), nullable=False),
    sa.Column('new_per_day', sa.Integer(), nullable=True),
    sa.Column('chosen_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_study_choice_source_id_source')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_study_choice_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_study_choice')),
    sa.UniqueConstraint('user_id', 'source_id', name=op.f('uq_study_choice_user_id'))
    )
    with op.batch_alter_table('study_choice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_study_choice_source_id'), ['source_id'], unique=False)

    op.create_table('teacher_edit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=False),
    sa.Column('prompt', sa.Text(), nullable=True),
    sa.Column('accept', sa.JSON(), nullable=True),
    sa.Column('choices', sa.JSON(), nullable=True),
    sa.Column('base', sa.JSON(), nullable=False),
    sa.Column('edited_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('source_changed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_teacher_edit_question_id_question')),
    sa.ForeignKeyConstraint(['teacher_id'], ['user.id'], name=op.f('fk_teacher_edit_teacher_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_teacher_edit')),
    sa.UniqueConstraint('question_id', 'teacher_id', name=op.f('uq_teacher_edit_question_id'))
    )
    with op.batch_alter_table('teacher_edit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_teacher_edit_teacher_id'), ['teacher_id'], unique=False)

    connection = op.get_bind()
    now = datetime.now(UTC)
    _set_audiences(connection)
    _give_uploads_to_classes(connection)
    _scope_edits(connection, now)


def downgrade() -> None:
    with op.batch_alter_table('teacher_edit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_teacher_edit_teacher_id'))

    op.drop_table('teacher_edit')
    with op.batch_alter_table('study_choice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_study_choice_source_id'))

    op.drop_table('study_choice')
    with op.batch_alter_table('class_source', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_class_source_source_id'))

    op.drop_table('class_source')
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.drop_column('audience')


# --- the data, as this revision's tables hold it ------------------------------------------

user = sa.table('user', sa.column('id', sa.Integer), sa.column('is_admin', sa.Boolean))
source = sa.table(
    'source',
    sa.column('id', sa.Integer),
    sa.column('owner_id', sa.Integer),
    sa.column('audience', sa.String),
)
question = sa.table(
    'question',
    sa.column('id', sa.Integer),
    sa.column('source_id', sa.Integer),
    sa.column('bank_id', sa.String),
    sa.column('prompt', sa.Text),
    sa.column('accept', sa.JSON),
    sa.column('choices', sa.JSON),
    sa.column('retired', sa.Boolean),
    sa.column('updated_at', sa.DateTime(timezone=True)),
)
question_edit = sa.table(
    'question_edit',
    sa.column('id', sa.Integer),
    sa.column('question_id', sa.Integer),
    sa.column('edited_by', sa.Integer),
    sa.column('prompt', sa.Text),
    sa.column('accept', sa.JSON),
    sa.column('choices', sa.JSON),
    sa.column('retired', sa.Boolean),
    sa.column('generated', sa.JSON),
    sa.column('edited_at', sa.DateTime(timezone=True)),
    sa.column('source_changed_at', sa.DateTime(timezone=True)),
)
teacher_edit = sa.table(
    'teacher_edit',
    sa.column('question_id', sa.Integer),
    sa.column('teacher_id', sa.Integer),
    sa.column('prompt', sa.Text),
    sa.column('accept', sa.JSON),
    sa.column('choices', sa.JSON),
    sa.column('base', sa.JSON),
    sa.column('edited_at', sa.DateTime(timezone=True)),
    sa.column('source_changed_at', sa.DateTime(timezone=True)),
)
question_decision = sa.table(
    'question_decision',
    sa.column('source_id', sa.Integer),
    sa.column('bank_id', sa.String),
    sa.column('decision', sa.String),
    sa.column('current', sa.Boolean),
)
question_set = sa.table(
    'question_set',
    sa.column('id', sa.Integer),
    sa.column('owner_id', sa.Integer),
    sa.column('source_id', sa.Integer),
)
question_set_item = sa.table(
    'question_set_item',
    sa.column('set_id', sa.Integer),
    sa.column('question_id', sa.Integer),
)
assignment = sa.table(
    'assignment',
    sa.column('class_id', sa.Integer),
    sa.column('set_id', sa.Integer),
    sa.column('created_at', sa.DateTime(timezone=True)),
)
school_class = sa.table(
    'school_class', sa.column('id', sa.Integer), sa.column('teacher_id', sa.Integer)
)
class_source = sa.table(
    'class_source',
    sa.column('class_id', sa.Integer),
    sa.column('source_id', sa.Integer),
    sa.column('added_by', sa.Integer),
    sa.column('added_at', sa.DateTime(timezone=True)),
)


def _set_audiences(connection: sa.Connection) -> None:
    """Sources imported by command, and administrators' uploads, are for everyone."""
    admins = sa.select(user.c.id).where(user.c.is_admin.is_(True))
    connection.execute(
        source.update()
        .where(sa.or_(source.c.owner_id.is_(None), source.c.owner_id.in_(admins)))
        .values(audience='everyone')
    )


def _give_uploads_to_classes(connection: sa.Connection) -> None:
    """Each class assigned a set of its own teacher's upload gets that upload."""
    rows = connection.execute(
        sa.select(
            school_class.c.id,
            source.c.id,
            school_class.c.teacher_id,
            sa.func.min(assignment.c.created_at),
        )
        .select_from(
            assignment.join(question_set, question_set.c.id == assignment.c.set_id)
            .join(source, source.c.id == question_set.c.source_id)
            .join(school_class, school_class.c.id == assignment.c.class_id)
        )
        .where(source.c.owner_id == school_class.c.teacher_id)
        .group_by(school_class.c.id, source.c.id, school_class.c.teacher_id)
    ).all()
    for class_id, source_id, teacher_id, first_assigned in rows:
        connection.execute(
            class_source.insert().values(
                class_id=class_id, source_id=source_id, added_by=teacher_id, added_at=first_assigned
            )
        )


def _scope_edits(connection: sa.Connection, now: datetime) -> None:
    """An edit by someone who does not curate the source becomes their own teacher edit."""
    rows = connection.execute(
        sa.select(
            question_edit,
            question.c.source_id,
            question.c.bank_id,
            source.c.owner_id,
            user.c.is_admin,
        )
        .select_from(
            question_edit.join(question, question.c.id == question_edit.c.question_id)
            .join(source, source.c.id == question.c.source_id)
            .join(user, user.c.id == question_edit.c.edited_by)
        )
        .order_by(question_edit.c.id)
    ).mappings().all()
    for row in rows:
        if row['is_admin'] or row['edited_by'] == row['owner_id']:
            continue
        generated = row['generated']
        if any(row[field] is not None for field in ('prompt', 'accept', 'choices')):
            connection.execute(
                teacher_edit.insert().values(
                    question_id=row['question_id'],
                    teacher_id=row['edited_by'],
                    prompt=row['prompt'],
                    accept=row['accept'],
                    choices=row['choices'],
                    base=generated,
                    edited_at=row['edited_at'],
                    source_changed_at=row['source_changed_at'],
                )
            )
        values: dict[str, Any] = {
            'prompt': generated['prompt'],
            'accept': generated['accept'],
            'choices': generated['choices'],
            'updated_at': now,
        }
        if row['retired']:
            values['retired'] = _held_back(connection, row)
            own_sets = sa.select(question_set.c.id).where(
                question_set.c.owner_id == row['edited_by']
            )
            connection.execute(
                question_set_item.delete().where(
                    question_set_item.c.question_id == row['question_id'],
                    question_set_item.c.set_id.in_(own_sets),
                )
            )
        connection.execute(
            question.update().where(question.c.id == row['question_id']).values(**values)
        )
        connection.execute(question_edit.delete().where(question_edit.c.id == row['id']))


def _held_back(connection: sa.Connection, row: sa.RowMapping) -> bool:
    """Whether the question stays out without the edit: an upload's question that its
    owner has not accepted, or that the latest bank no longer has."""
    if row['owner_id'] is None:
        return False
    decision = connection.execute(
        sa.select(question_decision.c.decision, question_decision.c.current).where(
            question_decision.c.source_id == row['source_id'],
            question_decision.c.bank_id == row['bank_id'],
        )
    ).first()
    return decision is None or decision.decision != 'accepted' or not decision.current
