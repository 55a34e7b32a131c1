"""HTTP-level security of the desk against the real server on 127.0.0.1."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
import requests
from sqlalchemy import func, select

from app.runtime import Runtime
from app.settings import Settings
from desk.routes import ROUTES
from tests.conftest import START
from tests.desk.conftest import FAKE_FACEBOOK_TOKEN
from tests.desk.server import PASSWORDS, Desk, form_token, login, token

pytestmark = pytest.mark.xdist_group("desk-security")  # one server for the module, on one worker
BODY = "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ, UBND phường đẩy mạnh cải cách hành chính."
NOW = datetime.fromisoformat(START)


def runtime(desk: Desk) -> Runtime:
    return Runtime(Settings(home=desk.home, now=NOW, tts_engine="espeak", commune="phu-khuong"))


def add_article(desk: Desk, author: str, title: str, submit: bool = True) -> int:
    from app.articles import editorial

    rt = runtime(desk)
    with rt.tx() as session:
        commune, plan = rt.plan(session)
        person_unit = {"lan": "vhxh", "hung": "tt-hcc", "phuc": "vhxh", "tuan": "doan-tn"}[author]
        article = editorial.add_article(session, commune=commune, plan=plan, unit=person_unit, author=author,
                                        title=title, body=BODY, channels=["radio", "web", "facebook"], now=NOW)
        if submit:
            editorial.submit_article(session, commune=commune, article_id=article.id, by=author, now=NOW)
        return article.id


def counts(desk: Desk) -> tuple[int, int, int]:
    from storage.models import Article, AuditEntry, Publication

    rt = runtime(desk)
    with rt.tx() as session:
        return tuple(session.scalar(select(func.count()).select_from(m)) for m in (Article, Publication, AuditEntry))


def status_of(desk: Desk, article_id: int) -> str:
    from storage.models import Article

    with runtime(desk).tx() as session:
        return session.get(Article, article_id).status


def sample(path: str) -> str:
    return (path.replace("{article_id}", "1").replace("{publication_id}", "1").replace("{token}", "x" * 43)
            .replace("{name}", "app.css"))


PUBLIC = {"/dang-nhap", "/dat-mat-khau/{token}", "/lich/{token}", "/static/{name}"}


@pytest.mark.parametrize(("method", "path"), [(m, p) for m, p, _ in ROUTES if p not in PUBLIC])
def test_without_a_session_every_page_and_form_goes_to_login(desk: Desk, method: str, path: str) -> None:
    r = requests.request(method, desk.url + sample(path), data={"csrf": "x"}, allow_redirects=False, timeout=10)
    assert r.status_code == 303, (method, path, r.status_code)
    assert r.headers["location"].startswith("/dang-nhap"), r.headers["location"]


def test_public_paths_give_nothing_away(desk: Desk) -> None:
    assert requests.get(desk.url + "/lich/" + "x" * 43 + ".ics", timeout=10).status_code == 404
    assert requests.get(desk.url + "/dat-mat-khau/" + "x" * 43, timeout=10).status_code == 404
    assert requests.get(desk.url + "/static/app.css", timeout=10).status_code == 404  # only hashed names


def test_an_editor_posting_an_approval_gets_403_and_nothing_is_written(desk: Desk) -> None:
    article = add_article(desk, "hung", "Bài của Hùng chờ duyệt")
    lan = login(desk, "lan")
    before = counts(desk)
    r = lan.post(f"{desk.url}/duyet/{article}/duyet", data={"csrf": form_token(lan, desk)}, timeout=10)
    assert r.status_code == 403 and "không được phép" in r.text
    r = lan.post(f"{desk.url}/duyet/{article}/tu-choi", data={"csrf": form_token(lan, desk), "ly_do": "x"}, timeout=10)
    assert r.status_code == 403
    assert counts(desk) == before and status_of(desk, article) == "submitted"


def test_an_auditor_cannot_confirm_a_radio_program(desk: Desk) -> None:
    thanh = login(desk, "thanh")
    before = counts(desk)
    r = thanh.post(f"{desk.url}/lich/xac-nhan", data={"csrf": form_token(thanh, desk), "slot": "cchc",
                                                       "ngay": "2026-03-12", "gio": "17:00"}, timeout=10)
    assert r.status_code == 403 and "không được phép" in r.text
    assert counts(desk) == before


def test_the_author_cannot_approve_their_own_article_and_is_told_why(desk: Desk) -> None:
    article = add_article(desk, "phuc", "Bài của chính lãnh đạo")
    phuc = login(desk, "phuc")
    before = counts(desk)
    r = phuc.post(f"{desk.url}/duyet/{article}/duyet", data={"csrf": form_token(phuc, desk)}, timeout=10)
    assert r.status_code == 403
    assert "nguyên tắc bốn mắt" in r.text and "tác giả" in r.text
    assert counts(desk) == before and status_of(desk, article) == "submitted"


@pytest.mark.parametrize("csrf", [None, "", "0" * 64])
def test_a_missing_or_wrong_form_token_gets_403(desk: Desk, csrf: str | None) -> None:
    lan = login(desk, "lan")
    before = counts(desk)
    data = {"tieu_de": "Không được lưu", "noi_dung": BODY, "don_vi": "vhxh", "kenh": "web", "hanh_dong": "luu"}
    if csrf is not None:
        data["csrf"] = csrf
    r = lan.post(desk.url + "/bai-viet/moi", data=data, timeout=10)
    assert r.status_code == 403 and "Biểu mẫu" in r.text
    assert counts(desk) == before


def test_a_form_from_another_site_is_refused_even_with_the_token(desk: Desk) -> None:
    lan = login(desk, "lan")
    before = counts(desk)
    data = {"csrf": form_token(lan, desk), "tieu_de": "Từ trang lạ", "noi_dung": BODY, "don_vi": "vhxh",
            "kenh": "web", "hanh_dong": "luu"}
    for headers in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
        assert lan.post(desk.url + "/bai-viet/moi", data=data, headers=headers, timeout=10).status_code == 403
    assert counts(desk) == before


def test_a_title_with_a_script_is_shown_as_text(desk: Desk) -> None:
    lan = login(desk, "lan")
    title = '<script>alert("x")</script> Dịch vụ công'
    r = lan.post(desk.url + "/bai-viet/moi", data={
        "csrf": form_token(lan, desk), "tieu_de": title, "noi_dung": BODY, "don_vi": "vhxh", "kenh": "web",
        "uu_tien": "normal", "hanh_dong": "gui"}, timeout=30)
    assert r.status_code == 200 and "/bai-viet/" in r.url
    ngan = login(desk, "ngan")
    pages = (r.text, lan.get(desk.url + "/bai-viet", timeout=10).text, ngan.get(desk.url + "/duyet", timeout=10).text)
    for page in pages:
        assert "&lt;script&gt;alert(" in page
        assert '<script>alert("x")' not in page


@pytest.mark.parametrize("evil", ["' OR '1'='1", "vhxh'; DROP TABLE article; --", '" OR 1=1 --', "%' --"])
def test_filters_with_sql_metacharacters_change_nothing(desk: Desk, evil: str) -> None:
    add_article(desk, "lan", "Bài để lọc")
    thanh, ngan = login(desk, "thanh"), login(desk, "ngan")
    before = counts(desk)
    audit = thanh.get(desk.url + "/nhat-ky", params={"don_vi": evil, "kenh": evil, "hanh_dong": evil, "tu": evil},
                      timeout=10)
    assert audit.status_code == 200 and re.search(r"<p>0 mục", audit.text)
    export = thanh.get(desk.url + "/nhat-ky/xuat", params={"don_vi": evil, "dinh_dang": "csv"}, timeout=10)
    assert export.status_code == 200 and export.text.count("\n") == 1  # the header alone
    queue = ngan.get(desk.url + "/duyet", params={"don_vi": evil}, timeout=10)
    assert queue.status_code == 200 and "Không có đơn vị này" in queue.text
    quotas = ngan.get(desk.url + "/chi-tieu", params={"ky": evil}, timeout=10)
    assert quotas.status_code == 200 and "không hợp lệ" in quotas.text
    assert counts(desk) == before


def test_twenty_wrong_passwords_are_throttled(desk: Desk) -> None:
    statuses = []
    for _ in range(20):
        s = requests.Session()
        page = s.get(desk.url + "/dang-nhap", timeout=10)
        r = s.post(desk.url + "/dang-nhap", data={"csrf": token(page.text), "ten": "tuan", "mat_khau": "sai-mat-khau"},
                   timeout=30)
        statuses.append(r.status_code)
    assert statuses[:5] == [400] * 5 and set(statuses[5:]) == {429}, statuses
    s = requests.Session()
    page = s.get(desk.url + "/dang-nhap", timeout=10)
    right = s.post(desk.url + "/dang-nhap", data={"csrf": token(page.text), "ten": "tuan",
                                                  "mat_khau": PASSWORDS["tuan"]}, timeout=30)
    assert right.status_code == 429 and "thử lại sau" in right.text and "loa_session" not in s.cookies
    login(desk, "hung")  # another account from the same address still logs in


def _try_login(s: requests.Session, desk: Desk, name: str, password: str, address: str) -> requests.Response:
    page = s.get(desk.url + "/dang-nhap", timeout=10)
    return s.post(desk.url + "/dang-nhap", data={"csrf": token(page.text), "ten": name, "mat_khau": password},
                  headers={"X-Forwarded-For": address}, timeout=30)


def test_an_attacker_elsewhere_does_not_lock_the_leader_out_of_his_own_browser(desk: Desk) -> None:
    leader = requests.Session()
    first = _try_login(leader, desk, "phuc", PASSWORDS["phuc"], "10.0.0.7")
    assert "Đăng xuất" in first.text
    set_cookie = first.history[0].headers["set-cookie"]
    assert re.search(r"loa_device=[^;]+; HttpOnly; Max-Age=15552000", set_cookie), set_cookie
    device = leader.cookies["loa_device"]
    leader.post(desk.url + "/dang-xuat", data={"csrf": form_token(leader, desk)}, timeout=10)
    attacker = requests.Session()
    answers = [_try_login(attacker, desk, "phuc", "doan-mo-mat-khau", "10.66.0.1") for _ in range(25)]
    assert [a.status_code for a in answers[:5]] == [400] * 5 and {a.status_code for a in answers[5:]} == {429}
    assert 0 < int(answers[5].headers["Retry-After"]) <= 30 and "giây" in answers[5].text
    guessed = _try_login(attacker, desk, "phuc", PASSWORDS["phuc"], "10.66.0.1")  # even a right guess waits
    assert guessed.status_code == 429 and "loa_session" not in attacker.cookies
    back = _try_login(leader, desk, "phuc", PASSWORDS["phuc"], "10.0.0.7")
    assert back.status_code == 200 and "Đăng xuất" in back.text
    assert leader.cookies["loa_device"] != device  # renewed at every login
    elsewhere = requests.Session()  # from his phone, never used before: the attacker's pair is not his
    assert "Đăng xuất" in _try_login(elsewhere, desk, "phuc", PASSWORDS["phuc"], "10.0.0.8").text
    stolen = requests.Session()  # a stolen device cookie has a few guesses of its own, then waits
    stolen.cookies.set("loa_device", leader.cookies["loa_device"])
    tries = [_try_login(stolen, desk, "phuc", "sai-mat-khau-nua", "10.66.0.1").status_code for _ in range(7)]
    assert tries == [400] * 5 + [429] * 2, tries


def test_cookies_carry_their_flags_and_the_session_changes_at_login(desk: Desk) -> None:
    s = requests.Session()
    page = s.get(desk.url + "/dang-nhap", timeout=10)
    data = {"csrf": token(page.text), "ten": "lan", "mat_khau": PASSWORDS["lan"]}
    r = s.post(desk.url + "/dang-nhap", data=data, allow_redirects=False, timeout=30)
    cookie = r.headers["set-cookie"]
    assert "loa_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    assert "Secure" not in cookie  # plain http on loopback
    first = s.cookies["loa_session"]
    page = s.get(desk.url + "/dang-nhap", timeout=10)
    r = s.post(desk.url + "/dang-nhap", data={**data, "csrf": token(page.text)}, allow_redirects=False, timeout=30)
    assert s.cookies["loa_session"] != first
    assert requests.get(desk.url + "/bai-viet", cookies={"loa_session": first}, allow_redirects=False,
                        timeout=10).status_code == 303  # the old session ended at the new login
    behind_proxy = requests.Session()
    page = behind_proxy.get(desk.url + "/dang-nhap", timeout=10)
    r = behind_proxy.post(desk.url + "/dang-nhap", data={**data, "csrf": token(page.text)},
                          headers={"X-Forwarded-Proto": "https"}, allow_redirects=False, timeout=30)
    assert "Secure" in r.headers["set-cookie"]


def test_logout_ends_the_session_on_the_server(desk: Desk) -> None:
    s = login(desk, "lan")
    sid = s.cookies["loa_session"]
    r = s.post(desk.url + "/dang-xuat", data={"csrf": form_token(s, desk)}, timeout=10)
    assert r.status_code == 200 and "Đã đăng xuất" in r.text
    assert requests.get(desk.url + "/bai-viet", cookies={"loa_session": sid}, allow_redirects=False,
                        timeout=10).status_code == 303


def test_another_communes_article_is_not_found(desk: Desk) -> None:
    from app.articles import editorial
    from schedules.plan import load_plan
    from storage import plans
    from tests.conftest import ROOT

    other = ROOT / "schedules" / "plans" / "nghi-duong.yaml"
    rt = runtime(desk)
    with rt.tx() as session:
        commune = plans.apply_plan(session, plan=load_plan(other), plan_yaml=other.read_text(encoding="utf-8"),
                                   now=NOW, actor="test")
        plan = load_plan(other)
        person = plan.people[0]
        foreign = editorial.add_article(session, commune=commune, plan=plan, unit=person.unit, author=person.name,
                                        title="Bài xã khác", body=BODY, now=NOW).id
    ngan = login_with_commune(desk, "ngan")
    assert ngan.get(f"{desk.url}/bai-viet/{foreign}", timeout=10).status_code == 404
    assert ngan.get(f"{desk.url}/duyet/{foreign}", timeout=10).status_code == 404
    assert ngan.get(f"{desk.url}/bai-viet/{foreign}/nghe.mp3", timeout=10).status_code == 404
    r = ngan.post(f"{desk.url}/duyet/{foreign}/duyet", data={"csrf": form_token(ngan, desk)}, timeout=10)
    assert r.status_code == 404


def login_with_commune(desk: Desk, name: str) -> requests.Session:
    s = requests.Session()
    page = s.get(desk.url + "/dang-nhap", timeout=10)
    r = s.post(desk.url + "/dang-nhap", data={"csrf": token(page.text), "xa": "phu-khuong", "ten": name,
                                              "mat_khau": PASSWORDS[name]}, timeout=30)
    assert "Đăng xuất" in r.text, r.text[-500:]
    return s


def test_no_token_hash_or_secret_in_any_page_log_or_export(desk: Desk) -> None:
    from storage.models import Credential

    add_article(desk, "lan", "Bài để xem khắp nơi")
    with runtime(desk).tx() as session:
        hashes = [c.password_hash for c in session.scalars(select(Credential))]
    sessions = {name: login_with_commune(desk, name) for name in ("lan", "ngan", "thanh", "admin")}
    cookies = [s.cookies["loa_session"] for s in sessions.values()]
    ngan = sessions["ngan"]
    link_page = ngan.post(desk.url + "/lich/lien-ket", data={"csrf": form_token(ngan, desk)}, timeout=10)
    feed_token = re.search(r"https://loa\.phu-khuong\.example/lich/([^\"/]+)\.ics", link_page.text)[1]
    bodies = []
    for name, s in sessions.items():
        for path in ("/", "/bai-viet", "/bai-viet/moi", "/duyet", "/lich", "/chi-tieu", "/dang-tai", "/nhat-ky",
                     "/nhat-ky/xuat?dinh_dang=csv", "/nhat-ky/xuat?dinh_dang=jsonl", "/chi-tieu/bao-cao?dinh_dang=csv",
                     "/chi-tieu/bao-cao?dinh_dang=html"):
            r = s.get(desk.url + path, timeout=30)
            assert r.status_code in (200, 403), (name, path, r.status_code)
            bodies.append(r.text)
    bodies.append(requests.get(f"{desk.url}/lich/{feed_token}.ics", timeout=10).text)
    everything = "\n".join(bodies) + desk.log()
    secrets = [*cookies, *hashes, *PASSWORDS.values(), FAKE_FACEBOOK_TOKEN, feed_token]
    leaked = [s[:12] for s in secrets if s in everything]
    assert not leaked, leaked
    assert "GET /lich/***" in desk.log()  # the feed request is logged with its token masked
