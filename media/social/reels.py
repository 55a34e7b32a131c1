"""Facebook Reels on a Page (Graph "Reels Publishing API"): the start request (pure) and what the status says.

1. `POST {graph}/{page-id}/video_reels` with `upload_phase=start` answers `{video_id, upload_url}`;
2. `POST {upload_url}` (rupload.facebook.com) with `Authorization: OAuth <page token>`, `offset` and
   `file_size` headers and the bytes; after a break `GET {graph}/{video-id}?fields=status` says how many
   bytes arrived (`uploading_phase.bytes_transferred`) and the upload goes on from there;
3. `POST {graph}/{page-id}/video_reels` with `upload_phase=finish`, `video_id`, `video_state=PUBLISHED`
   and the `description` publishes it; the status's `publishing_phase` then says `complete`.
A Page may publish 30 reels through the API in 24 hours (the limit is on step 3). Errors are Graph errors.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from media.errors import OutletError
from media.social.facebook import graph_base
from media.social.model import JsonObject, PostContent, PreparedRequest, Upload, check_key, member
from media.social.text import cut, hashtag_line, lead
from media.text import clean_line

CHANNEL = "reels"
DESCRIPTION_CHARS = 2000


def reels_description(content: PostContent, part_label: str = "") -> str:
    src = content.source
    head = clean_line(src.title) + (f" ({part_label})" if part_label else "")
    parts = [head, lead(src.body, 500), f"Xem chi tiết: {src.link}" if src.link else "", hashtag_line(src.hashtags)]
    return cut("\n\n".join(p for p in parts if p), DESCRIPTION_CHARS)


def build_reel(content: PostContent, video: Path, *, graph_url: str, api_version: str, page_id: str,
               part_label: str = "") -> PreparedRequest:
    """The request that starts the reel's upload session; the description goes with the finish call."""
    key = check_key(content.key)
    if not video.is_file() or video.stat().st_size == 0:
        raise OutletError(f"post {key}: the video {video} is missing or empty; render it again")
    media: Upload = {"path": str(video), "content_type": "video/mp4", "bytes": video.stat().st_size,
             "sha256": hashlib.sha256(video.read_bytes()).hexdigest(),
             "description": reels_description(content, part_label)}
    return PreparedRequest(channel=CHANNEL, method="POST",
                           url=f"{graph_base(graph_url, api_version)}/{page_id}/video_reels",
                           json={"upload_phase": "start"}, media=media, key=key)


def phases(body: JsonObject) -> tuple[int, str, str]:
    """(bytes received, processing status, publishing status) from `GET {video-id}?fields=status`."""
    status = member(body, "status")
    uploading = member(status, "uploading_phase")
    processing = member(status, "processing_phase")
    publishing = member(status, "publishing_phase")
    received = uploading.get("bytes_transferred")
    if uploading.get("status") == "complete" and not isinstance(received, int):
        received = -1  # complete, size not said
    return (received if isinstance(received, int) else 0, str(processing.get("status") or status.get("video_status")
                                                                or ""), str(publishing.get("status") or ""))
