"""The dry-run outbox: a channel without credentials gets its requests written down, not sent.

`<root>/<channel>/<key>.json` holds exactly what the API would have received (method, url, json)
and never a token: PreparedRequest carries none. The same key is written once; sending it again
returns the same id, as a real service found by `find_existing` would.
"""

from __future__ import annotations

import json
from pathlib import Path

from media.errors import OutletError
from media.files import write_atomic
from media.social.model import PreparedRequest, check_key


class DryRunOutbox:
    """Stands in for every channel's adapter. `root` is the outbox folder (LOA_HOME/outbox)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def send(self, req: PreparedRequest, *, key: str) -> str:
        """Write `req` to `<root>/<channel>/<key>.json` (once) and return "dryrun:<channel>:<key>"."""
        path = self.path(req.channel, key)
        if not path.is_file():
            record = {"key": key, **req.as_dict()}
            try:
                data = json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            except (TypeError, ValueError) as exc:
                raise OutletError(f"request {key} for {req.channel} is not JSON ({exc}); rebuild it") from exc
            write_atomic(path, data.encode("utf-8"))
        return _remote_id(req.channel, key)

    def find_existing(self, key: str, *, channel: str | None = None) -> str | None:
        """The id of the request written under `key` (in `channel`, or any channel), else None."""
        check_key(key)
        channels = [channel] if channel else sorted(p.name for p in self.root.glob("*") if p.is_dir())
        for name in channels:
            if self.path(name, key).is_file():
                return _remote_id(name, key)
        return None

    def path(self, channel: str, key: str) -> Path:
        """Where the request of `key` for `channel` is written."""
        try:
            check_key(channel)
        except OutletError as exc:
            raise OutletError(f"channel name {channel!r} cannot name a folder; use e.g. 'facebook'") from exc
        return self.root / channel / f"{check_key(key)}.json"


def _remote_id(channel: str, key: str) -> str:
    return f"dryrun:{channel}:{key}"
