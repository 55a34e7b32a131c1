"""The catalogue of errors (catalogue/errors.py) against itself and against the code that raises its codes."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from catalogue import Coded, is_code, placeholders, render
from catalogue.errors import ERRORS

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ("storage", "media", "schedules", "app", "cli", "desk", "flows", "catalogue")
FALLBACK = "Không thực hiện được yêu cầu"
_SPEC = re.compile(r"\{(\w+)(?:![rs])?:[^}]*\}")


def _params(code: str) -> dict[str, object]:
    """A value for each parameter: a number where the template formats one, else a word."""
    en, vi = ERRORS[code]
    numeric = set(_SPEC.findall(en)) | set(_SPEC.findall(vi))
    return {name: 7 if name in numeric else "X7" for name in placeholders(en)}


def test_each_code_is_dotted_and_has_both_sentences() -> None:
    assert len(ERRORS) > 150
    for code, (en, vi) in ERRORS.items():
        assert is_code(code), code
        assert en.strip() and vi.strip(), code
        assert "\n" not in en and "\n" not in vi, code


def test_no_code_is_written_twice() -> None:
    """A dict literal keeps the last of two equal keys without a word: the first sentence would be lost."""
    tree = ast.parse((ROOT / "catalogue" / "errors.py").read_text(encoding="utf-8"))
    keys = [k.value for node in ast.walk(tree) if isinstance(node, ast.Dict) for k in node.keys
            if isinstance(k, ast.Constant)]
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})


@pytest.mark.parametrize("code", sorted(ERRORS))
def test_the_two_templates_take_the_same_parameters(code: str) -> None:
    """The Vietnamese sentence uses every parameter but those only English readers need (named *_en)."""
    en, vi = ERRORS[code]
    assert placeholders(vi) == {p for p in placeholders(en) if not p.endswith("_en")}, code


@pytest.mark.parametrize("code", sorted(ERRORS))
def test_each_code_renders_in_english_and_in_vietnamese_on_the_desk(code: str) -> None:
    from desk.vi import reason

    error = Coded(code, **_params(code))
    assert error.code == code and str(error) == render(code, _params(code), "en")
    said = reason(error)
    assert said and not said.startswith(FALLBACK), code
    assert "{" not in said and "`loa " not in said and "--" not in said, said  # no CLI flags on the desk


def _trees() -> dict[str, ast.Module]:
    """The sources of every floor but the catalogue's own templates."""
    return {str(path.relative_to(ROOT)): ast.parse(path.read_text(encoding="utf-8"))
            for floor in FLOORS for path in sorted((ROOT / floor).rglob("*.py"))
            if path != ROOT / "catalogue" / "errors.py"}


def _coded_classes(trees: dict[str, ast.Module]) -> set[str]:
    """Coded and the names of every class that derives from it, however deep."""
    classes = [node for tree in trees.values() for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    names = {"Coded"}
    while True:
        more = {c.name for c in classes
                if any((b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "")) in names for b in c.bases)}
        if more <= names:
            return names
        names |= more


def _raised_codes() -> list[tuple[str, int, str]]:
    """(file, line, code) of every call like `NotFound("article.not_found", …)` in the sources, and of every
    code-shaped string built for one (`"recording.too_long" + more`, `which + "approved"`)."""
    found = []
    trees = _trees()
    coded = _coded_classes(trees)
    assert {"InvalidInput", "NotFound", "MediaError", "PeriodError", "CliError", "AuditKeyError"} <= coded
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in coded:
                continue
            first = node.args[0]
            texts = [first] if isinstance(first, ast.Constant) else [
                n for n in ast.walk(first) if isinstance(n, ast.Constant)]
            for text in texts:
                if isinstance(text.value, str) and re.fullmatch(r"[a-z][a-z0-9_]*\.[a-z0-9_.]*", text.value):
                    found.append((path, node.lineno, text.value))
    return found


def test_every_code_raised_is_in_the_catalogue() -> None:
    raised = _raised_codes()
    assert len(raised) > 150
    unknown = [(f, line, code) for f, line, code in raised if code not in ERRORS
               and not any(c.startswith(code) and code.endswith("_") for c in ERRORS)  # which + "approved"
               and not any(c == code + "_at_least" for c in ERRORS)]
    assert not unknown


def test_a_code_keeps_its_parameters_across_a_pickle() -> None:
    """Prefect hands a task's exception across processes: the desk still gets the code."""
    import pickle

    from storage.errors import Forbidden

    error = pickle.loads(pickle.dumps(Forbidden("review.own_article", name="lan", article_id=7)))
    assert isinstance(error, Forbidden) and error.code == "review.own_article"
    assert error.params == {"name": "lan", "article_id": 7}
    assert str(error) == "lan wrote article 7 and cannot approve or reject it (four eyes): ask another approver"


def test_an_error_without_a_code_still_reads_and_reaches_the_desk_as_the_plain_sentence() -> None:
    from desk.vi import reason
    from storage.errors import InvalidInput

    error = InvalidInput("something nobody gave a code")
    assert error.code == "" and str(error) == "something nobody gave a code"
    assert reason(error) == f"{FALLBACK} (something nobody gave a code)."


def test_the_desk_shows_states_labels_numbers_and_file_names_the_vietnamese_way() -> None:
    from desk.vi import reason
    from media.errors import MediaError
    from storage.errors import InvalidInput, InvalidState

    assert reason(InvalidState("article.not_submittable", article_id=3, status="approved")) == (
        "Bài 3 đang ở trạng thái «Đã duyệt»: chỉ bài nháp hoặc bài bị từ chối mới gửi duyệt được.")
    assert "123.456 ký tự" in reason(InvalidInput("article.body_too_long", length=123456, maximum=100000))
    said = reason(MediaError("document.no_title", path=Path("/tmp/loa-upload-x1/bao-cao.docx")))
    assert said.startswith("bao-cao.docx: ") and "/tmp" not in said
    inner = MediaError("speech.nothing_to_speak")
    assert reason(InvalidInput("article.not_speakable", article_id=4, cause=inner)) == (
        "Bài 4: Bài không có chữ nào để đọc: hãy viết nội dung bằng chữ.")


def test_a_raise_site_that_forgets_a_parameter_still_raises_its_own_error() -> None:
    from storage.errors import NotFound

    error = NotFound("article.not_found_in", article_id=7)  # no commune
    assert error.code == "article.not_found_in" and "article.not_found_in" in str(error)


def test_every_code_in_the_catalogue_is_raised_somewhere() -> None:
    """No sentence outlives the error it words: each code is written in the sources, whole or in two pieces
    (`"recording.too_long" + more`, `which + "approved"` with which = "recording.translation_")."""
    texts = {node.value for tree in _trees().values() for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    written = {t for t in texts if "." in t and re.fullmatch(r"[a-z][a-z0-9_.]*", t)}
    stale = [code for code in ERRORS if code not in written
             and not any(code.startswith(p) and code[len(p):] in texts for p in written)]
    assert not stale
