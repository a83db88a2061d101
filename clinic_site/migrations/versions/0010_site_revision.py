"""site revision

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-22 05:10:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table('site_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_site_revision'))
    )
    # The one row every change raises; pages compare their copies with it.
    op.bulk_insert(table, [{'id': 1, 'number': 0}])


def downgrade():
    op.drop_table('site_revision')
