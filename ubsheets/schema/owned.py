"""The sheets ubsheets writes and owns (regenerated at will; the registers are the user's).

Each carries a hidden marker, so a user's own sheet of the same name is never replaced.
"""

from __future__ import annotations

from ubsheets.schema.base import Label

VALIDATION_SHEET = Label("Текшерүү", "Проверка", "Validation")
SUMMARY_SHEET = Label("Жыйынтык", "Сводка", "Summary")
REPORT_SHEET_PREFIX = Label("Отчет", "Отчёт", "Report")  # + " 2020-10-1", " 2020-10", …
# The district workbook's own sheets (ubsheets consolidate); its combined registers keep the
# registers' sheet names.
SCHOOLS_SHEET = Label("Мектептер", "Школы", "Schools")
FILES_SHEET = Label("Файлдар", "Файлы", "Files")
BY_MONTH_SHEET = Label("Айлар боюнча", "По месяцам", "By month")
FINDINGS_SHEET = Label("Текшерүү жыйынтыгы", "Замечания", "Findings")
