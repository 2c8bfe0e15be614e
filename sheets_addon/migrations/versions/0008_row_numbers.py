"""row records: the row number a cycle last found each ledger entry's row at

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("row_records") as row_records:
        row_records.add_column(sa.Column("row_number", sa.Integer()))


def downgrade() -> None:
    with op.batch_alter_table("row_records") as row_records:
        row_records.drop_column("row_number")
