"""Type the settings sheet: name/value pairs recognised in any language, and the holidays."""

from __future__ import annotations

from ubsheets.core.cells import CellProblem, is_empty, parse_date, parse_int, parse_text
from ubsheets.core.context import Settings
from ubsheets.core.findings import Finding
from ubsheets.core.normalize import fold
from ubsheets.core.tables import Calendar, Table
from ubsheets.schema import SETTINGS, Kind, Setting

_PARSE = {Kind.TEXT: parse_text, Kind.DATE: parse_date, Kind.INT: parse_int}


def read_settings(table: Table, lang: str) -> tuple[Settings, list[Finding]]:
    by_label = {fold(text): item for item in SETTINGS for text in item.label.all()}
    settings, findings = Settings(), []

    for row in table.rows:
        label, value = row.values.get("setting"), row.values.get("value")
        item: Setting | None = by_label.get(fold(label))
        if item is None:
            findings.append(table.finding(lang, "unknown_setting", "setting", row.line, label))
            continue
        settings.lines[item.key] = row.line
        if is_empty(value):
            continue
        try:
            settings.values[item.key] = _PARSE[item.kind](value)
        except CellProblem as problem:
            findings.append(table.finding(lang, problem.code, "value", row.line, value,
                                          **problem.params))
    for item in SETTINGS:
        if item.key in settings.values:
            continue
        if item.default is not None:
            settings.values[item.key] = item.default_in(lang)
            continue
        line = settings.lines.get(item.key, table.header_line)
        code = "setting_required" if item.required else "setting_missing"
        findings.append(table.finding(lang, code, "value", line, setting=item.label.get(lang)))
    return settings, findings


def calendar_of(settings: Settings, holidays: Table) -> Calendar:
    periods = [(row.values["start"], row.values["end"], row.values.get("name") or "")
               for row in holidays.rows
               if row.values.get("start") and row.values.get("end")]
    return Calendar(settings.get("year_start"), settings.get("year_end"), periods)
