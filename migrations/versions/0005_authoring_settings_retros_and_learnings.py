"""Workspace settings, objective alignment and tags, scores, retros, hypotheses, learnings."""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

from bot.db.models import UTCDateTime

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "workspace_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("timezone", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("cadence", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("cadence_every", sa.Integer(), nullable=True),
        sa.Column("cadence_anchor", sa.Date(), nullable=True),
        sa.Column("prompt_weekday", sa.Integer(), nullable=True),
        sa.Column("prompt_at", sa.Time(), nullable=True),
        sa.Column("reminder_after_hours", sa.Integer(), nullable=True),
        sa.Column("digest_weekday", sa.Integer(), nullable=True),
        sa.Column("digest_at", sa.Time(), nullable=True),
        sa.Column("band_red_max", sa.Integer(), nullable=True),
        sa.Column("band_yellow_max", sa.Integer(), nullable=True),
        sa.Column("retro_below", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workspace_settings")),
    )
    op.create_table(
        "hypothesis",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_result_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("statement", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("impact", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.Integer(), nullable=False),
        sa.Column("ease", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("result", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"], ["member.id"], name=op.f("fk_hypothesis_author_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["key_result_id"],
            ["key_result.id"],
            name=op.f("fk_hypothesis_key_result_id_key_result"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hypothesis")),
    )
    with op.batch_alter_table("hypothesis", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_hypothesis_key_result_id"), ["key_result_id"], unique=False
        )

    op.create_table(
        "retro",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_result_id", sa.Integer(), nullable=False),
        sa.Column("trigger", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("trigger_key", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["key_result_id"],
            ["key_result.id"],
            name=op.f("fk_retro_key_result_id_key_result"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retro")),
        sa.UniqueConstraint(
            "key_result_id", "trigger_key", name=op.f("uq_retro_key_result_id_trigger_key")
        ),
    )
    with op.batch_alter_table("retro", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_retro_key_result_id"), ["key_result_id"], unique=False)

    op.create_table(
        "retro_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("retro_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("what_happened", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("learned", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("next_try", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["member.id"], name=op.f("fk_retro_answer_author_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["retro_id"],
            ["retro.id"],
            name=op.f("fk_retro_answer_retro_id_retro"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retro_answer")),
    )
    with op.batch_alter_table("retro_answer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_retro_answer_retro_id"), ["retro_id"], unique=False)

    op.create_table(
        "retro_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("retro_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("claimed_at", UTCDateTime(), nullable=False),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.Column("reminded_at", UTCDateTime(), nullable=True),
        sa.Column("answered_at", UTCDateTime(), nullable=True),
        sa.Column("channel_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("message_ts", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_retro_request_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["retro_id"],
            ["retro.id"],
            name=op.f("fk_retro_request_retro_id_retro"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retro_request")),
        sa.UniqueConstraint(
            "retro_id", "member_id", name=op.f("uq_retro_request_retro_id_member_id")
        ),
    )
    with op.batch_alter_table("retro_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_retro_request_retro_id"), ["retro_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_retro_request_status"), ["status"], unique=False)

    op.create_table(
        "learning",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_result_id", sa.Integer(), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("retro_answer_id", sa.Integer(), nullable=True),
        sa.Column("hypothesis_id", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["member.id"], name=op.f("fk_learning_author_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["hypothesis_id"],
            ["hypothesis.id"],
            name=op.f("fk_learning_hypothesis_id_hypothesis"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["key_result_id"],
            ["key_result.id"],
            name=op.f("fk_learning_key_result_id_key_result"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["retro_answer_id"],
            ["retro_answer.id"],
            name=op.f("fk_learning_retro_answer_id_retro_answer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learning")),
    )
    with op.batch_alter_table("learning", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_learning_key_result_id"), ["key_result_id"], unique=False
        )

    with op.batch_alter_table("cycle", schema=None) as batch_op:
        batch_op.add_column(sa.Column("closed_at", UTCDateTime(), nullable=True))

    with op.batch_alter_table("key_result", schema=None) as batch_op:
        batch_op.add_column(sa.Column("score", sa.Float(), nullable=True))
        batch_op.add_column(
            sa.Column("score_reason", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True)
        )

    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("slack_admin", sa.Boolean(), nullable=False, server_default=sa.false())
        )

    with op.batch_alter_table("objective", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("tags", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_objective_parent_id_objective"), "objective", ["parent_id"], ["id"]
        )

    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reminder_after_hours", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("band_red_max", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("band_yellow_max", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_column("band_yellow_max")
        batch_op.drop_column("band_red_max")
        batch_op.drop_column("reminder_after_hours")

    with op.batch_alter_table("objective", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_objective_parent_id_objective"), type_="foreignkey")
        batch_op.drop_column("tags")
        batch_op.drop_column("parent_id")

    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_column("slack_admin")

    with op.batch_alter_table("key_result", schema=None) as batch_op:
        batch_op.drop_column("score_reason")
        batch_op.drop_column("score")

    with op.batch_alter_table("cycle", schema=None) as batch_op:
        batch_op.drop_column("closed_at")

    with op.batch_alter_table("learning", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_learning_key_result_id"))

    op.drop_table("learning")
    with op.batch_alter_table("retro_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_retro_request_status"))
        batch_op.drop_index(batch_op.f("ix_retro_request_retro_id"))

    op.drop_table("retro_request")
    with op.batch_alter_table("retro_answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_retro_answer_retro_id"))

    op.drop_table("retro_answer")
    with op.batch_alter_table("retro", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_retro_key_result_id"))

    op.drop_table("retro")
    with op.batch_alter_table("hypothesis", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hypothesis_key_result_id"))

    op.drop_table("hypothesis")
    op.drop_table("workspace_settings")
