"""time zones: a class's (its new classes take the teacher's ``user.time_zone``)

Adds ``school_class.timezone`` (an IANA name; UTC for every class that exists, which is
what every date was shown in until now).

Revision ID: d9f5b7c1e3a6
Revises: c7e3a5b9d2f4
Create Date: 2026-12-07 05:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd9f5b7c1e3a6'
down_revision = 'c7e3a5b9d2f4'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('school_class', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('timezone', sa.String(length=64), server_default='UTC', nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table('school_class', schema=None) as batch_op:
        batch_op.drop_column('timezone')
