"""The plain data a quota report shows; flows/ fills it from storage, the renderers only read it."""

from __future__ import annotations

from dataclasses import dataclass, field

KIND_NAMES = {"month": "Tháng", "quarter": "Quý", "half": "6 tháng", "year": "Năm"}
PER_NAMES = {"month": "tháng", "quarter": "quý", "year": "năm"}
CHANNEL_NAMES = {
    "radio": "Đài truyền thanh (loa)", "web": "Trang thông tin điện tử", "facebook": "Fanpage (Facebook)",
    "zalo": "Zalo OA", "youtube": "YouTube", "tiktok": "TikTok", "board": "Bảng tin, pano",
}


@dataclass(frozen=True)
class ReportQuota:
    unit: str  # unit code or "*" (commune-wide)
    channel: str
    period: str  # the window judged: 2026-03, 2026-Q1, 2026
    quota: int
    published: int
    met: bool
    per: str
    source: str


@dataclass(frozen=True)
class ReportItem:
    date: str  # local, YYYY-MM-DD HH:MM
    unit: str
    channel: str
    title: str
    topic: str
    manual: bool
    recorded_by: str
    remote_id: str


@dataclass(frozen=True)
class ReportTopic:
    slug: str
    name: str
    source: str
    articles: int


@dataclass(frozen=True)
class Report:
    commune: str
    commune_name: str
    province: str
    period: str
    period_kind: str  # month | quarter | half | year
    generated_at: str  # local, YYYY-MM-DD HH:MM
    units: list[tuple[str, str]]  # (code, name) in plan order
    channels: list[str]
    quotas: list[ReportQuota]
    counts: dict[tuple[str, str], int]  # (unit, channel) -> distinct articles published in the period
    items: list[ReportItem] = field(default_factory=list)
    items_truncated: bool = False
    topics: list[ReportTopic] = field(default_factory=list)
    # bản tin tiếng dân tộc: the plan's other languages (code, Vietnamese name) and, per (unit, language), the
    # articles aired in that language in the period (not counted again in `counts`)
    languages: list[tuple[str, str]] = field(default_factory=list)
    language_counts: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def title(self) -> str:
        kind = KIND_NAMES.get(self.period_kind, "")
        return f"Báo cáo kết quả tuyên truyền CCHC — {self.commune_name} — {kind} {self.period}".replace("  ", " ")

    def unit_name(self, code: str) -> str:
        return "Toàn xã/phường" if code == "*" else dict(self.units).get(code, code)

    def unit_total(self, code: str) -> int:
        return sum(n for (unit, _), n in self.counts.items() if unit == code)

    def channel_total(self, channel: str) -> int:
        return sum(n for (_, ch), n in self.counts.items() if ch == channel)

    def language_heading(self, code: str) -> str:
        return f"Bản tin tiếng {dict(self.languages).get(code, code)}"

    def language_count(self, unit: str, code: str) -> int:
        """Articles aired in language `code` for `unit` ("*": the whole commune)."""
        if unit == "*":
            return sum(n for (_, lang), n in self.language_counts.items() if lang == code)
        return self.language_counts.get((unit, code), 0)

    def uncovered_topics(self) -> list[ReportTopic]:
        return [t for t in self.topics if t.articles == 0]


def channel_name(channel: str) -> str:
    return CHANNEL_NAMES.get(channel, channel)


QUOTA_HEADINGS = ["Đơn vị", "Kênh", "Kỳ đánh giá", "Chỉ tiêu", "Đã đăng", "Đạt", "Chu kỳ", "Căn cứ (mục KH)"]


def quota_values(report: Report, q: ReportQuota) -> list[str | int]:
    """One quota's row as people read it (the XLSX's and the Vietnamese CSV's columns, QUOTA_HEADINGS)."""
    return [report.unit_name(q.unit), channel_name(q.channel), q.period, q.quota, q.published,
            "Đạt" if q.met else "Chưa đạt", PER_NAMES.get(q.per, q.per), q.source]
