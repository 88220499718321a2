"""The small exception tree. Every message is for a person, in their language.

An error carries a message key and its parameters, not a rendered string, so the CLI and the
Excel buttons can render it in the user's language at the last moment.
"""

from __future__ import annotations

from ubsheets.i18n import t


class UbsheetsError(Exception):
    """Base of every error ubsheets raises on purpose."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: str) -> str:
        return t(self.key, lang, **{k: _render(v, lang) for k, v in self.params.items()})

    def __str__(self) -> str:
        return self.message("en")


class InputError(UbsheetsError):
    """The user's file cannot be read or written: missing, damaged, hostile, open elsewhere."""


class UsageError(UbsheetsError):
    """The command was called wrongly (bad option, file exists, unknown period)."""


def _render(value: object, lang: str) -> object:
    """Parameters may be labels (or lists of them) that only get a language here."""
    if isinstance(value, list | tuple):
        return ", ".join(str(_render(item, lang)) for item in value)
    get = getattr(value, "get", None)
    if callable(get) and hasattr(value, "ky"):
        return get(lang)
    return value
