"""The desk's own CSS and JS, served under content-hashed names (app.3f9c2a1b.css) with an immutable
cache header: a slow connection fetches each version once, and a new version is a new URL."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

STATIC = Path(__file__).parent / "static"
TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


@dataclass(frozen=True)
class Asset:
    name: str  # app.css
    hashed: str  # app.3f9c2a1b.css
    body: bytes
    media_type: str


def load_assets() -> dict[str, Asset]:
    assets = {}
    for path in sorted(STATIC.iterdir()):
        if path.suffix not in TYPES:
            continue
        body = path.read_bytes()
        digest = hashlib.sha256(body).hexdigest()[:10]
        assets[path.name] = Asset(path.name, f"{path.stem}.{digest}{path.suffix}", body, TYPES[path.suffix])
    return assets


def serve_asset(request: Request) -> Response:
    by_hash = {a.hashed: a for a in request.app.state.desk.assets.values()}
    asset = by_hash.get(request.path_params["name"])
    if asset is None:
        return Response("Không có tệp này.", status_code=404, media_type="text/plain; charset=utf-8")
    return Response(asset.body, media_type=asset.media_type,
                    headers={"Cache-Control": "public, max-age=31536000, immutable"})
