"""Key-result sources: where each value comes from, its health, webhook token hashes, push ids."""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

from bot.db.models import UTCDateTime

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kr_source",
        sa.Column("key_result_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("path", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("query", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("cell", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=True),
        sa.Column("row_label", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("column_label", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("every_seconds", sa.Integer(), nullable=True),
        sa.Column("headers", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("next_due_at", UTCDateTime(), nullable=True),
        sa.Column("last_success_at", UTCDateTime(), nullable=True),
        sa.Column("last_value", sa.Float(), nullable=True),
        sa.Column("last_error", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("last_error_at", UTCDateTime(), nullable=True),
        sa.Column("failures_in_a_row", sa.Integer(), nullable=False),
        sa.Column("failing_since", UTCDateTime(), nullable=True),
        sa.Column("owner_told_failing", sa.Boolean(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("push_tokens", sa.Float(), nullable=True),
        sa.Column("push_counted_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["key_result_id"],
            ["key_result.id"],
            name=op.f("fk_kr_source_key_result_id_key_result"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key_result_id", name=op.f("pk_kr_source")),
    )
    with op.batch_alter_table("kr_source", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kr_source_next_due_at"), ["next_due_at"], unique=False)

    op.create_table(
        "source_push",
        sa.Column("key_result_id", sa.Integer(), nullable=False),
        sa.Column("push_id", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["key_result_id"],
            ["key_result.id"],
            name=op.f("fk_source_push_key_result_id_key_result"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key_result_id", "push_id", name=op.f("pk_source_push")),
    )


def downgrade() -> None:
    op.drop_table("source_push")
    with op.batch_alter_table("kr_source", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kr_source_next_due_at"))

    op.drop_table("kr_source")
