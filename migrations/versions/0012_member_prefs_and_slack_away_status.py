"""Members' own prompt day, time and reminders; away as their Slack status says."""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.db.models import UTCDateTime

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prompt_weekday", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("prompt_at", sa.Time(), nullable=True))
        batch_op.add_column(
            sa.Column("reminders_off", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("status_away", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("status_away_until", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_column("status_away_until")
        batch_op.drop_column("status_away")
        batch_op.drop_column("reminders_off")
        batch_op.drop_column("prompt_at")
        batch_op.drop_column("prompt_weekday")
