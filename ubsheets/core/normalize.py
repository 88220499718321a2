"""Forgiving comparison of what people type: headers, sheet names, dropdown values, names.

Users type headers and names with Latin lookalike letters (Latin "a" in "Аты-жөнү"), without the
Kyrgyz letters ң, ө, ү (keyboards without a Kyrgyz layout give н, о, у), in another case, with
doubled spaces, with no-break spaces, or with an invisible character pasted along (a zero-width
space after a name copied from a messenger). ``fold`` maps all of these onto one key so that they
compare equal; ``clean_text``, which every text cell goes through, drops the invisible characters
and the doubled spaces, so exact comparisons, counts and reports see one name too.
"""

from __future__ import annotations

import re

# Unicode's format characters (category Cf, as of Unicode 15.1): invisible, and pasted along with a
# name from a messenger or a web page (U+200B zero-width space, U+FEFF, U+00AD soft hyphen, the
# bidi marks...). Listed, not computed: scanning every code point costs 80 ms at each start.
# tests/test_invisible.py checks the list against ``unicodedata``.
_FORMAT_RANGES = (
    (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F),
    (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD),
    (0x110CD, 0x110CD), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001), (0xE0020, 0xE007F),
)
INVISIBLE = "".join(chr(code) for low, high in _FORMAT_RANGES for code in range(low, high + 1))
# As ranges: a class of every character one by one searched five times slower.
_INVISIBLE = re.compile("[" + "".join(f"{re.escape(chr(low))}-{re.escape(chr(high))}"
                                      for low, high in _FORMAT_RANGES) + "]")
# No-break spaces look like spaces and are meant as spaces (Word and Russian typography put
# them between initials); Python's ``\s`` already counts them as whitespace.
NO_BREAK_SPACES = "\u00a0\u202f\u2007"

# Latin letters that look like Cyrillic ones, and Kyrgyz letters that are often typed without
# their marks. Applied to both sides of a comparison, so English words fold consistently too.
_FOLD = str.maketrans({
    "a": "а", "b": "в", "c": "с", "e": "е", "h": "н", "k": "к", "m": "м", "o": "о", "p": "р",
    "t": "т", "x": "х", "y": "у", "ң": "н", "ө": "о", "ү": "у", "ё": "е", "і": "и",
    "–": "-", "—": "-", "‑": "-", "−": "-", **dict.fromkeys(NO_BREAK_SPACES, " "),
    **dict.fromkeys(INVISIBLE),  # deleted: a name with U+200B pasted after it is the same name
})
_SPACES = re.compile(r"\s+")
_AROUND_DASH = re.compile(r"\s*-\s*")

LATIN_LOOKALIKES = frozenset("AaBCcEeHKkMOoPpTXxYy")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


# Folded keys of texts seen lately: headers, dropdown values and class names repeat across rows
# and workbooks, and a lookup costs a twentieth of folding. Emptied when full, so that a register
# of 100,000 different names is not kept for good (cheaper than an LRU's bookkeeping).
_FOLDED: dict[str, str] = {}
FOLD_MEMO_SIZE = 50_000


def fold(text: object) -> str:
    """The comparison key of a piece of text (empty for None)."""
    if type(text) is str:  # exactly str: a subclass may show itself otherwise
        folded = _FOLDED.get(text)
        if folded is None:
            if len(_FOLDED) >= FOLD_MEMO_SIZE:
                _FOLDED.clear()
            folded = _FOLDED[text] = _fold(text)
        return folded
    if text is None:
        return ""
    return _fold(str(text))


def _fold(text: str) -> str:
    folded = _AROUND_DASH.sub("-", _SPACES.sub(" ", text.lower().translate(_FOLD)))
    return folded.strip(" *:.")


def has_mixed_script(text: str) -> bool:
    """True when a Cyrillic word carries Latin lookalike letters (e.g. "Aйгүл" with a Latin A)."""
    for word in re.findall(r"\w+", text):
        if _CYRILLIC.search(word) and any(ch in LATIN_LOOKALIKES for ch in word):
            return True
    return False


def clean_text(value: object) -> str:
    """Text as the user meant it: trimmed, single spaces, no invisible characters (a name typed
    twice with different spacing, or pasted with a zero-width space, is still one name)."""
    text = str(value)
    # str.isprintable() is False for every format character and every whitespace but " ": one
    # fast test for the common case, nothing to clean.
    if text.isprintable() and "  " not in text and text == text.strip():
        return text
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def invisible_characters(text: str) -> list[str]:
    """The distinct invisible (format) characters in ``text``, in the order they appear."""
    if text.isprintable():
        return []  # the common case, fast
    return list(dict.fromkeys(_INVISIBLE.findall(text)))


def show_invisible(text: str) -> str:
    """``text`` with each invisible character written out where it sits: "Айгүл[U+200B]"."""
    return _INVISIBLE.sub(lambda found: f"[U+{ord(found.group()):04X}]", text)


def is_blank(text: str) -> bool:
    """Nothing a person could see: only spaces and invisible characters."""
    return not text.strip() or (not text.isprintable() and not _INVISIBLE.sub("", text).strip())
