"""Characters sent to each paid voice, per month: an append-only ledger under LOA_HOME.

One line per accepted request (`{"provider", "commune", "chars"}`) in `<root>/<YYYY-MM>.jsonl`, written
with one O_APPEND write, so processes rendering at once never interleave lines. No key, no text: only
counts. The month is the commune's local month (the caller gives it).
"""

from __future__ import annotations

import json
import os
import threading
from collections import defaultdict
from pathlib import Path


class UsageLedger:
    def __init__(self, root: Path, month: str, commune: str = "") -> None:
        self.root, self.month, self.commune = Path(root), month, commune
        self._lock = threading.Lock()

    def _file(self, month: str) -> Path:
        return self.root / f"{month}.jsonl"

    def add(self, provider: str, chars: int) -> None:
        line = json.dumps({"provider": provider, "commune": self.commune, "chars": int(chars)}) + "\n"
        self.root.mkdir(parents=True, exist_ok=True)
        with self._lock:
            fd = os.open(self._file(self.month), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
            try:
                os.write(fd, line.encode())
            finally:
                os.close(fd)

    def totals(self, month: str | None = None, *, commune: str | None = None) -> dict[str, dict[str, int]]:
        """{provider: {"chars": n, "requests": n}} for the month (this one by default), one commune or all."""
        sums: dict[str, dict[str, int]] = defaultdict(lambda: {"chars": 0, "requests": 0})
        try:
            lines = self._file(month or self.month).read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return {}
        for line in lines:
            try:
                entry = json.loads(line)
                provider, chars = str(entry["provider"]), int(entry["chars"])
            except (ValueError, KeyError, TypeError):
                continue  # a line cut by a crash mid-write counts for nothing
            if commune is not None and entry.get("commune", "") != commune:
                continue
            sums[provider]["chars"] += chars
            sums[provider]["requests"] += 1
        return dict(sums)

    def spent(self, provider: str) -> int:
        """Characters this commune sent to `provider` this month."""
        return self.totals(commune=self.commune).get(provider, {}).get("chars", 0)
