"""Whether a link may go out in a public post: only http(s) on a host anyone on the internet can reach.

A file path (`file:///var/loa/articles/5.html`, what Loa's pages are without LOA_BASE_URL), a machine of
the commune's office network (`http://192.168.1.10/`, `http://portal.local/`) or this machine
(`http://localhost:8040/`) would embarrass the commune on its Fanpage: nobody can open them. No DNS
lookup: the address itself must say it is public. The reasons are Vietnamese: staff read them.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

# names that only resolve inside a network (RFC 6761, RFC 6762, RFC 8375 and common office conventions)
PRIVATE_SUFFIXES = (".localhost", ".local", ".localdomain", ".internal", ".intranet", ".lan", ".home", ".corp",
                    ".home.arpa", ".test", ".invalid")
_LINK = re.compile(r"\b(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>\"']+", re.IGNORECASE)


def link_problem(url: str | None) -> str | None:
    """None when `url` is an http(s) link on a public host; else why readers could not open it (one line)."""
    if not url:
        return "chưa có đường dẫn"
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:
        return f"{url} không phải một đường dẫn hợp lệ"
    if parts.scheme == "file":
        return f"{url} là một tệp trên máy này, người đọc không mở được"
    if parts.scheme not in ("http", "https") or not host:
        return f"{url} không phải địa chỉ http:// hay https://"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        public = address.is_global and not address.is_multicast
    else:
        public = "." in host and host != "localhost" and not host.endswith(PRIVATE_SUFFIXES)
    return None if public else f"{url} chỉ tới máy {host} trong mạng nội bộ, người đọc không mở được"


def links_in(text: str) -> list[str]:
    """Every link written in `text` (scheme://… or www.…), trailing punctuation left out."""
    return [m.rstrip(".,;:!?)]}") for m in _LINK.findall(text or "")]


def private_links(text: str) -> list[str]:
    """The links of `text` that readers of a public post could not open."""
    return [link for link in links_in(text)
            if not link.lower().startswith("www.") and link_problem(link) is not None]
