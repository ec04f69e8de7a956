"""Alembic migrations of the server's database (run by ``assist-signaling db upgrade``)."""
