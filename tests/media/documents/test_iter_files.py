from __future__ import annotations

import pytest

from media.documents import iter_article_files
from media.errors import MediaError


def test_folders_expand_sorted_to_supported_visible_files(tmp_path):
    drop = tmp_path / "drop"
    for name in [
        "b.md",
        "a.txt",
        "C.docx",
        "notes.pdf",
        "sheet.xlsx",
        ".hidden.txt",
        "~$C.docx",
        "sub/d.txt",
        ".git/e.txt",
    ]:
        (drop / name).parent.mkdir(parents=True, exist_ok=True)
        (drop / name).write_text("x", encoding="utf-8")
    single = tmp_path / "single.txt"
    single.write_text("x", encoding="utf-8")
    found = iter_article_files([drop, single, drop / "a.txt"])
    assert found == [drop / "C.docx", drop / "a.txt", drop / "b.md", drop / "notes.pdf", drop / "sub" / "d.txt",
                     single]


def test_a_named_file_is_kept_even_if_unsupported_so_reading_explains_why(tmp_path):
    sheet = tmp_path / "bang.xlsx"
    sheet.write_bytes(b"PK")
    assert iter_article_files([sheet]) == [sheet]


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(MediaError, match=r"nope: no such file or folder"):
        iter_article_files([tmp_path / "nope"])


def _drop_with_links(tmp_path):
    """A drop folder with one real article, a link to a system file, a link to a folder outside, a
    dangling link, and a link to a file inside the folder itself (a link is a link, wherever it points)."""
    drop = tmp_path / "drop"
    (drop / "sub").mkdir(parents=True)
    (drop / "good.txt").write_text("x", encoding="utf-8")
    (drop / "sub" / "inner.md").write_text("x", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("x", encoding="utf-8")
    (drop / "passwd.txt").symlink_to("/etc/passwd")
    (drop / "etc").symlink_to(outside)
    (drop / "gone.md").symlink_to(tmp_path / "nowhere.md")
    (drop / "sub" / "again.txt").symlink_to(drop / "good.txt")
    (drop / "notes").symlink_to("/etc/hostname")  # no document suffix: not an article, not mentioned
    return drop


def test_links_in_a_folder_are_refused_by_name_and_the_rest_found(tmp_path):
    from media.documents import find_article_files

    drop = _drop_with_links(tmp_path)
    found, refused = find_article_files([drop])
    assert found == [drop / "good.txt", drop / "sub" / "inner.md"]
    names = sorted(str(reason).split(":")[0] for reason in refused)
    assert names == sorted(str(drop / n) for n in ("etc", "gone.md", "passwd.txt", "sub/again.txt"))
    for reason in map(str, refused):
        assert "\n" not in reason and "symbolic link" in reason and "copy the document" in reason
    assert any("/etc/passwd" in str(reason) for reason in refused)


def test_a_link_named_on_the_command_line_is_refused_too(tmp_path):
    """`loa article import drop/*` expands to the links themselves: they are refused as in a folder."""
    from media.documents import find_article_files

    drop = _drop_with_links(tmp_path)
    found, refused = find_article_files([drop / "passwd.txt", drop / "gone.md", drop / "good.txt"])
    assert found == [drop / "good.txt"]
    assert [str(r).split(":")[0] for r in refused] == [str(drop / "passwd.txt"), str(drop / "gone.md")]
    with pytest.raises(MediaError, match=r"drop/etc: a symbolic link \(to folder .*outside\)"):
        iter_article_files([drop])


def test_a_folder_named_as_a_link_is_read_but_nothing_inside_may_link_out(tmp_path):
    drop = _drop_with_links(tmp_path)
    alias = tmp_path / "alias"
    alias.symlink_to(drop)
    from media.documents import find_article_files

    found, refused = find_article_files([alias])
    assert found == [alias / "good.txt", alias / "sub" / "inner.md"]
    assert len(refused) == 4
