"""sales log: flow columns and bookmark, and the sale → row ledger

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("flows") as flows:
        flows.add_column(sa.Column("columns", sa.JSON()))
        flows.add_column(sa.Column("bookmark", sa.JSON()))
    op.create_table(
        "sale_rows",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("flow_id", sa.Integer(), sa.ForeignKey("flows.id", ondelete="CASCADE"), nullable=False),
        sa.Column("sale_id", sa.String(64), nullable=False),
        sa.Column("sale_number", sa.Integer()),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True)),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("row_hint", sa.Integer()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("flow_id", "sale_id", name="uq_sale_rows_flow_sale"),
    )


def downgrade() -> None:
    op.drop_table("sale_rows")
    with op.batch_alter_table("flows") as flows:
        flows.drop_column("bookmark")
        flows.drop_column("columns")
