"""Messages in Kyrgyz, Russian and English.

Each message module holds a dict ``key -> {"ky": ..., "ru": ..., "en": ...}``; templates use
``str.format`` fields. Kyrgyz is the first language of the workbook, Russian the second.
"""

from __future__ import annotations

import os
from typing import Literal, TypeGuard

from ubsheets.i18n import district, errors, findings, next_year, printing, reports, ui
from ubsheets.i18n.plural import render

Lang = Literal["ky", "ru", "en"]
LANGS: tuple[Lang, ...] = ("ky", "ru", "en")
DEFAULT_LANG: Lang = "ky"


def _merge(*tables: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for table in tables:
        for key, texts in table.items():
            if key in merged:
                raise RuntimeError(f"message key defined twice: {key}")
            missing = set(LANGS) - texts.keys()
            if missing:
                raise RuntimeError(f"message {key} lacks {sorted(missing)}")
            merged[key] = texts
    return merged


MESSAGES = _merge(district.MESSAGES, errors.MESSAGES, findings.MESSAGES, printing.MESSAGES,
                  reports.MESSAGES, ui.MESSAGES, next_year.MESSAGES)


def t(key: str, lang: str, **params: object) -> str:
    """Render message ``key`` in ``lang`` (falls back to English for an unknown language)."""
    texts = MESSAGES[key]
    return render(texts.get(lang, texts["en"]), **params)  # {n:год|года|лет}: plural.py


def ui_lang(explicit: str | None = None) -> Lang:
    """The language of the user's terminal: --lang, else UBSHEETS_LANG, else Kyrgyz."""
    lang = explicit or os.environ.get("UBSHEETS_LANG") or DEFAULT_LANG
    return lang if _is_lang(lang) else DEFAULT_LANG


def _is_lang(text: str) -> TypeGuard[Lang]:
    return text in LANGS
