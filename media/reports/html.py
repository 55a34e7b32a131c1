"""The report as one self-contained HTML page: a bar chart per channel (inline SVG) and the same tables
as the workbook. No scripts, no outside files: it opens from a mail attachment or a USB stick."""

from __future__ import annotations

from html import escape
from pathlib import Path

from media.errors import MediaError
from media.files import write_atomic
from media.reports.model import PER_NAMES, Report, channel_name

STYLE = """
body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;margin:24px;color:#222}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #bbb;padding:3px 8px;font-size:13px}
th{background:#ddebf7;text-align:left}td.n{text-align:right}.miss{color:#c00000;font-weight:bold}
.ok{color:#1a7f37}figure{display:inline-block;margin:8px 16px 8px 0}figcaption{font-size:13px;font-weight:bold}
"""
BAR, GAP, CHART_H, LABEL_W = 22, 6, 160, 140


def render_html(report: Report) -> str:
    parts = [f"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{escape(report.title)}</title>",
             f"<style>{STYLE}</style></head><body>", f"<h1>{escape(report.title)}</h1>",
             f"<p>{escape(report.province)} · lập lúc {escape(report.generated_at)}</p>",
             "<h2>Biểu đồ theo kênh</h2>", *(_chart(report, ch) for ch in report.channels),
             "<h2>Kết quả theo chỉ tiêu của Kế hoạch</h2>", _quotas(report),
             "<h2>Số tin, bài đã đăng theo đơn vị và kênh</h2>", _counts(report),
             "<h2>Chủ đề</h2>", _topics(report),
             "<h2>Danh sách tin bài</h2>", _items(report), "</body></html>"]
    return "\n".join(parts)


def write_html(report: Report, path: Path) -> Path:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise MediaError("file.cannot_write", path=path, why_en=exc.strerror or exc) from None
    return write_atomic(path, render_html(report).encode("utf-8"))  # never half a page


def _chart(report: Report, channel: str) -> str:
    """Horizontal bars: articles each unit published on this channel, with the unit quota if any."""
    values = [(name, report.counts.get((code, channel), 0)) for code, name in report.units]
    top = max([n for _, n in values] + [q.quota for q in report.quotas if q.channel == channel and q.unit != "*"]
              + [1])
    width = 260
    height = len(values) * (BAR + GAP) + GAP
    rows = []
    for i, (name, n) in enumerate(values):
        y = GAP + i * (BAR + GAP)
        w = round(width * n / top)
        short = name if len(name) <= 22 else name[:21] + "…"
        rows.append(f'<text x="{LABEL_W - 4}" y="{y + BAR - 7}" text-anchor="end" font-size="11">{escape(short)}</text>'
                    f'<rect x="{LABEL_W}" y="{y}" width="{w}" height="{BAR}" fill="#4472c4"><title>{escape(name)}: '
                    f'{n}</title></rect><text x="{LABEL_W + w + 4}" y="{y + BAR - 7}" font-size="11">{n}</text>')
    total = report.channel_total(channel)
    return (f'<figure><figcaption>{escape(channel_name(channel))}: {total} tin, bài</figcaption>'
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{LABEL_W + width + 40}" '
            f'height="{max(height, CHART_H // 4)}" aria-label="{escape(channel_name(channel))}">'
            + "".join(rows) + "</svg></figure>")


def _table(headings: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headings)
    body = "".join("<tr>" + "".join(rows_cell) + "</tr>" for rows_cell in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _td(value: object, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<td{attr}>{escape(str(value))}</td>"


def _quotas(report: Report) -> str:
    if not report.quotas:
        return "<p>Kế hoạch không đặt chỉ tiêu.</p>"
    rows = [[_td(report.unit_name(q.unit)), _td(channel_name(q.channel)), _td(q.period), _td(q.quota, "n"),
             _td(q.published, "n"), _td("Đạt" if q.met else "Chưa đạt", "ok" if q.met else "miss"),
             _td(PER_NAMES.get(q.per, q.per)), _td(q.source)] for q in report.quotas]
    return _table(["Đơn vị", "Kênh", "Kỳ đánh giá", "Chỉ tiêu", "Đã đăng", "Đạt", "Chu kỳ", "Căn cứ"], rows)


def _counts(report: Report) -> str:
    rows = [[_td(name), *(_td(report.counts.get((code, ch), 0), "n") for ch in report.channels),
             _td(report.unit_total(code), "n"), *(_td(report.language_count(code, lang), "n")
                                                  for lang, _ in report.languages)]
            for code, name in report.units]
    return _table(["Đơn vị", *(channel_name(c) for c in report.channels), "Tổng",
                   *(report.language_heading(lang) for lang, _ in report.languages)], rows)


def _topics(report: Report) -> str:
    rows = [[_td(t.name), _td(t.source), _td(t.articles, "n"),
             _td("Đã có" if t.articles else "Chưa có tin, bài", "ok" if t.articles else "miss")] for t in report.topics]
    return _table(["Chủ đề", "Căn cứ", "Số tin, bài", "Tình trạng"], rows)


def _items(report: Report) -> str:
    note = f"<p>Chỉ liệt kê {len(report.items)} tin, bài đầu tiên của kỳ.</p>" if report.items_truncated else ""
    rows = [[_td(i.date), _td(i.unit), _td(channel_name(i.channel)), _td(i.title), _td(i.topic),
             _td("Có" if i.manual else ""), _td(i.recorded_by), _td(i.remote_id)] for i in report.items]
    return note + _table(["Ngày đăng", "Đơn vị", "Kênh", "Tiêu đề", "Chủ đề", "Nhập thủ công", "Người nhập",
                          "Mã trên kênh"], rows)
