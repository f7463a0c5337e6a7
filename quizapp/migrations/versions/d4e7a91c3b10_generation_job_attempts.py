"""generation jobs in a job queue: the attempts a job took

Adds ``generation_job.attempts`` (0 for every existing job): how many times a queue
worker started the job, so that a job whose worker died is retried a bounded number of
times and a worker that lost its job can tell.

Revision ID: d4e7a91c3b10
Revises: d7e4a1c9b2f6
Create Date: 2026-12-07 03:05:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd4e7a91c3b10'
down_revision = 'd7e4a1c9b2f6'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('generation_job', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('attempts', sa.Integer(), server_default='0', nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table('generation_job', schema=None) as batch_op:
        batch_op.drop_column('attempts')
