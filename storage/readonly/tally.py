"""The quota rollup of one local year (`published_mask`, kept by storage.counting), tallied in Core over
storage.readonly.tables: `loa quota status` and the reports count from it without importing the ORM."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from storage.errors import InvalidInput
from storage.readonly.tables import published_mask as mask
from storage.readonly.tables import unit


@dataclass(frozen=True)
class Tally:
    """One local year, per (unit code, channel): {month mask: number of articles with exactly that mask}."""

    year: int
    masks: dict[tuple[str, str], dict[int, int]]

    def counts(self, first_month: int, months: int) -> dict[tuple[str, str], int]:
        """{(unit code, channel): distinct articles published in those local months}, like `published_counts`."""
        if not (1 <= first_month and months >= 1 and first_month + months <= 13):
            raise InvalidInput(f"months {first_month}..{first_month + months - 1} are not within one year")
        window = ((1 << months) - 1) << (first_month - 1)
        out: dict[tuple[str, str], int] = {}
        for key, by_mask in self.masks.items():
            n = sum(count for mask, count in by_mask.items() if mask & window)
            if n:
                out[key] = n
        return out


def tally(db: Connection, *, commune_id: int, year: int) -> Tally:
    """The rollup of one local year, grouped by unit, channel and mask: one covering-index scan."""
    query = (
        select(mask.c.unit_id, mask.c.channel, mask.c.mask, func.count())
        .where(mask.c.commune_id == commune_id, mask.c.year == year)
        .group_by(mask.c.unit_id, mask.c.channel, mask.c.mask)
    )
    codes: dict[int, str] = dict(db.execute(select(unit.c.id, unit.c.code).where(unit.c.commune_id == commune_id))
                                 .tuples().all())
    masks: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    for unit_id, channel, months, n in db.execute(query):
        masks[(codes[unit_id], channel)][int(months)] = int(n)
    return Tally(year, dict(masks))
