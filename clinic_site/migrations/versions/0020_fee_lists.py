"""the fee lists as Korean clinics show them: columns per line, certificate fees' announced
changes, and the clinic's other channels

Revision ID: 0020
Revises: 0017
Create Date: 2026-12-06 16:32:54.051144

"""
from alembic import op
import sqlalchemy as sa

import clinic_site.platform.database


# revision identifiers, used by Alembic.
revision = '0020'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('fee_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fee_id', sa.Integer(), nullable=False),
    sa.Column('price', sa.Integer(), nullable=False),
    sa.Column('price_max', sa.Integer(), nullable=True),
    sa.Column('previous_price', sa.Integer(), nullable=False),
    sa.Column('previous_price_max', sa.Integer(), nullable=True),
    sa.Column('announced_on', sa.Date(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('created_at', clinic_site.platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('price >= 0', name=op.f('ck_fee_change_change_price_not_negative')),
    sa.ForeignKeyConstraint(['fee_id'], ['fee.id'], name=op.f('fk_fee_change_fee_id_fee'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fee_change'))
    )
    with op.batch_alter_table('fee_change', schema=None) as batch_op:
        batch_op.create_index('ix_fee_change_fee_id', ['fee_id'], unique=False)

    with op.batch_alter_table('clinic_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kakao_channel_url', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('naver_place_url', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('social_url', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('silson24', sa.Boolean(), nullable=False, server_default=sa.false()))

    with op.batch_alter_table('fee', schema=None) as batch_op:
        batch_op.add_column(sa.Column('category', sa.String(length=60), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('code', sa.String(length=20), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('materials', sa.String(length=10), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('item', sa.String(length=40), nullable=True))



def downgrade():
    with op.batch_alter_table('fee', schema=None) as batch_op:
        batch_op.drop_column('item')
        batch_op.drop_column('materials')
        batch_op.drop_column('code')
        batch_op.drop_column('category')

    with op.batch_alter_table('clinic_settings', schema=None) as batch_op:
        batch_op.drop_column('silson24')
        batch_op.drop_column('social_url')
        batch_op.drop_column('naver_place_url')
        batch_op.drop_column('kakao_channel_url')

    with op.batch_alter_table('fee_change', schema=None) as batch_op:
        batch_op.drop_index('ix_fee_change_fee_id')

    op.drop_table('fee_change')
