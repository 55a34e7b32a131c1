"""A generic upload to a vendor's IP-radio system: the program MP3 streamed with HTTP PUT.

PUT is idempotent, so a retry after a timeout replaces rather than duplicates; the body is streamed
from the file (never held in memory) and the same `Idempotency-Key` goes with every attempt. The
URL may hold `{commune}`, `{slot}` and `{starts}`; without them `/{commune}/{slot}/{starts}.mp3` is
appended. The token travels in the Authorization header only.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote, urlsplit

import requests

from media.errors import OutletError
from media.radio.outlets import OutletRefused

RETRYABLE = {408, 425, 429, 500, 502, 503, 504}


def target_url(template: str, *, commune: str, slot: str, starts: str) -> str:
    if not any(f"{{{k}}}" in template for k in ("commune", "slot", "starts")):
        template = template.rstrip("/") + "/{commune}/{slot}/{starts}.mp3"
    return template.format(commune=quote(commune), slot=quote(slot), starts=quote(starts))


def upload(path: Path, *, url: str, token: str | None, key: str, metadata: Mapping[str, str],
           timeout: tuple[float, float] = (3.05, 30.0), session: requests.Session | None = None) -> str:
    """PUT the file; returns what the vendor calls it (its `id`, a Location, or the URL)."""
    host = urlsplit(url).netloc
    headers = {"Content-Type": "audio/mpeg", "Idempotency-Key": key, "User-Agent": "Loa"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    http = session or requests.Session()
    try:
        with path.open("rb") as body:
            headers["Content-Length"] = str(path.stat().st_size)
            response = http.put(url, data=body, headers=headers, params=dict(metadata), timeout=timeout)
    except requests.Timeout:
        raise OutletError("outlet.upload_timeout", host=host, seconds=timeout[1]) from None
    except requests.RequestException as exc:
        raise OutletError("outlet.upload_unreachable", host=host, why_en=type(exc).__name__) from None
    finally:
        if session is None:
            http.close()
    if response.status_code in RETRYABLE:
        raise OutletError("outlet.upload_busy", host=host, status=response.status_code)
    if response.status_code >= 400:
        hint = " (check LOA_RADIO_UPLOAD_TOKEN)" if response.status_code in (401, 403) else ""
        said = _short(response.text).replace(token, "***") if token else _short(response.text)
        raise OutletRefused("outlet.upload_refused", host=host, status=response.status_code, said_en=said,
                            hint_en=hint)
    try:
        remote = response.json().get("id") if response.content else None
    except (ValueError, AttributeError):
        remote = None
    return str(remote or response.headers.get("Location") or url)


def _short(text: str) -> str:
    return " ".join(text.split())[:160]
