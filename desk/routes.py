"""Every route of the desk, in one list: (method, path under the base path, handler)."""

from __future__ import annotations

from desk import articles, audit, auth, calendar, publications, quotas, recordings, review, voices
from desk.static_files import serve_asset

ROUTES = [
    ("GET", "/", auth.home),
    ("GET", "/dang-nhap", auth.login_form),
    ("POST", "/dang-nhap", auth.login),
    ("POST", "/dang-xuat", auth.logout),
    ("GET", "/dat-mat-khau/{token}", auth.link_form),
    ("POST", "/dat-mat-khau/{token}", auth.link_set),
    ("GET", "/bai-viet", articles.my_articles),
    ("GET", "/bai-viet/moi", articles.new_form),
    ("POST", "/bai-viet/moi", articles.create),
    ("POST", "/bai-viet/tai-len", articles.upload),
    ("GET", "/bai-viet/{article_id}", articles.view),
    ("GET", "/bai-viet/{article_id}/sua", articles.edit_form),
    ("POST", "/bai-viet/{article_id}/sua", articles.update),
    ("POST", "/bai-viet/{article_id}/gui", articles.submit),
    ("POST", "/bai-viet/{article_id}/rut", articles.withdraw),
    ("GET", "/bai-viet/{article_id}/nghe.mp3", articles.listen),
    ("POST", "/bai-viet/{article_id}/thu-am", recordings.record),
    ("GET", "/bai-viet/{article_id}/video/{phan}.mp4", articles.short_video),
    ("GET", "/bai-viet/{article_id}/video/{phan}.vtt", articles.short_captions),
    ("GET", "/duyet", review.queue),
    ("GET", "/duyet/{article_id}", review.item),
    ("POST", "/duyet/{article_id}/duyet", review.approve),
    ("POST", "/duyet/{article_id}/tu-choi", review.reject),
    ("GET", "/lich", calendar.month),
    ("POST", "/lich/lien-ket", calendar.new_link),
    ("POST", "/lich/huy-lien-ket", calendar.revoke_link),
    ("POST", "/lich/xac-nhan", calendar.confirm_aired),
    ("GET", "/lich/{token}", calendar.feed),
    ("GET", "/chi-tieu", quotas.index),
    ("GET", "/chi-tieu/bao-cao", quotas.report),
    ("GET", "/nhat-ky", audit.index),
    ("POST", "/nhat-ky/kiem-tra", audit.recheck),
    ("GET", "/nhat-ky/xuat", audit.export),
    ("GET", "/dang-tai", publications.index),
    ("POST", "/dang-tai/{publication_id}/thu-lai", publications.retry),
    ("GET", "/giong-doc", voices.index),
    ("POST", "/giong-doc/nghe-thu", voices.samples),
    ("GET", "/giong-doc/mau/{sha}.mp3", voices.sample_audio),
    ("GET", "/static/{name}", serve_asset),
]
