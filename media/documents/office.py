"""Old Word (.doc) and OpenDocument (.odt) files turned into .docx by LibreOffice, headless.

Each conversion runs in its own temporary folder with a private LibreOffice profile (so it neither
waits for nor disturbs a LibreOffice the user has open, and two imports can convert at once), in a
process group of its own that is killed whole when it overruns `timeout`.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from media.errors import MediaError

TIMEOUT_SECONDS = 90.0
_PROGRAMS = ("soffice", "libreoffice")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def find_soffice() -> str | None:
    return next((found for name in _PROGRAMS if (found := shutil.which(name))), None)


def to_docx(path: Path, target: Path, timeout: float = TIMEOUT_SECONDS) -> Path:
    """Convert `path` with LibreOffice into the .docx `target`; a MediaError naming the file and the fix
    when LibreOffice is missing, cannot open it, or takes longer than `timeout` seconds."""
    program = find_soffice()
    if program is None:
        raise MediaError("document.needs_libreoffice", path=path, suffix=path.suffix.lower())
    with tempfile.TemporaryDirectory(prefix="loa-office-") as tmp:
        work = Path(tmp)
        source = work / f"in{path.suffix.lower()}"  # a plain name: no spaces, no leading "-"
        shutil.copyfile(path, source)
        with source.open("rb") as handle:
            ole = handle.read(8) == _OLE
        # an OLE file is read as Word 97-2003 only, so a damaged one fails instead of being read as text
        filters = ["--infilter=MS Word 97"] if ole and path.suffix.lower() == ".doc" else []
        command = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                   "--nolockcheck", "--nodefault", *filters, "--convert-to", "docx:MS Word 2007 XML",
                   "--outdir", str(work / "out"), str(source)]
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, start_new_session=True, env=_environment(work))
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            raise MediaError("document.libreoffice_timeout", path=path, seconds=timeout) from None
        finally:
            _kill_group(process)  # a helper process left behind by soffice goes too
        produced = work / "out" / "in.docx"
        if process.returncode != 0 or not produced.is_file() or produced.stat().st_size == 0:
            detail = " ".join(output.decode("utf-8", "replace").split())[:160]
            raise MediaError("document.libreoffice_failed", path=path, detail_en=detail or "no output")
        shutil.move(produced, target)
    return target


def _environment(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "TZ")}
    env["HOME"] = str(work)  # LibreOffice writes caches under HOME
    return env


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()
