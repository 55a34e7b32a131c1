"""quota view: each commune's units, quotas and time zone as JSON beside its plan

Revision ID: 0010
Revises: 0008

Written from the validated plan whenever a plan is loaded (schedules.quota_view), so that counting a month
against the quotas (`loa quota status`) does not parse and validate the whole plan again. Filled here for
the plans already loaded; a plan that no longer parses keeps it empty, and is parsed in full as before.
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("commune", sa.Column("quota_view", sa.Text(), server_default="", nullable=False))  # no rebuild
    from schedules.errors import ScheduleError
    from schedules.plan import parse_plan

    bind = op.get_bind()
    for commune_id, code, plan_yaml in bind.execute(sa.text("SELECT id, code, plan_yaml FROM commune")).all():
        try:
            view = parse_plan(plan_yaml, source=f"stored plan of {code}").quota_view().to_json()
        except (ScheduleError, ValueError):
            continue
        bind.execute(sa.text("UPDATE commune SET quota_view = :view WHERE id = :id"), {"view": view, "id": commune_id})


def downgrade() -> None:
    with op.batch_alter_table("commune") as batch:
        batch.drop_column("quota_view")
