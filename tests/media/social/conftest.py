from __future__ import annotations

import pytest

from tests.media.social.loopback import FakeGraph, FakeService, FakeTikTok, FakeYouTube, FakeZalo, serve


def _running(service: FakeService):
    with serve(service):
        yield service


@pytest.fixture
def graph():
    yield from _running(FakeGraph())


@pytest.fixture
def zalo():
    yield from _running(FakeZalo())


@pytest.fixture
def youtube():
    yield from _running(FakeYouTube())


@pytest.fixture
def tiktok():
    yield from _running(FakeTikTok())
