"""Events API deliveries are claimed by event_id, so a redelivered event is handled once."""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

from bot.db.models import UTCDateTime

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "slack_event_claim",
        sa.Column("event_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_slack_event_claim")),
    )
    with op.batch_alter_table("slack_event_claim", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_slack_event_claim_received_at"), ["received_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("slack_event_claim", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_slack_event_claim_received_at"))
    op.drop_table("slack_event_claim")
