"""personal FSRS parameters: ``user.fsrs_parameters`` and the ``schedule_fit`` jobs

Adds ``user.fsrs_parameters`` (JSON, null: FSRS's defaults, what every learner had until
now) and ``schedule_fit``, one row per fit of a learner's parameters to their reviews.

Revision ID: e8c4a2f6b9d1
Revises: d9f5b7c1e3a6
Create Date: 2026-12-07 08:30:00.000000

"""
from alembic import op
import sqlalchemy as sa



# revision identifiers, used by Alembic.
revision = 'e8c4a2f6b9d1'
down_revision = 'd9f5b7c1e3a6'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fsrs_parameters', sa.JSON(), nullable=True))
    op.create_table(
        'schedule_fit',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('trigger', sa.String(length=16), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('stage', sa.String(length=100), nullable=False),
        sa.Column('progress', sa.Integer(), nullable=False),
        sa.Column('message', sa.String(length=500), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('reviews', sa.Integer(), nullable=False),
        sa.Column('train_items', sa.Integer(), nullable=False),
        sa.Column('test_items', sa.Integer(), nullable=False),
        sa.Column('log_loss_before', sa.Float(), nullable=True),
        sa.Column('rmse_before', sa.Float(), nullable=True),
        sa.Column('log_loss_after', sa.Float(), nullable=True),
        sa.Column('rmse_after', sa.Float(), nullable=True),
        sa.Column('parameters_before', sa.JSON(), nullable=True),
        sa.Column('parameters', sa.JSON(), nullable=True),
        sa.Column('adopted', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('schedule_fit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_schedule_fit_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('schedule_fit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_schedule_fit_user_id'))
    op.drop_table('schedule_fit')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('fsrs_parameters')
