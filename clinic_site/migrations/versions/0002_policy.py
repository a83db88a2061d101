"""policy versions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21

"""

import sqlalchemy as sa
from alembic import op

import clinic_site.platform.database

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "policy_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("body_ko", sa.Text(), nullable=True),
        sa.Column("body_en", sa.Text(), nullable=True),
        sa.Column("summary", sa.String(length=500), nullable=False),
        sa.Column("announced_on", sa.Date(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("origin", sa.String(length=10), nullable=False),
        sa.Column("announced_by", sa.Integer(), nullable=True),
        sa.Column("created_at", clinic_site.platform.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", clinic_site.platform.database.UTCDateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_reason", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["announced_by"],
            ["staff_user.id"],
            name=op.f("fk_policy_version_announced_by_staff_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_version")),
        sa.UniqueConstraint("number", name=op.f("uq_policy_version_number")),
    )
    with op.batch_alter_table("policy_version", schema=None) as batch_op:
        batch_op.create_index("ix_policy_version_effective_on", ["effective_on"], unique=False)


def downgrade():
    with op.batch_alter_table("policy_version", schema=None) as batch_op:
        batch_op.drop_index("ix_policy_version_effective_on")
    op.drop_table("policy_version")
