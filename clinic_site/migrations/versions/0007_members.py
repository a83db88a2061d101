"""members and clinic news; a member's inquiries go with the member

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22

"""

import sqlalchemy as sa
from alembic import op

import clinic_site.platform.database

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

UTC = clinic_site.platform.database.UTCDateTime(timezone=True)


def upgrade():
    op.create_table(
        "member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("mobile", sa.String(length=13), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("email_opt_in", sa.Boolean(), nullable=False),
        sa.Column("is_child", sa.Boolean(), nullable=False),
        sa.Column("guardian_name", sa.String(length=50), nullable=True),
        sa.Column("guardian_mobile", sa.String(length=13), nullable=True),
        sa.Column("guardian_confirmed_at", UTC, nullable=True),
        sa.Column("guardian_confirmed_by", sa.Integer(), nullable=True),
        sa.Column("held_at", UTC, nullable=True),
        sa.Column("hold_reason", sa.String(length=30), nullable=True),
        sa.Column("consent_policy_version", sa.Integer(), nullable=True),
        sa.Column("agreed_at", UTC, nullable=False),
        sa.Column("session_token", sa.String(length=32), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("last_login_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["guardian_confirmed_by"],
            ["staff_user.id"],
            name=op.f("fk_member_guardian_confirmed_by_staff_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member")),
        sa.UniqueConstraint("username", name=op.f("uq_member_username")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "news_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=150), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("last_member_id", sa.Integer(), nullable=False),
        sa.Column("sent_count", sa.Integer(), nullable=False),
        sa.Column("failed_count", sa.Integer(), nullable=False),
        sa.Column("finished_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["staff_user.id"],
            name=op.f("fk_news_message_created_by_staff_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_message")),
    )
    # On SQLite the table is rebuilt to add the foreign key: keep AUTOINCREMENT, and keep the
    # highest number ever given, so no inquiry number is ever given twice.
    sqlite = op.get_bind().dialect.name == "sqlite"
    seq = _sequence("consultation_post") if sqlite else None
    with op.batch_alter_table(
        "consultation_post", schema=None, table_kwargs={"sqlite_autoincrement": True}
    ) as batch_op:
        batch_op.create_index("ix_consultation_post_member_id", ["member_id"], unique=False)
        batch_op.create_foreign_key(
            "fk_consultation_post_member_id_member",
            "member",
            ["member_id"],
            ["id"],
            ondelete="CASCADE",
        )
    if seq is not None:
        op.execute(
            sa.text("UPDATE sqlite_sequence SET seq = MAX(seq, :seq) WHERE name = :name").bindparams(
                seq=seq, name="consultation_post"
            )
        )


def _sequence(table: str) -> int | None:
    return op.get_bind().execute(
        sa.text("SELECT seq FROM sqlite_sequence WHERE name = :name"), {"name": table}
    ).scalar()


def downgrade():
    with op.batch_alter_table(
        "consultation_post", schema=None, table_kwargs={"sqlite_autoincrement": True}
    ) as batch_op:
        batch_op.drop_constraint("fk_consultation_post_member_id_member", type_="foreignkey")
        batch_op.drop_index("ix_consultation_post_member_id")
    op.drop_table("news_message")
    op.drop_table("member")
