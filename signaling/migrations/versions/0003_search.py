"""Search index over transcripts and notes (unigrams and bigrams, see signaling/store/search.py).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

#: The index's tables: (table, its FTS5 table on SQLite, its GIN index on PostgreSQL).
INDEXED = (
    ("messages", "message_fts", "ix_messages_grams"),
    ("notes", "note_fts", "ix_notes_grams"),
)

# The same grams as signaling.store.search.grams: NFKC, lower case, then the unigrams and
# bigrams of each run of letters and digits.
POSTGRES_FUNCTIONS = (
    """
    CREATE OR REPLACE FUNCTION assist_norm(t text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN lower(normalize(t, NFKC))
    """,
    """
    CREATE OR REPLACE FUNCTION assist_grams(t text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ARRAY(
        SELECT DISTINCT substr(w, i, n)
        FROM regexp_split_to_table(assist_norm(t), '[^[:alnum:]]+') AS w,
             generate_series(1, length(w)) AS i,
             (VALUES (1), (2)) AS k(n)
        WHERE i + n - 1 <= length(w)
    )
    """,
)


def _sqlite_upgrade() -> None:
    for table, fts, _ in INDEXED:
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5(grams, content='', detail=none, columnsize=0, "
            "tokenize='ascii')"
        )
        op.execute(f"INSERT INTO {fts}(rowid, grams) SELECT id, assist_grams(text) FROM {table}")
        op.execute(
            f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, grams) VALUES (new.id, assist_grams(new.text)); END"
        )
        delete = (
            f"INSERT INTO {fts}({fts}, rowid, grams) "
            f"VALUES ('delete', old.id, assist_grams(old.text));"
        )
        op.execute(f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {delete} END")
        op.execute(
            f"CREATE TRIGGER {fts}_update AFTER UPDATE OF text ON {table} BEGIN {delete} "
            f"INSERT INTO {fts}(rowid, grams) VALUES (new.id, assist_grams(new.text)); END"
        )


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_upgrade()
        return
    for statement in POSTGRES_FUNCTIONS:
        op.execute(statement)
    for table, _, index in INDEXED:
        op.execute(f"CREATE INDEX {index} ON {table} USING gin (assist_grams(text))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for _, fts, _ in INDEXED:
            for trigger in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS {fts}_{trigger}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
        return
    for _, _, index in INDEXED:
        op.execute(f"DROP INDEX IF EXISTS {index}")
    op.execute("DROP FUNCTION IF EXISTS assist_grams(text)")
    op.execute("DROP FUNCTION IF EXISTS assist_norm(text)")
