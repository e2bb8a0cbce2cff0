"""Anonymous "Was this helpful?" ratings and the monthly counters behind the
open performance figures. Neither table has a session id: they outlive the
conversations, and nothing in them leads back to one.

Revision ID: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("topic_id", sa.String(80), nullable=False),
        sa.Column("section_id", sa.String(160), nullable=True),
        sa.Column("helpful", sa.Boolean, nullable=False),
        sa.Column("reason", sa.String(32), nullable=True),
        sa.Column("rated_on", sa.Date, nullable=False),
    )
    op.create_index("ix_feedback_topic", "feedback", ["topic_id", "rated_on"])
    op.create_table(
        "monthly_counts",
        sa.Column("month", sa.String(7), primary_key=True),
        sa.Column("metric", sa.String(32), primary_key=True),
        sa.Column("count", sa.Integer, nullable=False, server_default=sa.text("0")),
    )


def downgrade() -> None:
    op.drop_table("monthly_counts")
    op.drop_index("ix_feedback_topic", table_name="feedback")
    op.drop_table("feedback")
