"""Alembic's entry point: runs migrations on the engine handed over by
`bot.db.migrate` (never a URL from a file, so no secret sits in the repo)."""

from __future__ import annotations

from alembic import context

from bot.db.tables import metadata

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=engine.dialect.name == "sqlite")
    context.run_migrations()
