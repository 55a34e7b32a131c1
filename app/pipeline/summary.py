"""Human-readable summary of a publish pass: per commune, what each item became (never a skipped clip
reported as rendered)."""

from __future__ import annotations

from collections import Counter
from typing import Any

CLIP_WORDS = {"rendered": "rendered", "done": "already rendered", "taken": "being rendered by another process",
              "failed": "FAILED"}


def describe_pass(summary: Any) -> str:
    """`summary`: app.pipeline.dispatch.PassSummary."""
    lines: list[str] = []
    for done in summary.communes:
        lines.append(f"{done.code}:")
        lines.extend(f"  {line}" for line in describe_commune(done))
    if summary.idle:
        shown = ", ".join(summary.idle[:8]) + (f" and {len(summary.idle) - 8} more" if len(summary.idle) > 8 else "")
        lines.append(f"nothing due in {len(summary.idle)} commune(s): {shown}")
    if summary.sealed:
        lines.append(f"audit log: {len(summary.sealed)} checkpoint(s) signed, covering every entry so far")
    if summary.swept:
        lines.append(f"removed {summary.swept} temporary file(s) left by an interrupted run")
    lines.extend(f"FAILED: {line}" for line in summary.errors)
    return "\n".join(lines) or "no commune is loaded"


def describe_commune(done: Any) -> list[str]:
    counts = Counter(c.outcome for c in done.clips)
    parts = [f"{counts.get('rendered', 0)} clip(s) rendered"]
    parts += [f"{n} {CLIP_WORDS[k]}" for k, n in sorted(counts.items()) if k != "rendered"]
    lines = ["audio: " + ", ".join(parts)]
    for clip in done.clips:
        name = f"article {clip.article} v{clip.number}"
        if clip.outcome == "rendered":
            lines.append(f"  {name}: {clip.clip}  {clip.duration_s:.1f} s  voice {clip.engine}")
        elif clip.outcome == "failed":
            lines.append(f"  {name}: FAILED: {clip.reason}")
        else:
            lines.append(f"  {name}: {CLIP_WORDS[clip.outcome]}")
    warnings = dict.fromkeys(w for clip in done.clips for w in clip.warnings)
    lines.extend(f"  warning: {w}" for w in warnings)
    posts = Counter(o.result for o in done.posts)
    lines.append("posts: " + (", ".join(f"{n} {what}" for what, n in sorted(posts.items())) or "none due"))
    lines.extend(f"  publication {o.publication_id} ({o.channel}): failed: {o.detail}"
                 for o in done.posts if o.result == "failed")
    skipped: dict[str, list[Any]] = {}  # one line per cause (an unset LOA_BASE_URL stops every post alike)
    for o in done.posts:
        if o.result == "skipped":
            skipped.setdefault(o.detail, []).append(o)
    for detail, held in skipped.items():
        channels = ", ".join(dict.fromkeys(o.channel for o in held))
        lines.append(f"  {len(held)} post(s) not sent ({channels}), still due: {detail}")
    feeds = f"; feeds: {', '.join(done.feeds)}" if done.feeds else ""
    lines.append(f"web: {done.web} item(s) published{feeds}")
    lines.extend(f"radio: {line}" for line in done.radio or ["nothing due"])
    lines.extend(f"{name}: {', '.join(map(str, results))}" for name, results in done.other.items())
    lines.extend(f"FAILED: {line}" for line in done.errors)
    return lines
