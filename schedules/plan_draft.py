"""What a signed Kế hoạch says, drafted for Loa's plan file: commune, channels, units with their tasks,
quotas, topics and report duties, each entry with the sentence it comes from and a flag when a person
must check it. Pure: takes the document's paragraphs (media.documents reads the file).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from schedules.plan_outline import Node, clean, find_section, outline
from schedules.topics import fold

CHANNEL_WORDS = {
    "radio": r"truyền thanh|phát thanh|\bloa\b", "web": r"trang thông tin điện tử|cổng thông tin điện tử|trang ttđt",
    "facebook": r"facebook|fanpage", "zalo": r"zalo", "youtube": r"youtube", "tiktok": r"tiktok",
    "board": r"bảng tin|pa-?nô|panô|áp phích|băng rôn|cổ động trực quan",
}
_QUOTA = re.compile(r"(?:ít nhất|tối thiểu|không ít hơn)\s+(\d{1,3})\s+(?:tin|bài)"
                    r"|(\d{1,3})\s+lần\s*/\s*(tháng|quý|năm)",
                    re.I)
_PERIODS = [("month", r"hàng tháng|hằng tháng|mỗi tháng|trong tháng|/\s*tháng"), ("quarter", r"quý"),
            ("year", r"trong năm|mỗi năm|hằng năm|hàng năm|/\s*năm")]
_EACH_UNIT = re.compile(r"mỗi (?:cơ quan|đơn vị)|từng (?:cơ quan|đơn vị)", re.I)
_NAME = r"((?:[A-ZĐÂĂÊÔƠƯ][^\W\d_]*[ ]?){1,4})"
_COMMUNE = [re.compile(rf"(?:Ủy|Uỷ) ban nhân dân (xã|phường|thị trấn) {_NAME}"),
            re.compile(rf"\b(?:UBND) (xã|phường|thị trấn) {_NAME}"), re.compile(rf"\b(xã|phường|thị trấn) {_NAME}")]
_PROVINCE = re.compile(rf"(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Thành ủy|Thành uỷ|Tỉnh ủy|Tỉnh uỷ) "
                       rf"(?:tỉnh |thành phố )?{_NAME}")
_NUMBER = re.compile(r"Số:\s*([^\s]*\s*/\s*KH-[\w-]+)")
_DATE = re.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})")
_REPORT = re.compile(r"báo cáo[^.;]*(?:định kỳ|hằng quý|hàng quý|6 tháng|trước ngày|hằng năm|hàng năm)"
                     r"|(?:định kỳ|hằng quý|hàng quý)[^.;]*báo cáo", re.I)
_FOOTNOTES = "¹²³⁴⁵⁶⁷⁸⁹*("
_NOT_A_UNIT = re.compile(r"^(lãnh đạo|thủ trưởng|trên đây)", re.I)
_UNIT_PREFIX = re.compile(r"^(đề nghị|giao)\s+", re.I)
_TOPIC_PREFIX = re.compile(r"^(tập trung |tiếp tục |đẩy mạnh )?(thông tin, )?tuyên truyền( về| các| kịp thời)*\s+",
                           re.I)


@dataclass
class Entry:
    values: dict[str, object]
    source: str  # the section label
    quote: str  # the sentence it was drafted from
    check: str = ""  # why a person must check it ("" when nothing is uncertain)
    notes: list[str] = field(default_factory=list)  # tasks of a unit, shown as comments


@dataclass
class Draft:
    commune: Entry
    number: str
    date: str
    channels: list[Entry]
    units: list[Entry]
    quotas: list[Entry]
    topics: list[Entry]
    reports: list[Entry]


def draft_plan(paragraphs: list[str]) -> Draft:
    sections = outline(paragraphs)
    text = "\n".join(clean(p) for p in paragraphs)
    return Draft(commune=_commune(text), number=_first(_NUMBER, text), date=_date(text),
                 channels=_channels(text), units=_units(sections), quotas=_quotas(sections),
                 topics=_topics(sections), reports=_reports(sections))


def sentences(node_text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.;])\s+", node_text) if s.strip()]


def slug(text: str, words: int = 4) -> str:
    kept = [w for w in re.findall(r"[a-z0-9]+", fold(text)) if len(w) > 1][:words]
    return "-".join(kept) or "x"


def _commune(text: str) -> Entry:
    found = next((m for pattern in _COMMUNE if (m := pattern.search(text))), None)
    province = _PROVINCE.search(text)
    if not found:
        return Entry({"code": "kiem-tra", "name": "KIỂM TRA", "province": ""}, "", "", "commune name not found")
    name = f"{found.group(1).capitalize()} {found.group(2).strip()}"
    values = {"code": slug(found.group(2), 6), "name": name,
              "province": province.group(1).strip() if province else "", "timezone": "Asia/Ho_Chi_Minh"}
    return Entry(values, "", found.group(0).strip(), "" if province else "province not found")


def _first(pattern: re.Pattern[str], text: str) -> str:
    found = pattern.search(text)
    return found.group(1).replace(" ", "") if found else ""


def _date(text: str) -> str:
    found = _DATE.search(text[:3000])
    return f"{found.group(3)}-{int(found.group(2)):02d}-{int(found.group(1)):02d}" if found else ""


def _channels(text: str) -> list[Entry]:
    out = []
    for channel, words in CHANNEL_WORDS.items():
        found = re.search(rf"[^.;\n]*(?:{words})[^.;\n]*", text, re.I)
        if found:
            out.append(Entry({"channel": channel}, "", found.group(0).strip()))
    return out


def _units(sections: list[Node]) -> list[Entry]:
    section = find_section(sections, "TỔ CHỨC THỰC HIỆN")
    if section is None:
        return []
    units: list[Entry] = []
    codes: set[str] = set()
    for item in section.children:
        heading = _UNIT_PREFIX.sub("", item.title).strip(" :.")
        if not heading or _NOT_A_UNIT.match(heading):
            continue
        tasks = [clean(c.full_text())[:140] for c in item.children] + [t[:140] for t in item.text]
        names = [n.strip() for n in heading.split(";") if n.strip()]  # "Các cơ quan…; các thôn…": one unit each
        for name in names:
            name = name[:1].upper() + name[1:]
            group = name.lower().startswith("các ") or len(names) > 1
            check = "a group of units named in one heading: keep, split or merge" if group else ""
            units.append(Entry({"code": _unit_code(name, codes), "name": name}, item.label, item.title, check, tasks))
    return units


def _unit_code(name: str, taken: set[str]) -> str:
    words = [w for w in re.findall(r"[a-z0-9]+", fold(name)) if w not in {"va", "cac", "xa", "phuong", "thi", "tran"}]
    code = "-".join([words[0], "".join(w[0] for w in words[1:4])]) if len(words) > 1 else (words or ["don-vi"])[0]
    base, n = code, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    taken.add(code)
    return code


def _quotas(sections: list[Node]) -> list[Entry]:
    quotas = []
    for section in sections:
        for node in section.walk():
            for sentence in sentences(" ".join([node.title, *node.text])):
                quotas += [_quota(sentence, node.label, m) for m in _QUOTA.finditer(sentence)]
    return quotas


def _quota(sentence: str, label: str, match: re.Match[str]) -> Entry:
    minimum = int(match.group(1) or match.group(2))
    per = {"tháng": "month", "quý": "quarter", "năm": "year"}.get(match.group(3) or "")
    per = per or next((p for p, words in _PERIODS if re.search(words, sentence, re.I)), None)
    channels = [c for c, words in CHANNEL_WORDS.items() if re.search(words, sentence, re.I)]
    values = {"channel": channels[0] if len(channels) == 1 else "KIỂM TRA", "scope": "commune",
              "per": per or "KIỂM TRA", "min": minimum, "source": label}
    if _EACH_UNIT.search(sentence):
        values["scope"] = "each-unit"
    missing = [what for what, ok in (("channel", len(channels) == 1), ("period", per)) if not ok]
    return Entry(values, label, sentence, f"{' and '.join(missing)} not clear" if missing else "")


def _topics(sections: list[Node]) -> list[Entry]:
    section = find_section(sections, "NỘI DUNG")
    if section is None:
        return []
    parts = [c for c in section.children if "HÌNH THỨC" not in c.title.upper() and "NHIỆM VỤ" not in c.title.upper()]
    content = [c for c in parts if "NỘI DUNG" in c.title.upper()]
    items = content[0].children if content and content[0].children else \
        [leaf for c in parts for leaf in (c.children if any("." in x.label.split(".")[-1] or
                                                            x.label.count(".") == 2 for x in c.children) else [c])]
    topics, slugs = [], set()
    for item in [i for i in items if not i.title.rstrip().endswith(":") and i.title[:1] not in _FOOTNOTES]:
        name, cut = _topic_name(item.title)
        code = slug(name)
        while code in slugs:
            code += "-2"
        slugs.add(code)
        topics.append(Entry({"slug": code, "name": name, "source": item.label}, item.label, item.title[:200],
                            "name shortened from the plan's sentence" if cut else ""))
    return topics


def _topic_name(text: str) -> tuple[str, bool]:
    name = _TOPIC_PREFIX.sub("", text).strip()
    name = name[:1].upper() + name[1:]
    short = re.split(r"[;:.]\s", name + " ")[0].strip()
    if len(short) > 90:
        short = short[:90].rsplit(" ", 1)[0].rstrip(",")
    return short, short != name.rstrip(".;: ")


def _reports(sections: list[Node]) -> list[Entry]:
    found = []
    for section in sections:
        for node in section.walk():
            for sentence in sentences(" ".join([node.title, *node.text])):
                if _REPORT.search(sentence):
                    found.append(Entry({}, node.label, sentence[:200]))
    return found
