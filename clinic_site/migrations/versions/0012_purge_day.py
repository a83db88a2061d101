"""purge day: one machine purges the shared database each clinic day

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-22 08:25:00

"""
from alembic import op
import sqlalchemy as sa

import clinic_site.platform.database


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('purge_day',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('instance', sa.String(length=200), nullable=False),
    sa.Column('claimed_at', clinic_site.platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_purge_day'))
    )


def downgrade():
    op.drop_table('purge_day')
