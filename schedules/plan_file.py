"""Reading a plan file safely: a regular file of bounded size, and YAML with no key given twice.

PyYAML keeps the last of two equal keys silently; a second `people:` block once dropped two people
and gave an editor the approver role. Here it is an error naming the key and both lines.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from schedules.errors import PlanError

MAX_PLAN_BYTES = 2_000_000


# libyaml's parser when PyYAML was built with it (the wheels are): a plan parses ~5x faster
if TYPE_CHECKING:
    _SafeLoader = yaml.SafeLoader
else:
    _SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                first = seen.get(key)
            except TypeError:  # an unhashable key: let PyYAML report it
                break
            if first is not None:
                raise PlanError("plan.duplicate_key", line=line, key=key, first=first)
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def parse_yaml(text: str, source: str) -> Any:
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except PlanError as exc:
        raise PlanError("plan.in_file", source=source, cause=exc) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise PlanError("plan.not_yaml", source=source, where_en=where,
                        problem_en=getattr(exc, "problem", exc)) from None


def read_plan_text(path: Path) -> str:
    """The text of a plan file; a folder, a device, a FIFO, a loop of links or a huge file is refused."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise PlanError("plan.no_file", path=path) from None
    except OSError as exc:  # ELOOP, EACCES, …
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        raise PlanError("plan.unreadable", path=path, why_en=reason) from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise PlanError("plan.not_a_file", path=path, kind_en=kind)
    if info.st_size > MAX_PLAN_BYTES:
        raise PlanError("plan.too_big", path=path, size=info.st_size, maximum=MAX_PLAN_BYTES)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_PLAN_BYTES + 1)
    except OSError as exc:
        raise PlanError("plan.read_failed", path=path, why_en=exc.strerror or exc) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise PlanError("plan.not_utf8", path=path) from None
