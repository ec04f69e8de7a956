"""Sessions belong to the server that runs them: a row per running server with its heartbeat,
and the owner's id on each session, so a server starting on a shared database restores only
what servers that are gone left behind (see signaling/store/owners.py).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "server_owners",
        sa.Column("owner_id", sa.String(32), primary_key=True),
        sa.Column("hostname", sa.String(255), nullable=False),
        sa.Column("pid", sa.Integer, nullable=False),
        # Boot, pid namespace, user, pid and start time: tells a server on the same machine
        # for certain that this one's process has gone.
        sa.Column("process", sa.String(200), nullable=False),
        # Seconds: others take this server for gone once its heartbeat is older.
        sa.Column("stale_after", sa.Float, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
    )
    # No foreign key: an owner's row goes when it stops, while its sessions stay open for
    # the next server to restore ("no row" is one way of being gone).
    op.add_column("sessions", sa.Column("owner_id", sa.String(32), nullable=True))


def downgrade() -> None:
    # Both SQLite (3.35 and newer) and PostgreSQL drop a column in place; a batch
    # operation would copy the sessions table, which the search index's triggers lock.
    op.execute("ALTER TABLE sessions DROP COLUMN owner_id")
    op.drop_table("server_owners")
