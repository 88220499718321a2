"""Numbers with the noun that agrees with them: «1 год», «3 года», «5 лет»; "1 year", "2 years".

Kyrgyz nouns do not change after a number («5 жыл»), so only Russian and English need this.
A message template asks for agreement with a format spec listing the forms, and the number is
printed before the chosen form:

    "Стаж {value:год|года|лет}"          -> "Стаж 21 год", "Стаж 4 года", "Стаж 45 лет"
    "Стаж {low}–{high:год|года|лет}"     -> "Стаж 0–3 года" (the last number decides)
    "не менее {years:года|лет|лет}"      -> "не менее 1 года", "не менее 5 лет" (genitive)
    "{value:year|years} of experience"   -> "1 year of experience"

Russian specs give three forms (one, few, many), English ones two (one, other).
"""

from __future__ import annotations

import string


def ru_plural(n: int, one: str, few: str, many: str) -> str:
    """The Russian form that follows ``n``: 1, 21, 101 → one; 2–4, 22–24 → few; else many
    (0, 5–20, 25–30, 111–114 included)."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def with_noun(value: object, forms: list[str]) -> str:
    """``value`` followed by the form of the noun that agrees with it."""
    number = _as_number(value)
    if len(forms) == 2:  # English: one, other
        noun = forms[0] if number == 1 else forms[1]
    elif len(forms) == 3:
        if isinstance(number, int):
            noun = ru_plural(number, *forms)
        else:  # "4,5 года", and a value that is not a number at all: the form of a fraction
            noun = forms[1] if number is not None else forms[2]
    else:
        raise ValueError(f"a plural spec gives two or three forms, not {forms}")
    return f"{value} {noun}"


def _as_number(value: object) -> int | float | None:
    """The number a cell's value stands for (45, 45.0 and "45" alike), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():  # not "²"
        return int(value.strip())
    return None


class PluralFormatter(string.Formatter):
    """``str.format`` that also understands a spec of forms: ``{n:год|года|лет}``."""

    def format_field(self, value: object, format_spec: str) -> str:
        if "|" in format_spec:
            return with_noun(value, format_spec.split("|"))
        return super().format_field(value, format_spec)


PLURALS = PluralFormatter()


def render(template: str, **params: object) -> str:
    """A message template filled in; the plain ``str.format`` when it asks for no agreement."""
    if "|" in template:
        return PLURALS.format(template, **params)
    return template.format(**params)
