"""When each key result was made and since when its owner has had it."""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.db.models import UTCDateTime

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing rows stay NULL: they were there before anything now due fell due.
    with op.batch_alter_table("key_result", schema=None) as batch_op:
        batch_op.add_column(sa.Column("created_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("owner_since", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("key_result", schema=None) as batch_op:
        batch_op.drop_column("owner_since")
        batch_op.drop_column("created_at")
