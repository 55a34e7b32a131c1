"""The base of Loa's errors: a code from the catalogue and its parameters; str() is the English sentence."""

from __future__ import annotations

import re
from string import Formatter
from typing import Any, Self

from catalogue.errors import ERRORS

_CODE = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+")
LANGUAGES = ("en", "vi")


def is_code(text: str) -> bool:
    """A dotted lowercase code such as `article.not_found` (an English sentence always has a space)."""
    return bool(_CODE.fullmatch(text))


def placeholders(template: str) -> set[str]:
    """The parameter names a template uses: {article_id}, {minutes:.1f} -> {'article_id', 'minutes'}."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in Formatter().parse(template) if name}


def render(code: str, params: dict[str, Any], lang: str = "en") -> str:
    """The sentence of `code` in `lang` ("en" or "vi") with its parameters filled in."""
    return ERRORS[code][LANGUAGES.index(lang)].format(**params)


class Coded(Exception):
    """An error a person sees. Raise it with a code and its parameters:

        raise NotFound("article.not_found", article_id=7)

    `str(exc)` is then the English sentence of the catalogue, `exc.code` and `exc.params` are for the desk. A plain
    sentence (no code) still works for errors nobody has given a code yet: `exc.code` is "" then.
    """

    code: str = ""

    def __init__(self, text: str = "", /, **params: Any) -> None:
        if is_code(text):
            self.code = text
            try:
                message = render(text, params)
            except (KeyError, IndexError, ValueError):  # a code not in the catalogue, a parameter missing: still
                message = f"{text} {params}"  # an error that says what it is, not a KeyError raised while raising
        else:
            message = text
        self.params: dict[str, Any] = params
        super().__init__(message)

    @classmethod
    def like(cls, other: BaseException) -> Self:
        """The same error (code and parameters, or its sentence) as this class: a lower floor's reason raised as
        InvalidInput, say."""
        code, params = getattr(other, "code", ""), getattr(other, "params", {})
        return cls(code, **params) if isinstance(code, str) and is_code(code) else cls(str(other))
