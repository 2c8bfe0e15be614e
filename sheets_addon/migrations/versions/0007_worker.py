"""worker: leases, schedule, failures in a row and nudges on flows

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_COLUMNS = ("lease_owner", "lease_expires_at", "next_run_at", "failures", "nudged_at")


def upgrade() -> None:
    with op.batch_alter_table("flows") as flows:
        flows.add_column(sa.Column("lease_owner", sa.String(100)))
        flows.add_column(sa.Column("lease_expires_at", sa.DateTime(timezone=True)))
        flows.add_column(sa.Column("next_run_at", sa.DateTime(timezone=True)))
        flows.add_column(sa.Column("failures", sa.Integer(), nullable=False, server_default="0"))
        flows.add_column(sa.Column("nudged_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    with op.batch_alter_table("flows") as flows:
        for name in reversed(_COLUMNS):
            flows.drop_column(name)
