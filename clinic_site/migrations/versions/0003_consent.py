"""cookie consent record

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21

"""

import sqlalchemy as sa
from alembic import op

import clinic_site.platform.database

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "consent_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consent_id", sa.String(length=32), nullable=False),
        sa.Column("choice", sa.String(length=10), nullable=False),
        sa.Column("preferences", sa.Boolean(), nullable=False),
        sa.Column("analytics", sa.Boolean(), nullable=False),
        sa.Column("cookie_revision", sa.Integer(), nullable=False),
        sa.Column("policy_version", sa.Integer(), nullable=True),
        sa.Column("at", clinic_site.platform.database.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_record")),
    )
    with op.batch_alter_table("consent_record", schema=None) as batch_op:
        batch_op.create_index("ix_consent_record_at", ["at"], unique=False)
        batch_op.create_index("ix_consent_record_consent_id", ["consent_id"], unique=False)


def downgrade():
    with op.batch_alter_table("consent_record", schema=None) as batch_op:
        batch_op.drop_index("ix_consent_record_consent_id")
        batch_op.drop_index("ix_consent_record_at")
    op.drop_table("consent_record")
