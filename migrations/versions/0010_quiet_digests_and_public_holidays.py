"""Teams may opt in to pinging blockers' owners; members, teams, workspace name holiday regions."""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("mention_blockers", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("holidays", sa.String(length=16), nullable=True))
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("holidays", sa.String(length=16), nullable=True))
    with op.batch_alter_table("workspace_settings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("holidays", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("workspace_settings", schema=None) as batch_op:
        batch_op.drop_column("holidays")
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_column("holidays")
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_column("holidays")
        batch_op.drop_column("mention_blockers")
