"""login sessions, reset notices

Adds ``login_session`` (one row per login; logging out ends it) and
``password_reset.told_at`` (when the account's owner was told of the reset). Links that a
newer link replaced were marked used; they are marked expired instead, so that
``used_at`` means redeemed.

Revision ID: d4a8e1f07c93
Revises: e5b9c2d6a0f1
Create Date: 2026-12-07 03:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd4a8e1f07c93'
down_revision = 'e5b9c2d6a0f1'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'login_session',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('remember', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ['user_id'], ['user.id'], name=op.f('fk_login_session_user_id_user')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_login_session')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_login_session_token_hash')),
    )
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_session_user_id'), ['user_id'], unique=False)
    with op.batch_alter_table('password_reset', schema=None) as batch_op:
        batch_op.add_column(sa.Column('told_at', sa.DateTime(timezone=True), nullable=True))
    # A link replaced by a newer one was marked used at the moment the newer one was
    # created: it expired then, it was never redeemed.
    op.execute(
        "UPDATE password_reset SET expires_at = used_at, used_at = NULL "
        "WHERE used_at IS NOT NULL AND EXISTS (SELECT 1 FROM password_reset AS later "
        "WHERE later.user_id = password_reset.user_id AND later.id > password_reset.id "
        "AND later.created_at = password_reset.used_at)"
    )


def downgrade() -> None:
    op.execute(
        "UPDATE password_reset SET used_at = expires_at "
        "WHERE used_at IS NULL AND EXISTS (SELECT 1 FROM password_reset AS later "
        "WHERE later.user_id = password_reset.user_id AND later.id > password_reset.id "
        "AND later.created_at = password_reset.expires_at)"
    )
    with op.batch_alter_table('password_reset', schema=None) as batch_op:
        batch_op.drop_column('told_at')
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_session_user_id'))
    op.drop_table('login_session')
