"""storage.readonly.tables names columns of storage.models for the read-only verbs: each must exist there with a
type of the same kind, and those verbs must not import the ORM (that is what the lightweight tables are for)
nor pydantic to parse the plan again (the quotas are kept with it: schedules.quota_view)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import TableClause
from sqlalchemy.types import TypeDecorator, TypeEngine

from storage.models import Base
from storage.readonly import tables
from tests.conftest import ROOT, Result

CLAUSES = [value for value in vars(tables).values() if isinstance(value, TableClause)]


def test_every_table_of_the_module_is_checked() -> None:
    assert {c.name for c in CLAUSES} >= {"commune", "unit", "person", "topic", "article", "article_version",
                                         "published_mask", "commune_reading"}


@pytest.mark.parametrize("clause", CLAUSES, ids=lambda c: c.name)
def test_each_column_is_the_models_column(clause: TableClause) -> None:
    model = Base.metadata.tables.get(clause.name)
    assert model is not None, f"storage.readonly.tables.{clause.name} names no table of storage.models"
    for column in clause.columns:
        assert column.name in model.columns, f"{clause.name}.{column.name} is not a column of the model"
        expected = model.columns[column.name].type
        assert _kind(column.type) is _kind(expected), (clause.name, column.name)
        assert type(column.type).__name__ == "UTCDateTime" or type(expected).__name__ != "UTCDateTime", (
            f"{clause.name}.{column.name} is an instant: give it storage.types.UTCDateTime")


def _kind(type_: TypeEngine) -> type:
    return (type_.impl if isinstance(type_, TypeDecorator) else type_).python_type  # type: ignore[union-attr]


@pytest.mark.parametrize("verb", [["article", "list"], ["article", "list", "--format", "json"],
                                  ["quota", "status"], ["quota", "status", "--month", "2026-02"]])
def test_the_read_only_verbs_never_import_the_orm_nor_parse_the_plan(planned: Callable[..., Result], loa_home: Path,
                                                   verb: list[str]) -> None:
    added = planned("article", "add", "--unit", "vhxh", "--title", "Một cửa", "--body", "Nộp hồ sơ trực tuyến.",
                    "--channels", "radio,web,facebook", "--author", "lan")
    assert added.code == 0, added.err
    code = ("import sys\nfrom cli import main\n"
            f"sys.argv = ['loa', *{verb!r}]\n"
            "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
            "print(sorted(m for m in sys.modules if m.startswith(('sqlalchemy.orm', 'storage.models'))"
            " or (m in ('pydantic', 'schedules.plan') and '--format' not in sys.argv)))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().endswith("[]"), run.stdout[-300:]
    assert ("Một cửa" in run.stdout) == (verb[0] == "article")


def test_speech_text_reads_the_communes_own_readings_without_the_orm(planned: Callable[..., Result]) -> None:
    assert planned("lexicon", "add", "KQWZ", "khu quy hoạch").code == 0
    code = ("import sys\nfrom cli import main\nsys.argv = ['loa', 'speech-text']\n"
            "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
            "heavy = ('sqlalchemy.orm', 'storage.models', 'app.lexicon')\n"
            "print(sorted(m for m in sys.modules if m.startswith(heavy)))")
    run = subprocess.run([sys.executable, "-c", code], input="Dự án KQWZ phía đông\n", capture_output=True,
                         text=True, timeout=120, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "khu quy hoạch" in run.stdout and "KQWZ" not in run.stdout, run.stdout
    assert run.stdout.strip().endswith("[]"), run.stdout[-300:]


def test_the_list_shows_each_articles_newest_version_and_filters(planned: Callable[..., Result]) -> None:
    for title, unit, author in [("Một", "vhxh", "lan"), ("Hai", "vp", "mai")]:
        added = planned("article", "add", "--unit", unit, "--title", title, "--body", "Nội dung.",
                        "--channels", "web", "--author", author)
        assert added.code == 0, added.err
    second = added.out.strip()
    assert planned("article", "edit", "1", "--title", "Một (sửa)", "--by", "lan").code == 0
    listed = planned("article", "list", "--format", "csv")
    assert listed.code == 0, listed.err
    lines = listed.out.splitlines()
    assert len(lines) == 3 and ",Một (sửa)," in lines[1] and ",2," in lines[1] and ",Hai," in lines[2], lines
    only = planned("article", "list", "--unit", "vp", "--format", "csv")
    assert only.out.splitlines()[1].startswith(f"{second},draft,vp,mai,1,"), only.out
    unknown = planned("article", "list", "--unit", "nope")
    assert unknown.code == 1 and "unknown unit 'nope'; the plan's units are:" in unknown.err
    assert planned("article", "list", "--status", "lost").err.startswith("loa: error: unknown status 'lost'")


def test_listing_never_waits_for_a_writer(planned: Callable[..., Result], loa_home: Path) -> None:
    """A pass holding SQLite's write lock (BEGIN IMMEDIATE) does not hold up `article list` or `quota status`:
    they begin deferred and read the last committed state (WAL)."""
    import sqlite3
    import time

    writer = sqlite3.connect(loa_home / "loa.db", isolation_level=None, timeout=0)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE commune SET name = name")
        started = time.monotonic()
        listed, status = planned("article", "list"), planned("quota", "status")
        waited = time.monotonic() - started
        assert listed.code == 0 and status.code == 0, (listed.err, status.err)
        assert waited < 10, f"waited {waited:.1f} s for the writer (the busy timeout is 30 s)"
    finally:
        writer.execute("ROLLBACK")
        writer.close()
