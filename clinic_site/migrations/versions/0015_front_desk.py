"""the front desk: callers who are not members on the schedule, and blocked time

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 17:00:00

"""
from alembic import op
import sqlalchemy as sa

import clinic_site.platform.database


# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('reservation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('patient_name', sa.String(length=50), nullable=True))
        batch_op.add_column(sa.Column('patient_mobile', sa.String(length=13), nullable=True))
    op.create_table('schedule_block',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('doctor_id', sa.Integer(), nullable=True),
    sa.Column('starts_at', clinic_site.platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', clinic_site.platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('created_at', clinic_site.platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['staff_user.id'], name=op.f('fk_schedule_block_created_by_staff_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['doctor_id'], ['doctor.id'], name=op.f('fk_schedule_block_doctor_id_doctor'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_schedule_block'))
    )
    op.create_index('ix_schedule_block_ends_at', 'schedule_block', ['ends_at'], unique=False)


def downgrade():
    op.drop_index('ix_schedule_block_ends_at', table_name='schedule_block')
    op.drop_table('schedule_block')
    with op.batch_alter_table('reservation', schema=None) as batch_op:
        batch_op.drop_column('patient_mobile')
        batch_op.drop_column('patient_name')
