"""Customers in the search index: the grams of their name, e-mail and customer number.

Every search also looks for matching customers; that was three ``LIKE '%…%'`` over the whole
table, 15–50 ms at 20 000 customers. The grams of the three fields together (separated by a
space, so no bigram spans two fields) find the candidates; each field is then checked for
the normalized query (see signaling/store/search.py).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _document(row: str) -> str:
    return (
        f"assist_grams({row}display_name || ' ' || coalesce({row}email, '') || ' ' || "
        f"coalesce({row}customer_number, ''))"
    )


def _sqlite_upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE customer_fts USING fts5(grams, content='', detail=none, "
        "columnsize=0, tokenize='ascii')"
    )
    op.execute(f"INSERT INTO customer_fts(rowid, grams) SELECT id, {_document('')} FROM customers")
    insert = f"INSERT INTO customer_fts(rowid, grams) VALUES (new.id, {_document('new.')});"
    delete = (
        "INSERT INTO customer_fts(customer_fts, rowid, grams) "
        f"VALUES ('delete', old.id, {_document('old.')});"
    )
    op.execute(f"CREATE TRIGGER customer_fts_insert AFTER INSERT ON customers BEGIN {insert} END")
    op.execute(f"CREATE TRIGGER customer_fts_delete AFTER DELETE ON customers BEGIN {delete} END")
    op.execute(
        "CREATE TRIGGER customer_fts_update AFTER UPDATE OF display_name, email, "
        f"customer_number ON customers BEGIN {delete} {insert} END"
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_upgrade()
        return
    op.execute(
        f"ALTER TABLE customers ADD COLUMN grams text[] GENERATED ALWAYS AS ({_document('')}) "
        "STORED"
    )
    op.execute("CREATE INDEX ix_customers_grams ON customers USING gin (grams)")
    op.execute("ANALYZE customers")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS customer_fts_{trigger}")
        op.execute("DROP TABLE IF EXISTS customer_fts")
        return
    op.execute("DROP INDEX IF EXISTS ix_customers_grams")
    op.execute("ALTER TABLE customers DROP COLUMN grams")
