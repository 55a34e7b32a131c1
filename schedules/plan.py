"""The commune plan file: what a Phòng Văn hóa - Xã hội officer writes once a year from the signed Kế hoạch.

`load_plan(path)` reads YAML and returns a validated `Plan`; any mistake becomes one `PlanError` line
naming the file, the field and what is wrong.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated, Literal, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, Strict, ValidationError, field_validator, model_validator

from schedules.errors import PlanError
from schedules.languages import check_language
from schedules.plan_file import parse_yaml, read_plan_text
from schedules.quota_view import QuotaRule, QuotaView
from schedules.recurrence import check_cadence, parse_rrule

CHANNELS = ("radio", "web", "facebook", "zalo", "youtube", "tiktok", "reels", "shorts", "board")
ROLES = ("editor", "approver", "operator", "auditor", "admin", "province")
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
Channel = Literal["radio", "web", "facebook", "zalo", "youtube", "tiktok", "reels", "shorts", "board"]
# operator: runs the loudspeakers (listens to the assembled program, confirms airing); province: reads every commune
Role = Literal["editor", "approver", "operator", "auditor", "admin", "province"]
Outlet = Literal["drop-folder", "icecast", "upload"]  # where a radio program goes (settings hold the addresses)
#: numbers and switches in a plan are what they look like: a whole number is not `true`, `2.0` or "3", a
#: switch is not 1; a quota is at most MAX_QUOTA items a period (more is a typo, not a plan)
Whole = Annotated[int, Strict()]
Number = Annotated[float, Strict(), Field(allow_inf_nan=False)]
Switch = Annotated[bool, Strict()]
MAX_QUOTA = 10_000
EMERGENCY_SLOT = "khan-cap"  # emergency (khẩn cấp) broadcasts are recorded as occurrences of this slot


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Commune(_Strict):
    code: Slug
    name: str = Field(min_length=1)
    province: str = ""
    timezone: str = "Asia/Ho_Chi_Minh"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (use an IANA name such as Asia/Ho_Chi_Minh)") from exc
        return value


class Unit(_Strict):
    code: Slug
    name: str = Field(min_length=1)


class Person(_Strict):
    name: Slug
    full_name: str = Field(min_length=1)
    unit: Slug
    roles: list[Role] = Field(min_length=1)
    # where Loa e-mails what waits for the person (LOA_SMTP_*): on each event and once a day
    email: str | None = Field(default=None, max_length=254, pattern=r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")
    zalo_id: str | None = Field(default=None, pattern=r"^[0-9]{5,32}$")  # their user id as the OA's follower
    languages: list[str] = []  # an approver who reads these approves their versions (schedules.languages)


class Quota(_Strict):
    channel: Channel
    scope: str = "commune"  # commune | each-unit | <unit code>
    per: Literal["month", "quarter", "year"]
    min: Whole = Field(ge=0, le=MAX_QUOTA)
    source: str | None = None


VoiceEngine = Literal["auto", "gtts", "espeak", "fpt", "zalo", "viettel", "google", "piper"]
PAID_VOICES = ("fpt", "zalo", "viettel", "google")


class VoicePlan(_Strict):
    """Who reads: `{engine: zalo, voice: "4", speed: 1.0, fallback: [fpt, espeak], budget_chars: 500000}`.

    Per commune, and optionally per radio slot (what a slot leaves out comes from the commune's block).
    `budget_chars` is a month's characters for each paid voice, or a mapping per voice (`{zalo: 300000}`).
    """

    engine: VoiceEngine | None = None
    voice: str | None = None
    speed: float | None = Field(default=None, ge=0.25, le=4)
    fallback: list[str] | None = None
    budget_chars: int | dict[str, int] | None = None

    @field_validator("voice", mode="before")
    @classmethod
    def _voice_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value

    @field_validator("fallback")
    @classmethod
    def _known_fallbacks(cls, values: list[str] | None) -> list[str] | None:
        names: tuple[str, ...] = get_args(VoiceEngine)
        for value in values or []:
            if value.split(":")[0].strip() not in names:
                raise ValueError(f"fallback {value!r} is not a voice engine ({', '.join(names)})")
        return values

    @field_validator("budget_chars")
    @classmethod
    def _budgets(cls, value: int | dict[str, int] | None) -> int | dict[str, int] | None:
        for name, chars in (value.items() if isinstance(value, dict) else [("budget_chars", value)]):
            if isinstance(value, dict) and name not in PAID_VOICES:
                raise ValueError(f"budget_chars: {name!r} is not a paid voice ({', '.join(PAID_VOICES)})")
            if chars is not None and chars < 0:
                raise ValueError(f"budget_chars: {chars} is not a number of characters (0 or more)")
        return value

    def budgets(self) -> dict[str, int]:
        """Characters a month per paid voice."""
        if isinstance(self.budget_chars, dict):
            return dict(self.budget_chars)
        return dict.fromkeys(PAID_VOICES, self.budget_chars) if self.budget_chars else {}

    def over(self, base: VoicePlan) -> VoicePlan:
        """This block with what it leaves out taken from `base` (a slot's voice over the commune's)."""
        given = {k: v for k, v in self.model_dump().items() if v is not None}
        return base.model_copy(update=given)


class RadioSlot(_Strict):
    """A recurring radio program (chuyên mục) and how Loa fills, delivers and confirms it."""

    slug: Slug
    name: str = Field(min_length=1)
    rrule: str
    minutes: Whole = Field(gt=0, le=24 * 60)
    starts: date | None = None  # first airing: anchors INTERVAL/COUNT rules; nothing airs before it
    lead_minutes: Whole = Field(default=60, ge=0, le=7 * 24 * 60)  # built this long before air, rebuilt till locked
    lock_minutes: Whole = Field(default=10, ge=0, le=7 * 24 * 60)  # frozen and delivered this long before air
    min_items: Whole = Field(default=1, ge=0, le=100)  # fewer: filled from evergreen items, and an alert
    min_minutes: Number = Field(default=0, ge=0, le=24 * 60)
    outlets: list[Outlet] = Field(default=["drop-folder"], min_length=1)
    auto_aired: Switch = False  # a file delivery counts as aired once air time has passed, without a confirmation
    confirm_hours: Whole = Field(default=24, ge=1, le=24 * 31)  # unconfirmed this long after air: missed
    jingles: Switch = True
    voice: VoicePlan | None = None  # a slot's own reader (an emergency slot may read faster)
    languages: list[str] = []  # language sequence: each item in Vietnamese, then in each of these (e.g. [vi, hmn])
    intro_jingle: str | None = None  # a sound file, absolute or relative to LOA_HOME; default: a chime
    outro_jingle: str | None = None

    @field_validator("rrule")
    @classmethod
    def _valid_rrule(cls, value: str) -> str:
        parse_rrule(value)  # raises ValueError with the reason
        return value

    @model_validator(mode="after")
    def _consistent(self) -> RadioSlot:
        if self.slug == EMERGENCY_SLOT:
            raise ValueError(f"slug {EMERGENCY_SLOT!r} is kept for emergency broadcasts; name the slot otherwise")
        if self.lock_minutes > self.lead_minutes:
            raise ValueError(f"lock_minutes ({self.lock_minutes}) is after lead_minutes ({self.lead_minutes}): "
                             "a program is built before it is locked")
        if self.min_minutes > self.minutes:
            raise ValueError(f"min_minutes ({self.min_minutes:g}) is longer than the slot ({self.minutes} minutes)")
        if len(set(self.outlets)) != len(self.outlets):
            raise ValueError(f"outlets {self.outlets} names an outlet twice")
        check_cadence(self.rrule, minutes=self.minutes, anchor=self.starts)
        return self


class Topic(_Strict):
    slug: Slug
    name: str = Field(min_length=1)
    source: str | None = None
    keywords: list[str] = Field(default_factory=list)  # extra words that point to this topic (suggestion)


class Speech(_Strict):
    engine: Literal["auto", "gtts", "espeak"] = "auto"
    voice: str = "vi"
    rate: Whole | None = Field(default=None, ge=80, le=450)


class Social(_Strict):
    """How the commune's social posts go out (Facebook, Zalo OA, YouTube)."""

    send_late: Switch = False  # a post found more than late_minutes after its time is still sent (else: missed)
    late_minutes: Whole = Field(default=60, ge=1, le=7 * 24 * 60)
    zalo_broadcast: Switch = False  # also send each Zalo article to the OA's followers (a broadcast message)
    zalo_broadcasts_per_month: Whole = Field(default=4, ge=0, le=1000)  # within the OA's broadcast quota
    youtube_privacy: Literal["public", "unlisted", "private"] = "public"  # also the Shorts'
    # TikTok: an app TikTok has not audited may only post SELF_ONLY (to a private account): that is what is
    # sent until `tiktok_audited: true`, whatever `tiktok_privacy` says
    tiktok_privacy: Literal["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR",
                            "SELF_ONLY"] = "PUBLIC_TO_EVERYONE"
    tiktok_audited: Switch = False

    @property
    def tiktok_privacy_sent(self) -> str:
        return self.tiktok_privacy if self.tiktok_audited else "SELF_ONLY"


class Audit(_Strict):
    """The audit log's anchor outside Loa: the fingerprint of the key that must have signed its checkpoints."""

    key_fingerprint: str | None = None  # `loa audit key --fingerprint`: sha256:<64 hex digits>

    @field_validator("key_fingerprint")
    @classmethod
    def _fingerprint(cls, value: str | None) -> str | None:
        if value is None:
            return None
        digits = value.strip().lower().removeprefix("sha256:")
        if not re.fullmatch(r"[0-9a-f]{64}", digits):
            raise ValueError(f"{value[:80]!r} is not a key fingerprint: paste the sha256:… line "
                             "`loa audit key --fingerprint` printed")
        return "sha256:" + digits


class Recordings(_Strict):
    """Limits of a person's recording: `{max_minutes: 15, max_mb: 50}`. Without max_minutes a recording may
    last as long as the plan's longest radio slot (30 minutes when there is none)."""

    max_minutes: float | None = Field(default=None, gt=0, le=180)
    max_mb: float = Field(default=50, gt=0, le=500)


class Plan(_Strict):
    commune: Commune
    units: list[Unit] = Field(min_length=1)
    people: list[Person] = []
    channels: list[Channel] = Field(min_length=1)
    quotas: list[Quota] = []
    radio_slots: list[RadioSlot] = []
    topics: list[Topic] = []
    speech: Speech = Speech()  # the older form: engine auto|gtts|espeak, voice, rate
    voice: VoicePlan = VoicePlan()
    posting_hours: list[int] = Field(default=[], description="local hours at which social posts go out")
    hashtags: list[str] = Field(default=[], description="the commune's hashtags for social posts, e.g. [CCHC]")
    social: Social = Social()
    audit: Audit = Audit()
    recordings: Recordings = Recordings()
    languages: list[str] = ["vi"]  # the bulletins' languages, ISO 639-3 (schedules.languages); vi always

    @field_validator("languages")
    @classmethod
    def _languages(cls, values: list[str]) -> list[str]:
        for code in values:
            check_language(code)
        return list(dict.fromkeys(["vi", *values]))

    @field_validator("hashtags")
    @classmethod
    def _hashtags(cls, values: list[str]) -> list[str]:
        tags = [v.strip().removeprefix("#") for v in values]
        for tag in tags:
            if not re.fullmatch(r"\w{1,50}", tag):
                raise ValueError(f"{tag!r} is not a hashtag: use letters, digits and _ only, no spaces (e.g. CCHC)")
        return list(dict.fromkeys(tags))

    @model_validator(mode="after")
    def _cross_references(self) -> Plan:
        _unique("units", [u.code for u in self.units])
        _unique("people", [p.name for p in self.people])
        _unique("topics", [t.slug for t in self.topics])
        _unique("radio_slots", [s.slug for s in self.radio_slots])
        unit_codes = {u.code for u in self.units}
        for i, person in enumerate(self.people):
            if person.unit not in unit_codes:
                raise ValueError(f"people[{i}].unit: unknown unit {person.unit!r} (add it under units)")
        for i, quota in enumerate(self.quotas):
            if quota.channel not in self.channels:
                raise ValueError(f"quotas[{i}].channel: {quota.channel!r} is not in channels {self.channels}")
            if quota.scope not in ("commune", "each-unit") and quota.scope not in unit_codes:
                raise ValueError(
                    f"quotas[{i}].scope: {quota.scope!r} is neither commune, each-unit nor a unit code"
                )
        for i, slot in enumerate(self.radio_slots):
            for code in slot.languages:
                if code not in self.languages:
                    raise ValueError(f"radio_slots[{i}].languages: {code!r} is not in the plan's languages "
                                     f"{self.languages}")
        for i, person in enumerate(self.people):
            for code in person.languages:
                if code not in self.languages:
                    raise ValueError(f"people[{i}].languages: {code!r} is not in the plan's languages "
                                     f"{self.languages}")
        for hour in self.posting_hours:
            if not 0 <= hour <= 23:
                raise ValueError(f"posting_hours: {hour} is not an hour of the day (0-23)")
        return self

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.commune.timezone)

    def quota_view(self) -> QuotaView:
        """The units, quotas and time zone as plain data (what quota arithmetic and storage need)."""
        return QuotaView(self.commune.timezone, tuple(u.code for u in self.units),
                         tuple(QuotaRule(q.channel, q.scope, q.per, q.min, q.source or "") for q in self.quotas))


def _unique(field: str, values: list[str]) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{field}: {value!r} appears twice (codes must be unique)")
        seen.add(value)


def parse_plan(text: str, *, source: str = "<plan>") -> Plan:
    """Validate plan YAML text; `source` names the file in error messages."""
    data = parse_yaml(text, source)
    if not isinstance(data, dict):
        raise PlanError("plan.not_a_mapping", source=source)
    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        raise PlanError("plan.invalid", source=source, problem_en=_describe(exc)) from None


def load_plan(path: Path) -> Plan:
    return parse_plan(read_plan_text(path), source=str(path))


def _describe(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in err["loc"]).replace(".[", "[")
    msg = err["msg"]
    if err["type"] == "extra_forbidden":
        msg = "unknown field (check the spelling against the plan format in the README)"
    elif err["type"] == "missing":
        msg = "missing (this field is required)"
    msg = re.sub(r"^Value error, ", "", msg)
    more = f" (and {len(exc.errors()) - 1} more)" if len(exc.errors()) > 1 else ""
    return f"{loc}: {msg}{more}" if loc else f"{msg}{more}"
