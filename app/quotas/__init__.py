"""The plan's quotas: progress and the at-risk alerts, and the scheduled reports for Sở Nội vụ."""
