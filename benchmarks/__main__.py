"""`make bench`: every benchmark module's main(); each prints its ratios measured in the same run."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def compile_sources() -> None:
    """Byte-compile Loa's own packages first, as a regular install does (an editable install does not, and
    with PYTHONDONTWRITEBYTECODE every process would compile them again, which no user's machine does)."""
    import compileall

    root = Path(__file__).resolve().parent.parent
    for package in ("app", "flows", "storage", "media", "schedules", "desk", "benchmarks"):
        compileall.compile_dir(str(root / package), quiet=1)


def main() -> int:
    compile_sources()
    names = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if not m.name.startswith("_"))
    failed = []
    for name in names:
        print(f"== {name} ==", flush=True)
        module = importlib.import_module(f"benchmarks.{name}")
        if not module.main():
            failed.append(name)
    print("all targets met" if not failed else f"targets missed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
