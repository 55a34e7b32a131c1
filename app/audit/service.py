"""The audit log's services for the CLI, the publish pass and the desk: signed checkpoints, the full
verification (recorded), the chain's state. No Prefect here.

    checkpoint(rt, code)          the nightly job and `loa audit checkpoint`: sign the commune's and the
                                  installation's chain heads now
    checkpoint_if_due(rt, code)   the same when the last checkpoint is a day old
    sign_if_due(rt, chains)       the publish pass: the chains it found due (app.pipeline.dispatch), one step each
    seal(rt, chain)               the end of every pass: a chain with entries since its last checkpoint
    verify_log(rt, …)             `loa audit verify`: everything checked, and the time recorded
    check_log(rt, session, …)     the same without the disk and nothing recorded (the desk)
    chain_state(rt, code)         the desk: verified when, how many entries, the last checkpoint
"""

from __future__ import annotations

from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import anchors, journal
from app.audit import checkpoint_files as audit_files
from app.audit import key as audit_key
from app.notify import alert
from app.runtime import Runtime
from storage import audit_report, checkpoints
from storage.audit import INSTALLATION
from storage.audit_report import ChainState, Report
from storage.errors import StorageError


def _chains(rt: Runtime, code: str | None, installation: bool = True) -> list[str]:
    with rt.tx() as session:
        return [rt.commune(session, code).code, *([INSTALLATION] if installation else [])]


def _sign(rt: Runtime, chains: list[str], *, only_if_due: bool, from_last: bool = False
          ) -> tuple[list[checkpoints.Checkpoint], list[StorageError]]:
    """Sign the chains' heads, each line appended to the journal before the database commits it; a broken
    chain is not signed but alerted."""
    now, written, refused = rt.settings.clock(), [], []
    for chain in chains:
        try:
            cp = _sign_one(rt, chain, now=now, only_if_due=only_if_due, from_last=from_last)
        except (audit_key.AuditKeyError, journal.JournalError):
            raise  # the key file or the journal itself is wrong: the same for every chain, said once
        except StorageError as exc:
            alert(rt.settings, kind="audit.checkpoint_refused", message=str(exc), commune=chain or "*")
            refused.append(exc)
            continue
        if cp is not None:
            written.append(cp)
    return written, refused


def _sign_one(rt: Runtime, chain: str, *, now: datetime, only_if_due: bool, from_last: bool
              ) -> checkpoints.Checkpoint | None:
    appended = ""
    try:
        with rt.tx() as session:
            if only_if_due and not checkpoints.is_due(session, chain, now):
                return None
            key = audit_key.load(rt.settings, create=True)
            assert key is not None
            cp = checkpoints.write(session, key=key, chain=chain, now=now, only_if_due=only_if_due,
                                   from_last=from_last)
            if cp is not None:
                _journal(rt, session, cp)
                appended = cp.line()
    except BaseException:
        if appended:  # journalled, but the database did not commit it: said in the journal, so no false alarm
            journal.withdraw(audit_key.journal_path(rt.settings), appended)
        raise
    return cp


def _journal(rt: Runtime, session: Session, cp: checkpoints.Checkpoint) -> None:
    """Append the signed line to the journal; a journal gone (first signing since an upgrade, or deleted) is
    started anew with the database's checkpoints, and that is alerted."""
    path = audit_key.journal_path(rt.settings)
    if not path.exists() and not path.is_symlink():
        seed = [line for line in checkpoints.all_lines(session) if line != cp.line()]
        if journal.start(path, seed=seed, now=rt.settings.clock()) and seed:
            alert(rt.settings, kind="audit.journal_started", commune="*",
                  message=f"the checkpoint journal {path} was missing: started anew with the {len(seed)} checkpoint(s) "
                          "the database holds; unless this is the first signing since an upgrade, restore the "
                          "journal from a backup and run `loa audit verify`")
    journal.append(path, [cp.line()])


def checkpoint(rt: Runtime, code: str | None = None, *, installation: bool = True) -> list[checkpoints.Checkpoint]:
    """Sign the commune's chain head and the installation chain's now (empty chains are skipped): what the
    nightly job and `loa audit checkpoint` call. A broken chain is never signed: it is alerted, the other
    chain is still signed, then StorageError names the break."""
    written, refused = _sign(rt, _chains(rt, code, installation), only_if_due=False)
    if refused:
        raise refused[0]
    return written


def checkpoint_if_due(rt: Runtime, code: str | None = None) -> list[checkpoints.Checkpoint]:
    """Sign the commune's and the installation's chains if their last checkpoint is a day old; a broken one
    is alerted only."""
    return sign_if_due(rt, _chains(rt, code))


def sign_if_due(rt: Runtime, chains: list[str]) -> list[checkpoints.Checkpoint]:
    """The publish pass's daily checkpoint of these chains (a commune's code, or "" for the installation)."""
    return _sign(rt, chains, only_if_due=True)[0]


def seal(rt: Runtime, chain: str) -> list[checkpoints.Checkpoint]:
    """What every pass does at its end for a chain with entries since its last checkpoint: sign it now, walking
    only the entries after the last checkpoint (a broken tail is alerted, not signed)."""
    return _sign(rt, [chain], only_if_due=False, from_last=True)[0]


def verify_log(rt: Runtime, *, code: str | None, files: list[str], public: str | None = None,
               on_disk: bool = False) -> Report:
    """Check the chains (one commune's and the installation's, or all), the checkpoints in `files`, in the
    journal, in the feeds and stored, the key against the plans' pins, the report rollup and, `on_disk`,
    every clip, program and feed item against the log; the verification's time and result are recorded."""
    given, copies = audit_files.read(files)
    key = audit_key.public_key(rt.settings, public)
    if given and key is None:
        raise audit_key.AuditKeyError("audit.no_public_key")
    with rt.tx() as session:
        scope = rt.commune(session, code).code if code or rt.settings.commune else None
        report = check_log(rt, session, code=scope, given=given, public=key, given_key=bool(public))
        for chain, problem in audit_files.differences(session, copies):
            report.add(chain, problem)
        codes = [scope] if scope else rt.commune_codes(session)
    if on_disk:
        for chain, problem in _disk(rt, codes, report):
            report.add(chain, problem)
    with rt.tx() as session:
        audit_report.record(session, report, now=rt.settings.clock())
    return report


def check_log(rt: Runtime, session: Session, *, code: str | None, given: list[checkpoints.Checkpoint],
              public: Ed25519PublicKey | None, given_key: bool = False) -> Report:
    """What `loa audit verify` and the desk's *Nhật ký* check without the disk: the chains of `code` (None:
    all), the checkpoints given, in the journal, in the feeds and stored, the journal and the key themselves,
    the plans' pins and the report rollup. Nothing recorded."""
    codes = [code] if code else rt.commune_codes(session)
    kept = journal.read(audit_key.journal_path(rt.settings), [code, INSTALLATION] if code else None)
    key_file = audit_key.key_path(rt.settings)
    report = audit_report.full_check(session, code=code, given=given, public=public, kept={
        "journal": kept.checkpoints, "feeds": anchors.feed_checkpoints(rt.settings.home, codes)})
    chains = list(report.checks)
    found = anchors.journal_problems(kept, key_file=key_file if audit_key.key_exists(rt.settings) else None,
                                     stored=checkpoints.stored(session, chains), chains=chains)
    pins = _pins(session, codes)
    found += anchors.key_problems(kept, public=public, key_file=key_file, pins=pins, given_key=given_key)
    for chain, problem in found:
        report.add(chain, problem)
    report.notes += anchors.journal_notes(kept)
    if not pins and not given_key:
        report.notes.append("no audit key is pinned: a replaced key file goes unnoticed; add `audit: {key_"
                            "fingerprint: …}` (`loa audit key --fingerprint`) to the plan, or give --public-key")
    return report


def _disk(rt: Runtime, codes: list[str], report: Report) -> list[tuple[str, str]]:
    """Every clip and program against the hash its entry recorded, every feed item against its entry."""
    from app.audit import feed_files, files
    from app.portal.publish import expected_feeds

    found: list[tuple[str, str]] = []
    home = rt.settings.home
    for code in codes:
        expected, shown, pages = expected_feeds(rt, code)  # its own transaction: one at a time on SQLite
        with rt.tx() as session:
            commune = rt.commune(session, code)
            clips, problems = files.clip_problems(session, home, commune)
            programs, more = files.program_problems(session, home, commune)
            problems += more + files.version_problems(session, commune, shown)
        problems += feed_files.feed_problems(home / "feeds" / code, expected, code)
        problems += feed_files.page_problems(home, pages, code)
        found += [(code, p) for p in problems]
        for kind, n in (("clips", clips), ("programs", programs), ("feed items", len(shown))):
            report.files[kind] = report.files.get(kind, 0) + n
    return found


def _pins(session: Session, codes: list[str]) -> dict[str, str]:
    """commune -> the key fingerprint its stored plan pins (only plans that mention one are parsed)."""
    from storage.models import Commune
    from storage.readonly.communes import load_stored_plan

    pins = {}
    for commune in session.scalars(select(Commune).where(Commune.code.in_(codes))):
        if "key_fingerprint" in (commune.plan_yaml or ""):
            pin = load_stored_plan(commune).audit.key_fingerprint
            if pin:
                pins[commune.code] = pin
    return pins


def chain_state(rt: Runtime, code: str | None = None) -> ChainState:
    """The commune chain's entries now, when it was last verified (and what was found), its last checkpoint."""
    with rt.tx() as session:
        return audit_report.state(session, rt.commune(session, code).code)
