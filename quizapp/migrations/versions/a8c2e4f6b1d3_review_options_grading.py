"""review options and grading method per assignment

Adds ``assignment.show_score``, ``show_answer``, ``show_passage`` (when a learner sees
them: ``answer``, ``attempt``, ``due`` or ``never``) and ``grading`` (``best``, ``last``,
``first`` or ``average``). Existing assignments keep what they did: everything shown
after each answer, graded by the best attempt.

Revision ID: a8c2e4f6b1d3
Revises: a3d5f7b9c1e2
Create Date: 2026-12-07 05:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a8c2e4f6b1d3'
down_revision = 'a3d5f7b9c1e2'
branch_labels = None
depends_on = None

COLUMNS = (
    ('show_score', 'attempt', 'answer'),
    ('show_answer', 'due', 'answer'),
    ('show_passage', 'due', 'answer'),
    ('grading', 'best', 'best'),
)


def upgrade() -> None:
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        for name, default, _existing in COLUMNS:
            batch_op.add_column(
                sa.Column(name, sa.String(length=16), server_default=default, nullable=False)
            )
    # What the assignments made before these options did: everything after each answer.
    assignment = sa.table('assignment', *(sa.column(name) for name, _d, _e in COLUMNS))
    op.execute(
        assignment.update().values(
            {name: existing for name, _default, existing in COLUMNS}
        )
    )


def downgrade() -> None:
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        for name, _default, _existing in reversed(COLUMNS):
            batch_op.drop_column(name)
