"""the health check's row

Adds ``health_check``: the row ``/healthz`` writes to find out whether the database takes
writes.

Revision ID: e5b9c2d6a0f1
Revises: b3f1c0d2a4e5
Create Date: 2026-12-07 03:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e5b9c2d6a0f1'
down_revision = 'b3f1c0d2a4e5'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'health_check',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('checked_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_health_check')),
    )


def downgrade() -> None:
    op.drop_table('health_check')
