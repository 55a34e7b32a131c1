"""The loopback platforms in one import: servers on 127.0.0.1 (_server.py) and the Graph, Zalo and YouTube fakes."""

from tests.media.social._server import FB_TOKEN, ZALO_TOKEN, Drop, FakeService, Reply, Seen, serve
from tests.media.social.fake_graph import FakeGraph
from tests.media.social.fake_tiktok import FakeTikTok
from tests.media.social.fake_youtube import FakeYouTube
from tests.media.social.fake_zalo import FakeZalo

__all__ = ["FB_TOKEN", "ZALO_TOKEN", "Drop", "FakeGraph", "FakeService", "FakeTikTok", "FakeYouTube", "FakeZalo",
           "Reply", "Seen", "serve"]
