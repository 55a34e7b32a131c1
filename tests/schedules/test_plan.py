import re
from pathlib import Path

import pytest

from schedules.errors import PlanError
from schedules.plan import load_plan, parse_plan

MINIMAL = """\
commune: {code: phu-khuong, name: Phường Phú Khương, province: Vĩnh Long, timezone: Asia/Ho_Chi_Minh}
units:
  - {code: vhxh, name: Phòng Văn hóa - Xã hội}
  - {code: vp, name: Văn phòng HĐND và UBND}
people:
  - {name: lan, full_name: Nguyễn Thị Lan, unit: vhxh, roles: [editor]}
  - {name: ngan, full_name: Võ Thị Ngọc Ngân, unit: vp, roles: [approver]}
channels: [radio, web, facebook, zalo]
quotas:          # scope: commune (the total) | each-unit (every unit on its own) | a unit code
  - {channel: radio, scope: commune, per: month, min: 2, source: "IV.2.c"}
  - {channel: web, scope: commune, per: year, min: 12, source: "IV.2.c"}
  - {channel: web, scope: each-unit, per: month, min: 1}
radio_slots:
  - {slug: cchc, name: Chuyên mục Cải cách hành chính, rrule: "FREQ=MONTHLY;BYDAY=2TH,4TH;BYHOUR=17;BYMINUTE=0", minutes: 15}
topics:
  - {slug: dich-vu-cong, name: Dịch vụ công trực tuyến}
  - {slug: mot-cua, name: "Cơ chế một cửa, một cửa liên thông"}
"""


def test_minimal_plan_of_the_design_loads_as_written() -> None:
    plan = parse_plan(MINIMAL)
    assert plan.commune.code == "phu-khuong"
    assert [u.code for u in plan.units] == ["vhxh", "vp"]
    assert [(q.channel, q.scope, q.per, q.min) for q in plan.quotas] == [
        ("radio", "commune", "month", 2), ("web", "commune", "year", 12), ("web", "each-unit", "month", 1)]
    assert plan.radio_slots[0].minutes == 15


def test_example_plans_load() -> None:
    for path in sorted((Path(__file__).resolve().parents[2] / "schedules" / "plans").glob("*.yaml")):
        assert load_plan(path).units, path


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("roles: [editor]", "roles: [editer]", "people[0].roles[0]"),
        ("per: month, min: 2,", "per: month, min: -2,", "quotas[0].min"),
        ("{channel: radio, scope: commune,", "{channel: tivi, scope: commune,", "quotas[0].channel"),
        ("unit: vp, roles", "unit: phong-x, roles", "people[1].unit: unknown unit 'phong-x'"),
        ("  - {code: vp, name:", "  - {code: vhxh, name:", "units: 'vhxh' appears twice"),
        ("scope: each-unit", "scope: every-unit", "quotas[2].scope"),
        ("BYHOUR=17;", "", "has no BYHOUR"),
        ("minutes: 15", "minutes: 15, minuts: 3", "radio_slots[0].minuts: unknown field"),
        ("timezone: Asia/Ho_Chi_Minh", "timezone: Asia/Hanoi_City", "commune.timezone"),
        ("channels: [radio, web, facebook, zalo]", "channels: [web, facebook]", "quotas[0].channel: 'radio' is not in channels"),
    ],
)
def test_a_typo_names_the_file_and_field(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in MINIMAL
    path = tmp_path / "plan.yaml"
    path.write_text(MINIMAL.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PlanError) as err:
        load_plan(path)
    message = str(err.value)
    assert message.startswith(f"{path}: ")
    assert expected in message
    assert "\n" not in message


@pytest.mark.parametrize(("value", "expected"), [
    ("99999999999999999999", "less than or equal to 10000"),
    ("10001", "less than or equal to 10000"),
    ("-1", "greater than or equal to 0"),
    ("true", "valid integer"),
    ("2.0", "valid integer"),
    ("2.5", "valid integer"),
    ('"3"', "valid integer"),
    ("1e3", "valid integer"),
    ("null", "valid integer"),
    ("[2]", "valid integer"),
])
def test_an_impossible_quota_is_refused_when_the_plan_loads(tmp_path: Path, value: str, expected: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(MINIMAL.replace("per: month, min: 2,", f"per: month, min: {value},", 1), encoding="utf-8")
    with pytest.raises(PlanError) as err:
        load_plan(path)
    assert str(err.value).startswith(f"{path}: quotas[0].min: ") and expected in str(err.value)


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("minutes: 15}", "minutes: true}", "radio_slots[0].minutes"),
    ("minutes: 15}", "minutes: 15.0}", "radio_slots[0].minutes"),
    ("minutes: 15}", "minutes: 15, auto_aired: 1}", "radio_slots[0].auto_aired"),
    ("minutes: 15}", "minutes: 15, min_minutes: .inf}", "radio_slots[0].min_minutes"),
    ("minutes: 15}", "minutes: 15, min_items: '2'}", "radio_slots[0].min_items"),
])
def test_every_number_and_switch_of_a_plan_is_what_it_looks_like(tmp_path: Path, old: str, new: str,
                                                                 expected: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(MINIMAL.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PlanError, match=rf"^{re.escape(str(path))}: {re.escape(expected)}: "):
        load_plan(path)


def test_a_quota_at_the_limit_and_a_whole_minute_count_as_float_load() -> None:
    plan = parse_plan(MINIMAL.replace("per: month, min: 2,", "per: month, min: 10000,", 1)
                      .replace("minutes: 15}", "minutes: 15, min_minutes: 3}", 1))
    assert plan.quotas[0].min == 10000 and plan.radio_slots[0].min_minutes == 3


def test_unreadable_plan_files(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match="no such plan file"):
        load_plan(tmp_path / "missing.yaml")
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("commune: {name: Phường Phú Khương}".encode("cp1258", errors="replace") + b"\xff")
    with pytest.raises(PlanError, match="not UTF-8"):
        load_plan(latin1)
    broken = tmp_path / "broken.yaml"
    broken.write_text("units: [\n  - {code: a", encoding="utf-8")
    with pytest.raises(PlanError, match="not valid YAML"):
        load_plan(broken)
