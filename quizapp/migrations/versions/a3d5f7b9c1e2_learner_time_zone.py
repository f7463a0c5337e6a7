"""the learner's time zone: when their day starts

Adds ``user.time_zone`` (an IANA name); every existing account is on UTC, as before.

Revision ID: a3d5f7b9c1e2
Revises: f2a8c4e6b1d3
Create Date: 2026-12-07 05:50:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a3d5f7b9c1e2'
down_revision = 'f2a8c4e6b1d3'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('time_zone', sa.String(length=64), server_default='UTC', nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('time_zone')
