from __future__ import annotations

import pytest

from media.social.links import link_problem, private_links


@pytest.mark.parametrize("url", ["https://phukhuong.vinhlong.gov.vn/cchc/articles/5.html", "http://cong.example.vn/a",
                                 "https://8.8.8.8/x", "https://[2001:4860:4860::8888]/"])
def test_public_http_links_pass(url):
    assert link_problem(url) is None


@pytest.mark.parametrize("url", [
    "file:///var/loa/articles/5.html", "file:///C:/Users/bai.docx", "ftp://cong.vn/a", "javascript:alert(1)",
    "http://localhost:8040/", "http://127.0.0.1/", "http://127.8.9.1/", "http://[::1]/", "http://0.0.0.0/",
    "http://10.0.0.4/", "http://172.16.5.5/", "http://192.168.1.10/cchc/", "http://169.254.1.1/", "http://100.64.0.1/",
    "http://[fd00::1]/", "http://[fe80::1]/", "http://portal/", "http://cong.local/", "http://may-chu.lan/",
    "http://x.home.arpa/", "http://site.internal/", "http://a.localhost/", "http://2130706433/", "", None,
    "http:///nohost", "http://[not-an-ip/"])
def test_links_readers_cannot_open_are_named(url):
    reason = link_problem(url)
    assert reason and "\n" not in reason


def test_private_links_are_found_in_a_text():
    text = ("Xem tại https://dichvucong.gov.vn/p, hoặc http://192.168.1.2/a. Tệp file:///C:/bai.docx; "
            "www.vinhlong.gov.vn và (http://localhost:8000/x).")
    assert private_links(text) == ["http://192.168.1.2/a", "file:///C:/bai.docx", "http://localhost:8000/x"]
