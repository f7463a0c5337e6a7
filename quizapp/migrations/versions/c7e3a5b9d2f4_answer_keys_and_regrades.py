"""answer keys corrected in curation, and re-grades kept

Adds ``question_edit.answer`` (a corrected answer key, null where the generated one
stands) and ``answer_regrade`` (each re-grading of an assignment answer: scores and
right answers before and after).

Revision ID: c7e3a5b9d2f4
Revises: b5d1f3a7c9e2
Create Date: 2026-12-07 05:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c7e3a5b9d2f4'
down_revision = 'b5d1f3a7c9e2'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('question_edit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('answer', sa.JSON(), nullable=True))
    op.create_table(
        'answer_regrade',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('answer_id', sa.Integer(), nullable=False),
        sa.Column('old_score', sa.Float(), nullable=False),
        sa.Column('new_score', sa.Float(), nullable=False),
        sa.Column('old_expected', sa.String(length=1000), nullable=False),
        sa.Column('new_expected', sa.String(length=1000), nullable=False),
        sa.Column('attempt_score_before', sa.Float(), nullable=True),
        sa.Column('attempt_score_after', sa.Float(), nullable=True),
        sa.Column('regraded_by', sa.Integer(), nullable=False),
        sa.Column('regraded_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['answer_id'], ['assignment_answer.id']),
        sa.ForeignKeyConstraint(['regraded_by'], ['user.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('answer_regrade', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answer_regrade_answer_id'), ['answer_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('answer_regrade', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answer_regrade_answer_id'))
    op.drop_table('answer_regrade')
    with op.batch_alter_table('question_edit', schema=None) as batch_op:
        batch_op.drop_column('answer')
