"""sign-in record (identity verification, kept 6 months)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21

"""

import sqlalchemy as sa
from alembic import op

import clinic_site.platform.database

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "sign_in_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", clinic_site.platform.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("account_kind", sa.String(length=10), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("ip", sa.String(length=45), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_record")),
    )
    with op.batch_alter_table("sign_in_record", schema=None) as batch_op:
        batch_op.create_index("ix_sign_in_record_at", ["at"], unique=False)


def downgrade():
    with op.batch_alter_table("sign_in_record", schema=None) as batch_op:
        batch_op.drop_index("ix_sign_in_record_at")
    op.drop_table("sign_in_record")
