"""The audit log's services for the CLI, the publish pass and the desk: signed checkpoints, the full
verification (recorded), the chain's state. No Prefect here.

    checkpoint(rt, code)          the nightly job and `loa audit checkpoint`: sign the commune's and the
                                  installation's chain heads now
    checkpoint_if_due(rt, code)   the same when the last checkpoint is a day old
    sign_if_due(rt, chains)       the publish pass: the chains it found due (flows.dispatch), one step each
    verify_log(rt, …)             `loa audit verify`: everything checked, and the time recorded
    chain_state(rt, code)         the desk: verified when, how many entries, the last checkpoint
"""

from __future__ import annotations

from flows import audit_files, audit_key
from flows.notify import alert
from flows.runtime import Runtime
from storage import audit_report, checkpoints
from storage.audit import INSTALLATION
from storage.audit_report import ChainState, Report
from storage.errors import StorageError


def _chains(rt: Runtime, code: str | None, installation: bool = True) -> list[str]:
    with rt.tx() as session:
        return [rt.commune(session, code).code, *([INSTALLATION] if installation else [])]


def _sign(rt: Runtime, chains: list[str], *, only_if_due: bool) -> tuple[list[checkpoints.Checkpoint], list[str]]:
    """Sign the chains' heads; a broken chain is not signed but alerted."""
    now, written, refused = rt.settings.clock(), [], []
    for chain in chains:
        try:
            with rt.tx() as session:
                if only_if_due and not checkpoints.is_due(session, chain, now):
                    continue
                key = audit_key.load(rt.settings, create=True)
                assert key is not None
                cp = checkpoints.write(session, key=key, chain=chain, now=now, only_if_due=only_if_due)
        except audit_key.AuditKeyError:
            raise  # the key file itself is wrong: the same for every chain, said once
        except StorageError as exc:
            alert(rt.settings, kind="audit.checkpoint_refused", message=str(exc), commune=chain or "*")
            refused.append(str(exc))
            continue
        if cp is not None:
            written.append(cp)
    return written, refused


def checkpoint(rt: Runtime, code: str | None = None, *, installation: bool = True) -> list[checkpoints.Checkpoint]:
    """Sign the commune's chain head and the installation chain's now (empty chains are skipped): what the
    nightly job and `loa audit checkpoint` call. A broken chain is never signed: it is alerted, the other
    chain is still signed, then StorageError names the break."""
    written, refused = _sign(rt, _chains(rt, code, installation), only_if_due=False)
    if refused:
        raise StorageError(refused[0])
    return written


def checkpoint_if_due(rt: Runtime, code: str | None = None) -> list[checkpoints.Checkpoint]:
    """Sign the commune's and the installation's chains if their last checkpoint is a day old; a broken one
    is alerted only."""
    return sign_if_due(rt, _chains(rt, code))


def sign_if_due(rt: Runtime, chains: list[str]) -> list[checkpoints.Checkpoint]:
    """The publish pass's daily checkpoint of these chains (a commune's code, or "" for the installation)."""
    return _sign(rt, chains, only_if_due=True)[0]


def verify_log(rt: Runtime, *, code: str | None, files: list[str], public: str | None = None) -> Report:
    """Check the chains (one commune's and the installation's, or all), the checkpoints in `files`
    and stored, and the report rollup; the verification's time and result are recorded."""
    given, copies = audit_files.read(files)
    key = audit_key.public_key(rt.settings, public)
    if given and key is None:
        raise audit_key.AuditKeyError("the checkpoints given cannot be checked without the installation's public "
                                      "key: give --public-key (the line `loa audit key` printed)")
    with rt.tx() as session:
        scope = rt.commune(session, code).code if code or rt.settings.commune else None
        report = audit_report.full_check(session, code=scope, given=given, public=key)
        for chain, problem in audit_files.differences(session, copies):
            report.add(chain, problem)
        audit_report.record(session, report, now=rt.settings.clock())
    return report


def chain_state(rt: Runtime, code: str | None = None) -> ChainState:
    """The commune chain's entries now, when it was last verified (and what was found), its last checkpoint."""
    with rt.tx() as session:
        return audit_report.state(session, rt.commune(session, code).code)
