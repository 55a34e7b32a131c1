"""Whether posts may go out with their article's link: LOA_BASE_URL must be a public http(s) address.

Without it an article's page is a file under LOA_HOME (`file:///…/articles/5.html`), which nobody reading
the Fanpage can open. The dispatcher holds live posts back with this one line (they stay due and go out
once it is set); the desk's preview shows the same line. The dry-run outbox is not held back.
"""

from __future__ import annotations

from typing import Protocol

from media.social.links import link_problem

FIX = ("bài lên Fanpage, Zalo OA và YouTube chưa được gửi; đặt LOA_BASE_URL=https://… (địa chỉ công khai "
       "của cổng thông tin, nơi có các trang articles/) rồi chạy lại")


class Links(Protocol):
    base_url: str | None

    @property
    def public_base(self) -> str: ...

    def article_url(self, article_id: int) -> str: ...


def base_url_problem(settings: Links) -> str | None:
    """None when articles have public links; else one Vietnamese line saying what is wrong and what to set."""
    reason = link_problem(settings.article_url(1))
    if reason is None:
        return None
    if not settings.base_url:
        return (f"Chưa đặt LOA_BASE_URL: đường dẫn của bài sẽ là {settings.public_base}articles/…, người đọc "
                f"không mở được; {FIX}")
    return f"LOA_BASE_URL={settings.base_url}: {reason}; {FIX}"
