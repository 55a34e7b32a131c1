"""The report as an Excel workbook (openpyxl): Tổng hợp, one sheet per unit, Danh sách tin bài, Chủ đề."""

from __future__ import annotations

import io
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from media.errors import MediaError
from media.files import write_atomic
from media.reports.model import QUOTA_HEADINGS, Report, ReportItem, ReportQuota, channel_name, quota_values

ITEM_HEADINGS = ["Ngày đăng", "Đơn vị", "Kênh", "Tiêu đề", "Chủ đề", "Nhập thủ công", "Người nhập", "Mã trên kênh"]
BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
MISSED = Font(color="C00000", bold=True)


def write_xlsx(report: Report, path: Path) -> Path:
    """Write the workbook to `path` (parent folders created); returns the path."""
    wb = Workbook()
    summary = wb.active
    assert summary is not None
    summary.title = "Tổng hợp"
    _summary(summary, report)
    used = {"Tổng hợp", "Danh sách tin bài", "Chủ đề"}
    for code, name in report.units:
        _unit_sheet(wb.create_sheet(_sheet_name(code, used)), report, code, name)
    _items(wb.create_sheet("Danh sách tin bài"), report)
    _topics(wb.create_sheet("Chủ đề"), report)
    buffer = io.BytesIO()
    wb.save(buffer)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise MediaError("file.cannot_write", path=path, why_en=exc.strerror or exc) from None
    return write_atomic(path, buffer.getvalue())  # a full disk leaves no half workbook


def _sheet_name(code: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "-", code)[:31] or "don-vi"
    name, n = base, 2
    while name in used:
        name = f"{base[:28]}-{n}"
        n += 1
    used.add(name)
    return name


def _header(ws: Worksheet, row: int, headings: list[str]) -> None:
    for col, text in enumerate(headings, 1):
        cell = ws.cell(row=row, column=col, value=text)
        cell.font, cell.fill = BOLD, HEAD_FILL


def _title(ws: Worksheet, report: Report, subtitle: str) -> int:
    ws.cell(row=1, column=1, value=report.title).font = Font(bold=True, size=13)
    ws.cell(row=2, column=1, value=f"{subtitle} · {report.province} · lập lúc {report.generated_at}")
    return 4


def _quota_rows(ws: Worksheet, row: int, report: Report, quotas: list[ReportQuota]) -> int:
    _header(ws, row, QUOTA_HEADINGS)
    for q in quotas:
        row += 1
        values = quota_values(report, q)
        for col, value in enumerate(values, 1):
            ws.cell(row=row, column=col, value=value)
        if not q.met:
            ws.cell(row=row, column=6).font = MISSED
    return row + 2


def _counts(ws: Worksheet, row: int, report: Report, units: list[tuple[str, str]]) -> int:
    _header(ws, row, ["Đơn vị", *[channel_name(c) for c in report.channels], "Tổng",
                      *[report.language_heading(lang) for lang, _ in report.languages]])
    for code, name in units:
        row += 1
        ws.cell(row=row, column=1, value=name)
        for col, channel in enumerate(report.channels, 2):
            ws.cell(row=row, column=col, value=report.counts.get((code, channel), 0))
        ws.cell(row=row, column=len(report.channels) + 2, value=report.unit_total(code))
        for col, (lang, _) in enumerate(report.languages, len(report.channels) + 3):
            ws.cell(row=row, column=col, value=report.language_count(code, lang))
    return row + 2


def _summary(ws: Worksheet, report: Report) -> None:
    row = _title(ws, report, "Tổng hợp")
    ws.cell(row=row, column=1, value="Kết quả theo chỉ tiêu của Kế hoạch").font = BOLD
    row = _quota_rows(ws, row + 1, report, report.quotas)
    ws.cell(row=row, column=1, value="Số tin, bài đã đăng theo đơn vị và kênh (mỗi tin/bài tính một lần mỗi kênh)"
            ).font = BOLD
    row = _counts(ws, row + 1, report, report.units)
    uncovered = report.uncovered_topics()
    ws.cell(row=row, column=1, value=f"Chủ đề chưa có tin, bài: {len(uncovered)}").font = BOLD
    for topic in uncovered:
        row += 1
        ws.cell(row=row, column=1, value=topic.name)
        ws.cell(row=row, column=2, value=topic.source)
    _widths(ws, [34, 26, 14, 10, 10, 10, 10, 16])


def _unit_sheet(ws: Worksheet, report: Report, code: str, name: str) -> None:
    row = _title(ws, report, name)
    quotas = [q for q in report.quotas if q.unit == code]
    ws.cell(row=row, column=1, value="Chỉ tiêu riêng của đơn vị" if quotas else
            "Đơn vị không có chỉ tiêu riêng trong Kế hoạch").font = BOLD
    if quotas:
        row = _quota_rows(ws, row + 1, report, quotas)
    else:
        row += 2
    row = _counts(ws, row, report, [(code, name)])
    ws.cell(row=row, column=1, value="Tin, bài đã đăng").font = BOLD
    _item_rows(ws, row + 1, [i for i in report.items if i.unit == code], report)
    _widths(ws, [18, 12, 26, 50, 18, 14, 14, 22])


def _items(ws: Worksheet, report: Report) -> None:
    row = _title(ws, report, "Danh sách tin bài")
    if report.items_truncated:
        ws.cell(row=row - 1, column=1, value=f"Chỉ liệt kê {len(report.items)} tin, bài đầu tiên của kỳ.")
    _item_rows(ws, row, report.items, report)
    _widths(ws, [18, 12, 26, 50, 18, 14, 14, 22])
    ws.freeze_panes = ws.cell(row=row + 1, column=1).coordinate


def _item_rows(ws: Worksheet, row: int, items: list[ReportItem], report: Report) -> None:
    _header(ws, row, ITEM_HEADINGS)
    for item in items:
        row += 1
        values = [item.date, item.unit, channel_name(item.channel), item.title, item.topic,
                  "Có" if item.manual else "", item.recorded_by, item.remote_id]
        for col, value in enumerate(values, 1):
            ws.cell(row=row, column=col, value=value)


def _topics(ws: Worksheet, report: Report) -> None:
    row = _title(ws, report, "Chủ đề")
    _header(ws, row, ["Chủ đề", "Căn cứ (mục KH)", "Số tin, bài", "Tình trạng"])
    for topic in report.topics:
        row += 1
        for col, value in enumerate([topic.name, topic.source, topic.articles,
                                     "Đã có" if topic.articles else "Chưa có tin, bài"], 1):
            ws.cell(row=row, column=col, value=value)
        if not topic.articles:
            ws.cell(row=row, column=4).font = MISSED
    _widths(ws, [60, 16, 12, 18])


def _widths(ws: Worksheet, widths: list[int]) -> None:
    for col, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
        ws.cell(row=1, column=col).alignment = Alignment(wrap_text=False)
