"""A Draft written as Loa's plan file: every entry under a comment quoting its source sentence, and
`# KIỂM TRA:` on whatever a person must check before `loa init --plan` (or fill: people, slots)."""

from __future__ import annotations

import json

from schedules.plan_draft import Draft, Entry

CHECK = "# KIỂM TRA:"


def render(draft: Draft, source_name: str) -> str:
    c = draft.commune
    lines = [f"# Bản nháp kế hoạch do `loa plan draft` soạn từ {source_name}: hãy đọc lại từng mục.",
             f"# Số: {draft.number if any(ch.isdigit() for ch in draft.number) else 'KIỂM TRA: không có số'}; "
             f"ngày: {draft.date or 'không thấy'}"]
    lines += _comment(c) + [f"commune: {_flow(c.values)}"]
    lines += ["units:"] + [x for u in draft.units for x in _comment(u, "  ") + [f"  - {_flow(u.values)}"]
                           + [f"  #   nhiệm vụ: {t}" for t in u.notes[:6]]]
    if not draft.units:
        lines[-1] = f"units: []  {CHECK} no section 'Tổ chức thực hiện' found: add the units"
    lines += [f"people: []  {CHECK} add the editors and approvers of each unit (name, full_name, unit, roles)"]
    channels = [e.values["channel"] for e in draft.channels]
    lines += [f"  # {e.values['channel']}: \"{_short(e.quote)}\"" for e in draft.channels]
    lines += [f"channels: {_flow_list(channels or ['radio'])}" + ("" if channels else f"  {CHECK} no channel named")]
    if draft.quotas:
        lines += ["quotas:"] + [x for q in draft.quotas for x in _comment(q, "  ") + [f"  - {_flow(q.values)}"]]
    else:
        lines += [f"quotas: []  {CHECK} no sentence with a number of items (\"ít nhất 02 tin/bài\") was found"]
    lines += ["radio_slots: []  # add the radio programs (slug, name, rrule, minutes) if the plan has any"]
    if draft.topics:
        lines += ["topics:"] + [x for t in draft.topics for x in _comment(t, "  ") + [f"  - {_flow(t.values)}"]]
    else:
        lines += [f"topics: []  {CHECK} no section 'Nội dung tuyên truyền' found"]
    lines += ["# Báo cáo (reporting duties, not part of the plan file):"]
    lines += [f"#   {r.source}: \"{_short(r.quote)}\"" for r in draft.reports] or ["#   none found"]
    return "\n".join(lines) + "\n"


def uncertain(text: str) -> int:
    """How many lines of a rendered draft a person must check."""
    return sum(CHECK in line for line in text.splitlines())


def _comment(entry: Entry, indent: str = "") -> list[str]:
    out = [f"{indent}# {entry.source + ': ' if entry.source else ''}\"{_short(entry.quote)}\""] if entry.quote else []
    if entry.check or any("KIỂM TRA" in str(v) for v in entry.values.values()):
        out.append(f"{indent}{CHECK} {entry.check or 'fill the marked field'}")
    return out


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split()).replace('"', "'")
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _flow(values: dict[str, object]) -> str:
    return "{" + ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in values.items()) + "}"


def _flow_list(items: list[object]) -> str:
    return "[" + ", ".join(json.dumps(i, ensure_ascii=False) for i in items) + "]"
