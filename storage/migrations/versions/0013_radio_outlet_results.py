"""radio outlet results: what each outlet (drop folder, Icecast, vendor upload) did with each occurrence

Revision ID: 0013
Revises: 0011

One row per occurrence and outlet: ok | failed | queued (an Icecast push waiting for air time) |
streaming, the reason and the time of the last result, the attempts it took. An Icecast push is claimed
on its row by the streamer process (claimed_by: host, pid, start; claimed_at refreshed as it streams,
progress_s the program seconds sent), so a streamer that died is taken over by the next pass and goes on
from where it stopped. reported_at: when a pass counted the failure (it exits 1 once for it).

The outlets already recorded in each occurrence's as-run (JSON) are copied in, their failures taken as
reported.
"""
import json

import sqlalchemy as sa
from alembic import op

import storage.models.base

revision = "0013"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "radio_outlet_result",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurrence_id", sa.Integer(), nullable=False),
        sa.Column("outlet", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("at", storage.models.base.UTCDateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("claimed_by", sa.String(length=120), nullable=True),
        sa.Column("claimed_at", storage.models.base.UTCDateTime(), nullable=True),
        sa.Column("progress_s", sa.Float(), nullable=True),
        sa.Column("reported_at", storage.models.base.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["occurrence_id"], ["radio_occurrence.id"],
                                name=op.f("fk_radio_outlet_result_occurrence_id_radio_occurrence")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_radio_outlet_result")),
        sa.UniqueConstraint("occurrence_id", "outlet", name=op.f("uq_radio_outlet_result_occurrence_id_outlet")),
    )
    _copy_as_run()


def _copy_as_run() -> None:
    bind = op.get_bind()
    when = storage.models.base.UTCDateTime
    table = sa.table("radio_outlet_result", *(sa.column(n) for n in (
        "occurrence_id", "outlet", "status", "reason", "attempts", "detail")),
        *(sa.column(n, when()) for n in ("at", "claimed_at", "reported_at")))
    occurrences = sa.table("radio_occurrence", sa.column("id"), sa.column("as_run"),
                           *(sa.column(n, when()) for n in ("push_claimed_at", "delivered_at", "updated_at")))
    rows = []
    for occ in bind.execute(sa.select(occurrences).where(occurrences.c.as_run.is_not(None))):
        try:
            outlets = json.loads(occ.as_run).get("outlets") or {}
        except (ValueError, AttributeError):
            continue
        at = occ.delivered_at or occ.updated_at
        for name, result in outlets.items():
            if not isinstance(result, dict):
                continue
            queued = name == "icecast" and result.get("queued") and result.get("ok")
            status = ("queued" if occ.push_claimed_at is None else "streaming") if queued else \
                ("ok" if result.get("ok") else "failed")
            rows.append({"occurrence_id": occ.id, "outlet": name[:32], "status": status,
                         "reason": result.get("error"), "at": at, "attempts": result.get("attempts"),
                         "detail": json.dumps({("airs_at" if k == "at" else k): v for k, v in result.items()
                                               if k not in ("ok", "error", "attempts", "queued")}),
                         "claimed_at": occ.push_claimed_at if queued else None, "reported_at": at})
    if rows:
        op.bulk_insert(table, rows)


def downgrade() -> None:
    op.drop_table("radio_outlet_result")
