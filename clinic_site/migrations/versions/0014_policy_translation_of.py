"""a policy version says which version its translation translates

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 16:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('policy_version', schema=None) as batch_op:
        batch_op.add_column(sa.Column('translation_of', sa.Integer(), nullable=True))
    # Versions announced before: a translation stored with a version is taken as its own.
    op.execute(
        "UPDATE policy_version SET translation_of = number "
        "WHERE body_ko IS NOT NULL AND body_en IS NOT NULL"
    )


def downgrade():
    with op.batch_alter_table('policy_version', schema=None) as batch_op:
        batch_op.drop_column('translation_of')
