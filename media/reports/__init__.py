"""Quota reports for Phòng Văn hóa - Xã hội and Sở Nội vụ: XLSX (openpyxl) and HTML with inline SVG charts,
rendered from plain data (`Report`), never from a database session."""

from media.reports.model import Report, ReportItem, ReportQuota, ReportTopic

__all__ = ["Report", "ReportItem", "ReportQuota", "ReportTopic"]
