"""Sessions remember whether special category data was seen in them, so the
shorter retention period can apply.

Revision ID: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


# Plain ALTER TABLE, never a batch copy: on SQLite a copy drops `sessions`,
# and with foreign keys on that would delete every message with it.
def upgrade() -> None:
    op.add_column("sessions", sa.Column("special_category", sa.Boolean, nullable=False,
                                        server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("sessions", "special_category")
