"""Human-readable summaries of a publish pass and of the demo's results."""

from __future__ import annotations

from collections import Counter
from typing import Any


def describe_pass(summary: dict[str, Any]) -> str:
    clips = summary.get("clips", [])
    posts = Counter(summary.get("posts", []))
    lines = [f"audio: {len(clips)} clip(s) rendered"]
    for clip in clips:
        lines.append(f"  {clip['clip']}  {clip.get('duration_s', 0):.1f} s  voice {clip.get('engine', '?')}")
    warnings = dict.fromkeys(w for clip in clips for w in clip.get("warnings", []))
    lines.extend(f"  warning: {w}" for w in warnings)
    lines.append("posts: " + (", ".join(f"{n} {what}" for what, n in sorted(posts.items())) or "none due"))
    lines.append(f"web: {summary.get('web', 0)} item(s) published; feeds: {', '.join(summary.get('feeds', []))}")
    lines.extend(f"radio: {line}" for line in summary.get("radio", []) or ["nothing due"])
    return "\n".join(lines)
