"""Team cadences, prompt reminders and period ends, and earlier versions of check-ins."""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

from bot.db.models import UTCDateTime

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "check_in_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("check_in_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("confidence", sa.Integer(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("blocker", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["member.id"], name=op.f("fk_check_in_version_author_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["check_in_id"],
            ["check_in.id"],
            name=op.f("fk_check_in_version_check_in_id_check_in"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_in_version")),
    )
    with op.batch_alter_table("check_in_version", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_check_in_version_check_in_id"), ["check_in_id"], unique=False
        )

    with op.batch_alter_table("prompt", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reminded_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("ends_at", UTCDateTime(), nullable=True))

    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("cadence", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True)
        )
        batch_op.add_column(sa.Column("cadence_every", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("cadence_anchor", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("prompt_weekday", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("prompt_at", sa.Time(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_column("prompt_at")
        batch_op.drop_column("prompt_weekday")
        batch_op.drop_column("cadence_anchor")
        batch_op.drop_column("cadence_every")
        batch_op.drop_column("cadence")

    with op.batch_alter_table("prompt", schema=None) as batch_op:
        batch_op.drop_column("ends_at")
        batch_op.drop_column("reminded_at")

    with op.batch_alter_table("check_in_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_check_in_version_check_in_id"))

    op.drop_table("check_in_version")
