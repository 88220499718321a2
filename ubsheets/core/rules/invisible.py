"""Invisible characters in the cells as read: a warning at each cell that holds one.

Typing a text cell drops the characters (``normalize.clean_text``), so the checks, the summary
and the reports see one name whether or not a zero-width space was pasted after it. Excel does
not drop them: its filters, search and formulas see two names. So each cell that holds one is
pointed at once. This check reads the raw tables, before typing, which is why it is not one of
``RULES`` (those see typed values, with the characters already gone).

Only Unicode's format characters (category Cf) are reported. A no-break space is compared as a
space too, but it is not reported: it is what Word and Russian typography put between initials,
numbers and units, on purpose, and Excel shows it as a space.
"""

from __future__ import annotations

from collections.abc import Iterator

from ubsheets.core.findings import Finding
from ubsheets.core.normalize import invisible_characters, show_invisible
from ubsheets.core.tables import Table

LONG = 60  # a text up to this long (any name) is shown whole
EXCERPT = 24  # in a longer one (a note), the characters shown before the first invisible one


def invisible_cells(table: Table, lang: str) -> Iterator[Finding]:
    """One ``invisible_character`` warning per cell of ``table`` that holds such a character."""
    for row in table.rows:
        for key, value in row.values.items():
            if isinstance(value, str) and (found := invisible_characters(value)):
                yield table.finding(lang, "invisible_character", key, row.line, value,
                                    char=f"U+{ord(found[0]):04X}", marked=excerpt(value))


def excerpt(text: str) -> str:
    """``text`` with the invisible characters shown as [U+200B]; a long text (a note of a
    paragraph) cut to the words around the first one."""
    if len(text) <= LONG:
        return show_invisible(text)
    first = text.index(invisible_characters(text)[0])
    start = max(0, first - EXCERPT)
    end = min(len(text), start + LONG)
    before, after = text[start:first], text[first + 1:end]
    if start > 0 and " " in before:
        start += before.index(" ") + 1  # whole words only
    if end < len(text) and " " in after:
        end = first + 1 + after.rindex(" ")
    return ("…" if start > 0 else "") + show_invisible(text[start:end]) + \
        ("…" if end < len(text) else "")
