"""how each patient is told: a member's, an inquiry author's, a guest's and a caller's choice

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06 16:55:28.203263

"""
from alembic import op
import sqlalchemy as sa

import clinic_site.platform.database


# revision identifiers, used by Alembic.
revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('consultation_post', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notify', sa.String(length=8), nullable=False, server_default='none'))

    # Members were told by e-mail before: they keep it until they choose.
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notify', sa.String(length=8), nullable=False, server_default='email'))

    with op.batch_alter_table('reservation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notify', sa.String(length=8), nullable=True))

    with op.batch_alter_table('reservation_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notify', sa.String(length=8), nullable=False, server_default='none'))



def downgrade():
    with op.batch_alter_table('reservation_request', schema=None) as batch_op:
        batch_op.drop_column('notify')

    with op.batch_alter_table('reservation', schema=None) as batch_op:
        batch_op.drop_column('notify')

    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.drop_column('notify')

    with op.batch_alter_table('consultation_post', schema=None) as batch_op:
        batch_op.drop_column('notify')

