"""a message names the member it is about, so their withdrawal takes it away

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06 17:08:58.009004

"""
from alembic import op
import sqlalchemy as sa

import clinic_site.platform.database


# revision identifiers, used by Alembic.
revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('member_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_outbox_message_member_id'), ['member_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_outbox_message_member_id_member'), 'member', ['member_id'], ['id'], ondelete='CASCADE')



def downgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_outbox_message_member_id_member'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_outbox_message_member_id'))
        batch_op.drop_column('member_id')

