"""number series: each company's next sale and contract number, handed out across processes

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "number_series",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("series", sa.String(20), primary_key=True),
        sa.Column("next_number", sa.BigInteger(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("number_series")
