"""spreadsheet access: when a person last proved they can edit a spreadsheet

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08
"""
import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "spreadsheet_access",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("spreadsheet_id", sa.String(200), nullable=False),
        sa.Column("proved_at", sa.DateTime(timezone=True)),
        sa.Column("method", sa.String(32)),
        sa.Column("refused_at", sa.DateTime(timezone=True)),
        sa.Column("refused_reason", sa.String(500)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("user_id", "spreadsheet_id", name="uq_spreadsheet_access_user_sheet"),
    )


def downgrade() -> None:
    op.drop_table("spreadsheet_access")
