"""The gateway's own tables (sessions, messages, handoffs, agents, console
sessions, audit log), in one place, through SQLAlchemy Core so that the same
code runs on SQLite by default and on PostgreSQL by URL alone. The schema
changes only by Alembic migration (`bot/db/migrations/`)."""

from bot.db.engine import connect, database_url
from bot.db.migrate import upgrade

__all__ = ["connect", "database_url", "upgrade"]
