from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from media.errors import OutletError
from media.secret import Secret
from media.social import DryRunOutbox, FacebookAdapter, PostContent, build_facebook_post
from tests.media.social.loopback import FB_TOKEN

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def request(key: str = "pub-42-v3", url: str = "https://graph.example"):
    content = PostContent(key=key, title="Một cửa liên thông", body="Tiếp nhận hồ sơ.")
    return build_facebook_post(content, graph_url=url, api_version="v26.0", page_id="123", now=NOW)


def test_writes_the_exact_request_once(tmp_path):
    outbox = DryRunOutbox(tmp_path / "outbox")
    req = request()
    assert outbox.send(req, key="pub-42-v3") == "dryrun:facebook:pub-42-v3"
    path = tmp_path / "outbox" / "facebook" / "pub-42-v3.json"
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written == {"key": "pub-42-v3", "channel": "facebook", "method": "POST",
                       "url": "https://graph.example/v26.0/123/feed", "json": req.json}
    assert "Một cửa liên thông" in path.read_text(encoding="utf-8")
    first = path.read_bytes()
    assert outbox.send(req, key="pub-42-v3") == "dryrun:facebook:pub-42-v3"
    assert path.read_bytes() == first
    assert sorted(p.name for p in path.parent.iterdir()) == ["pub-42-v3.json"]


def test_find_existing_by_key(tmp_path):
    outbox = DryRunOutbox(tmp_path)
    assert outbox.find_existing("pub-1-v1") is None
    outbox.send(request("pub-1-v1"), key="pub-1-v1")
    assert outbox.find_existing("pub-1-v1") == "dryrun:facebook:pub-1-v1"
    assert outbox.find_existing("pub-1-v1", channel="zalo") is None
    assert outbox.find_existing("pub-1") is None


def test_unsafe_keys_cannot_escape_the_outbox(tmp_path):
    with pytest.raises(OutletError, match="not usable"):
        DryRunOutbox(tmp_path / "outbox").send(request(), key="../../etc/passwd")
    assert not (tmp_path / "outbox").exists()


def test_the_token_used_for_real_sends_never_reaches_the_outbox(graph, tmp_path):
    req = request(url=graph.url)
    adapter = FacebookAdapter(graph_url=graph.url, api_version="v26.0", page_id="123", token=Secret(FB_TOKEN))
    graph.page_id = "123"
    adapter.send(req)
    assert graph.seen[0].headers["authorization"].endswith(FB_TOKEN)
    DryRunOutbox(tmp_path).send(req, key="pub-42-v3")
    files = list(tmp_path.rglob("*.json"))
    assert len(files) == 1 and FB_TOKEN not in files[0].read_text(encoding="utf-8")
    assert FB_TOKEN not in repr(req) and FB_TOKEN not in json.dumps(req.as_dict())
