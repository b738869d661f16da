"""The first schema: members, teams, cycles, objectives, key results, check-ins and prompts."""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

from bot.db.models import UTCDateTime

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "cycle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycle")),
        sa.UniqueConstraint("name", name=op.f("uq_cycle_name")),
    )
    op.create_table(
        "member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slack_user_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("display_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("timezone", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("profile_fetched_at", UTCDateTime(), nullable=True),
        sa.Column("dm_channel_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("is_admin", sa.Boolean(), nullable=False),
        sa.Column("deactivated", sa.Boolean(), nullable=False),
        sa.Column("away_until", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member")),
        sa.UniqueConstraint("slack_user_id", name=op.f("uq_member_slack_user_id")),
    )
    op.create_table(
        "team",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("channel_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("timezone", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["parent_id"], ["team.id"], name=op.f("fk_team_parent_id_team")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team")),
        sa.UniqueConstraint("name", name=op.f("uq_team_name")),
    )
    op.create_table(
        "objective",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["cycle_id"], ["cycle.id"], name=op.f("fk_objective_cycle_id_cycle")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["member.id"], name=op.f("fk_objective_owner_id_member")
        ),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_objective_team_id_team")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objective")),
        sa.UniqueConstraint(
            "cycle_id", "team_id", "title", name=op.f("uq_objective_cycle_id_team_id_title")
        ),
    )
    with op.batch_alter_table("objective", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_objective_cycle_id"), ["cycle_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_objective_team_id"), ["team_id"], unique=False)

    op.create_table(
        "prompt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("claimed_at", UTCDateTime(), nullable=False),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.Column("snoozed_until", UTCDateTime(), nullable=True),
        sa.Column("answered_at", UTCDateTime(), nullable=True),
        sa.Column("channel_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("message_ts", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_prompt_member_id_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prompt")),
        sa.UniqueConstraint("member_id", "period", name=op.f("uq_prompt_member_id_period")),
    )
    with op.batch_alter_table("prompt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_prompt_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_prompt_status"), ["status"], unique=False)

    op.create_table(
        "team_member",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("is_lead", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_team_member_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_team_member_team_id_team"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("team_id", "member_id", name=op.f("pk_team_member")),
    )
    op.create_table(
        "key_result",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("objective_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("kr_type", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("start_value", sa.Float(), nullable=False),
        sa.Column("target_value", sa.Float(), nullable=False),
        sa.Column("unit", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("indicator", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
        sa.Column("archived_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["objective_id"], ["objective.id"], name=op.f("fk_key_result_objective_id_objective")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["member.id"], name=op.f("fk_key_result_owner_id_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_key_result")),
        sa.UniqueConstraint("objective_id", "title", name=op.f("uq_key_result_objective_id_title")),
    )
    with op.batch_alter_table("key_result", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_key_result_objective_id"), ["objective_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_key_result_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "check_in",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_result_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("confidence", sa.Integer(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("blocker", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["member.id"], name=op.f("fk_check_in_author_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["key_result_id"], ["key_result.id"], name=op.f("fk_check_in_key_result_id_key_result")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_in")),
        sa.UniqueConstraint(
            "key_result_id", "period", name=op.f("uq_check_in_key_result_id_period")
        ),
    )
    with op.batch_alter_table("check_in", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_check_in_key_result_id"), ["key_result_id"], unique=False
        )

    op.create_table(
        "kr_contributor",
        sa.Column("key_result_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["key_result_id"],
            ["key_result.id"],
            name=op.f("fk_kr_contributor_key_result_id_key_result"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_kr_contributor_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key_result_id", "member_id", name=op.f("pk_kr_contributor")),
    )


def downgrade() -> None:
    op.drop_table("kr_contributor")
    with op.batch_alter_table("check_in", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_check_in_key_result_id"))

    op.drop_table("check_in")
    with op.batch_alter_table("key_result", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_key_result_owner_id"))
        batch_op.drop_index(batch_op.f("ix_key_result_objective_id"))

    op.drop_table("key_result")
    op.drop_table("team_member")
    with op.batch_alter_table("prompt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_prompt_status"))
        batch_op.drop_index(batch_op.f("ix_prompt_member_id"))

    op.drop_table("prompt")
    with op.batch_alter_table("objective", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_objective_team_id"))
        batch_op.drop_index(batch_op.f("ix_objective_cycle_id"))

    op.drop_table("objective")
    op.drop_table("team")
    op.drop_table("member")
    op.drop_table("cycle")
