"""consultation board: posts and replies

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21

"""

import sqlalchemy as sa
from alembic import op

import clinic_site.platform.database

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "consultation_post",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("mobile", sa.String(length=13), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", clinic_site.platform.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clinic_site.platform.database.UTCDateTime(timezone=True), nullable=True),
        sa.Column(
            "last_reply_at", clinic_site.platform.database.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("agree_privacy", sa.Boolean(), nullable=False),
        sa.Column("agree_sensitive", sa.Boolean(), nullable=False),
        sa.Column("consent_policy_version", sa.Integer(), nullable=True),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_post")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("consultation_post", schema=None) as batch_op:
        batch_op.create_index(
            "ix_consultation_post_created_at_id", ["created_at", "id"], unique=False
        )
        batch_op.create_index(
            "ix_consultation_post_last_reply_at", ["last_reply_at"], unique=False
        )

    op.create_table(
        "consultation_reply",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("staff_name", sa.String(length=60), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", clinic_site.platform.database.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["consultation_post.id"],
            name=op.f("fk_consultation_reply_post_id_consultation_post"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_user.id"],
            name=op.f("fk_consultation_reply_staff_id_staff_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_reply")),
    )
    with op.batch_alter_table("consultation_reply", schema=None) as batch_op:
        batch_op.create_index("ix_consultation_reply_post_id", ["post_id"], unique=False)


def downgrade():
    with op.batch_alter_table("consultation_reply", schema=None) as batch_op:
        batch_op.drop_index("ix_consultation_reply_post_id")
    op.drop_table("consultation_reply")
    with op.batch_alter_table("consultation_post", schema=None) as batch_op:
        batch_op.drop_index("ix_consultation_post_last_reply_at")
        batch_op.drop_index("ix_consultation_post_created_at_id")
    op.drop_table("consultation_post")
