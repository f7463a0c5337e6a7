"""one card per fact: a learner's sibling cards and their reviews merged

Adds ``question.fact`` (the dated fact a question asks), ``review.question_id`` (the
form answered) and ``card.fact``; a card is now unique per (learner, fact) instead of per
(learner, question).

Existing questions carry no fact id (the bank's ``fact`` was not stored): siblings are
found from what they share, the passage, the evidence sentence and the answer's date,
and named by a digest of those (``f-`` and 8 hex digits). A question without an answer
date (an order question) is a fact of its own, named by its bank id. The next import of
a bank that has fact ids moves the cards to them (:func:`follow_facts`).

Every review keeps its card's question as the form it answered; then each learner's
cards of one fact merge into the card reviewed last, with every review of the others,
numbered again in the order they were given (``quizapp.learning.facts.merge_cards``).
No review is lost or changed otherwise.

Downgrading keeps the merged cards (each on the question it asked last) and their
reviews; the merge itself is not undone.

Revision ID: f2a8c4e6b1d3
Revises: d4e7a91c3b10
Create Date: 2026-12-07 05:30:00.000000

"""
import hashlib
import json
from typing import Any

from alembic import op
import sqlalchemy as sa

from quizapp.learning.facts import follow_facts


# revision identifiers, used by Alembic.
revision = 'f2a8c4e6b1d3'
down_revision = 'd4e7a91c3b10'
branch_labels = None
depends_on = None


def _sibling_key(row: Any) -> str:
    answer = row.answer if isinstance(row.answer, dict) else json.loads(row.answer or "{}")
    date = (answer or {}).get("date")
    if not date:
        return str(row.bank_id)
    shared = "\x1f".join(
        str(part)
        for part in (row.source_id, row.passage_id, row.evidence_start, row.evidence_end, date)
    )
    return "f-" + hashlib.sha256(shared.encode()).hexdigest()[:8]


def _foreign_keys_off() -> None:
    """SQLite rebuilds a table to change a constraint: its foreign keys are off meanwhile
    (SQLite's own procedure for ALTER TABLE), or dropping the old table would fail. The
    pragma works only outside a transaction: alembic's autocommit block. The app turns
    them on again for every connection it opens."""
    if op.get_bind().dialect.name != 'sqlite':
        return
    with op.get_context().autocommit_block():
        op.execute('PRAGMA foreign_keys=OFF')


def upgrade() -> None:
    connection = op.get_bind()
    _foreign_keys_off()
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fact', sa.String(length=40), nullable=True))
    question = sa.table(
        'question',
        sa.column('id', sa.Integer),
        sa.column('bank_id', sa.String),
        sa.column('source_id', sa.Integer),
        sa.column('passage_id', sa.Integer),
        sa.column('evidence_start', sa.Integer),
        sa.column('evidence_end', sa.Integer),
        sa.column('answer', sa.JSON),
        sa.column('fact', sa.String),
    )
    rows = connection.execute(sa.select(question)).all()
    for row in rows:
        connection.execute(
            question.update().where(question.c.id == row.id).values(fact=_sibling_key(row))
        )
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.alter_column('fact', existing_type=sa.String(length=40), nullable=False)
        batch_op.create_index(batch_op.f('ix_question_fact'), ['fact'], unique=False)

    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.add_column(sa.Column('question_id', sa.Integer(), nullable=True))
    op.execute(
        'UPDATE review SET question_id = (SELECT card.question_id FROM card '
        'WHERE card.id = review.card_id)'
    )
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.alter_column('question_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f('ix_review_question_id'), ['question_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_review_question_id_question'), 'question', ['question_id'], ['id']
        )

    with op.batch_alter_table('card', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fact', sa.String(length=40), nullable=True))
    follow_facts(connection)
    with op.batch_alter_table('card', schema=None) as batch_op:
        batch_op.alter_column('fact', existing_type=sa.String(length=40), nullable=False)
        batch_op.drop_constraint('uq_card_user_id', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_card_user_id'), ['user_id', 'fact'])


def downgrade() -> None:
    _foreign_keys_off()
    with op.batch_alter_table('card', schema=None) as batch_op:
        batch_op.drop_constraint('uq_card_user_id', type_='unique')
        batch_op.create_unique_constraint(
            batch_op.f('uq_card_user_id'), ['user_id', 'question_id']
        )
        batch_op.drop_column('fact')

    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_review_question_id_question'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_review_question_id'))
        batch_op.drop_column('question_id')

    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_fact'))
        batch_op.drop_column('fact')
