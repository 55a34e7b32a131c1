"""Loa's desk: the staff's Vietnamese web app (FastAPI + Jinja2), another entry point beside the CLI."""
