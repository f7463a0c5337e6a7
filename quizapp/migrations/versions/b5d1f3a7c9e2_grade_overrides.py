"""grade overrides: a teacher's grade for one learner and assignment, with a comment

Revision ID: b5d1f3a7c9e2
Revises: a8c2e4f6b1d3
Create Date: 2026-12-07 05:20:00.000000

"""
from alembic import op
import sqlalchemy as sa



# revision identifiers, used by Alembic.
revision = 'b5d1f3a7c9e2'
down_revision = 'a8c2e4f6b1d3'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'grade_override',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('assignment_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('score', sa.Float(), nullable=False),
        sa.Column('comment', sa.Text(), nullable=False),
        sa.Column('set_by', sa.Integer(), nullable=False),
        sa.Column('set_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['assignment_id'], ['assignment.id']),
        sa.ForeignKeyConstraint(['set_by'], ['user.id']),
        sa.ForeignKeyConstraint(['user_id'], ['user.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('assignment_id', 'user_id'),
    )
    with op.batch_alter_table('grade_override', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grade_override_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('grade_override', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grade_override_user_id'))
    op.drop_table('grade_override')
