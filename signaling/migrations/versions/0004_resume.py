"""Sessions survive a server restart: the customer's resume token (hashed) on the session.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("resume_hash", sa.String(64), nullable=True))
    # Restoring after a restart looks for admitted sessions that have not ended.
    op.create_index("ix_sessions_open", "sessions", ["ended_at", "admitted_at"])


def downgrade() -> None:
    op.drop_index("ix_sessions_open", "sessions")
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("resume_hash")
