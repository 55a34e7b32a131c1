"""What quota arithmetic needs of a plan, as plain data: the units, the quotas and the time zone.

`Plan.quota_view()` makes it from a validated plan; storage keeps it as JSON beside the plan, so that
`loa quota status` counts without loading pydantic and parsing the plan again. Pure; no pydantic here.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class QuotaRule:
    channel: str
    scope: str  # commune | each-unit | <unit code>
    per: str  # month | quarter | year
    min: int
    source: str = ""


@dataclass(frozen=True)
class QuotaView:
    timezone: str
    units: tuple[str, ...]  # unit codes, in the plan's order
    quotas: tuple[QuotaRule, ...]

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> QuotaView:
        data = json.loads(text)
        return cls(str(data["timezone"]), tuple(str(u) for u in data["units"]),
                   tuple(QuotaRule(**rule) for rule in data["quotas"]))
