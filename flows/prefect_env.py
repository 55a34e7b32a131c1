"""Prefect's environment for Loa's entry points, set before `import prefect`.

On embedded defaults Prefect keeps its state under LOA_HOME/prefect (never in the repository) and
runs flows on its ephemeral API; with PREFECT_API_URL set, flows report to that server instead.
"""

from __future__ import annotations

import os
from pathlib import Path


def prepare() -> None:
    home = Path(os.environ.get("LOA_HOME", "var")).resolve()
    defaults = {
        "PREFECT_HOME": str(home / "prefect"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
        "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
    }
    for key, value in defaults.items():
        os.environ.setdefault(key, value)
