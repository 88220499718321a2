"""Forgiving comparison of what people type: headers, sheet names, dropdown values, names.

Users type headers and names with Latin lookalike letters (Latin "a" in "Аты-жөнү"), without the
Kyrgyz letters ң, ө, ү (keyboards without a Kyrgyz layout give н, о, у), in another case, with
doubled spaces. ``fold`` maps all of these onto one key so that they compare equal.
"""

from __future__ import annotations

import re

# Latin letters that look like Cyrillic ones, and Kyrgyz letters that are often typed without
# their marks. Applied to both sides of a comparison, so English words fold consistently too.
_FOLD = str.maketrans({
    "a": "а", "b": "в", "c": "с", "e": "е", "h": "н", "k": "к", "m": "м", "o": "о", "p": "р",
    "t": "т", "x": "х", "y": "у", "ң": "н", "ө": "о", "ү": "у", "ё": "е", "і": "и",
    "–": "-", "—": "-", "‑": "-", "−": "-", "\u00a0": " ",
})
_SPACES = re.compile(r"\s+")
_ODD_SPACE = re.compile(r"[^\S ]")  # whitespace other than a plain space
_AROUND_DASH = re.compile(r"\s*-\s*")

LATIN_LOOKALIKES = frozenset("AaBCcEeHKkMOoPpTXxYy")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def fold(text: object) -> str:
    """The comparison key of a piece of text (empty for None)."""
    if text is None:
        return ""
    folded = str(text).lower().translate(_FOLD)
    folded = _AROUND_DASH.sub("-", _SPACES.sub(" ", folded))
    return folded.strip(" *:.")


def has_mixed_script(text: str) -> bool:
    """True when a Cyrillic word carries Latin lookalike letters (e.g. "Aйгүл" with a Latin A)."""
    for word in re.findall(r"\w+", text):
        if _CYRILLIC.search(word) and any(ch in LATIN_LOOKALIKES for ch in word):
            return True
    return False


def clean_text(value: object) -> str:
    """Text as the user meant it: trimmed, single spaces (a name typed twice with different
    spacing is still one name)."""
    text = str(value)
    if "  " not in text and not _ODD_SPACE.search(text) and text == text.strip():
        return text  # the common case: nothing to clean
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()
