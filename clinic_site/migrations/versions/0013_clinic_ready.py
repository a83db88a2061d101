"""the owner's first hour: the representative and business number in the footer, placeholder
doctors kept off public pages until the owner names them

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 15:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('clinic_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('representative', sa.String(length=60), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('representative_en', sa.String(length=60), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('business_number', sa.String(length=12), nullable=False, server_default=''))
    with op.batch_alter_table('doctor', schema=None) as batch_op:
        batch_op.add_column(sa.Column('placeholder', sa.Boolean(), nullable=False, server_default=sa.false()))
    # The doctor a first start makes ("원장"/"Director") is a placeholder until the owner saves it.
    op.execute("UPDATE doctor SET placeholder = true WHERE id = 1 AND name_ko = '원장' AND name_en = 'Director'")


def downgrade():
    with op.batch_alter_table('doctor', schema=None) as batch_op:
        batch_op.drop_column('placeholder')
    with op.batch_alter_table('clinic_settings', schema=None) as batch_op:
        batch_op.drop_column('business_number')
        batch_op.drop_column('representative_en')
        batch_op.drop_column('representative')
