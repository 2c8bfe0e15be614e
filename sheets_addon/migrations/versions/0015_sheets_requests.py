"""sheets requests: the service account's Sheets requests per person in the last minute, for the
worker's fair share of Google's quota; flow runs indexed by start, for each owner's runs of the minute

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-08
"""
import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sheets_requests",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("owner_id", sa.Integer()),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("at", sa.Double(), nullable=False),
    )
    op.create_index("ix_sheets_requests_at", "sheets_requests", ["at"])
    op.create_index("ix_flow_runs_started", "flow_runs", ["started_at"])


def downgrade() -> None:
    op.drop_index("ix_flow_runs_started", table_name="flow_runs")
    op.drop_index("ix_sheets_requests_at", table_name="sheets_requests")
    op.drop_table("sheets_requests")
