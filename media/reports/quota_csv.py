"""The quota report as a CSV for people (what the desk downloads for Sở Nội vụ): Vietnamese headings,
units and channels by name, "Đạt"/"Chưa đạt", with a BOM so Excel opens it as UTF-8. Scripts use the CSV
of `loa quota report`, whose columns (unit, channel, period, quota, published, met, …) stay as they are."""

from __future__ import annotations

import csv
from pathlib import Path

from media.errors import MediaError
from media.reports.model import QUOTA_HEADINGS, Report, quota_values


def write_quota_csv(report: Report, path: Path) -> Path:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(QUOTA_HEADINGS)
            writer.writerows(quota_values(report, q) for q in report.quotas)
    except OSError as exc:
        raise MediaError("file.cannot_write", path=path, why_en=exc.strerror or exc) from None
    return path
