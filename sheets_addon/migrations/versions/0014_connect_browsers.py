"""connect browsers: each OAuth state remembers the browser that opened its link and whether that
browser was shown to be the person's

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08
"""
import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("oauth_states") as states:
        states.add_column(sa.Column("browser_digest", sa.String(64)))
        states.add_column(sa.Column("person_checked_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    with op.batch_alter_table("oauth_states") as states:
        states.drop_column("person_checked_at")
        states.drop_column("browser_digest")
