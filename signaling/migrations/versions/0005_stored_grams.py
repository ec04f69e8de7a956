"""PostgreSQL keeps each text's grams in a column (see signaling/store/search.py).

The GIN indexes of 0003 were on the expression ``assist_grams(text)``. Whenever the planner
checked that expression row by row (walking the newest rows first, as it does for a common
term), PostgreSQL recomputed each row's grams, about 0.25 ms apiece: 100 hits of 画面 cost
90 ms. A stored generated column is computed once, when the row is written, and checking it
costs microseconds; the indexes move onto it, and ANALYZE gathers its statistics (how common
each gram is).

The price is space: at a million messages the ``messages`` table grows from about 200 to 740
MB. On a populated database the upgrade rewrites ``messages`` and ``notes`` (the server is
stopped while it migrates): about six minutes for 1.1 million rows on two cores. SQLite is
unchanged; its FTS5 index never recomputes grams on reading.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

#: (table, its GIN index): the same names as 0003's, now on the column.
INDEXED = (("messages", "ix_messages_grams"), ("notes", "ix_notes_grams"))


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, index in INDEXED:
        op.execute(f"DROP INDEX IF EXISTS {index}")
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN grams text[] "
            "GENERATED ALWAYS AS (assist_grams(text)) STORED"
        )
        op.execute(f"CREATE INDEX {index} ON {table} USING gin (grams)")
        op.execute(f"ANALYZE {table}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, index in INDEXED:
        op.execute(f"DROP INDEX IF EXISTS {index}")
        op.execute(f"ALTER TABLE {table} DROP COLUMN grams")
        op.execute(f"CREATE INDEX {index} ON {table} USING gin (assist_grams(text))")
