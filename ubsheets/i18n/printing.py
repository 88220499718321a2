"""Words of the printed page: page numbers, a table continued on the next page, rows left out."""

MESSAGES: dict[str, dict[str, str]] = {
    # {page} and {pages} become the page's number and the count when the sheet is printed.
    "page_label": {"ky": "Бет {page} / {pages}", "ru": "Стр. {page} из {pages}",
                   "en": "Page {page} of {pages}"},
    "continued": {"ky": "{title} (уландысы)", "ru": "{title} (продолжение)",
                  "en": "{title} (continued)"},
    # Said on the printed sheet itself, not only on the terminal: the figures leave these out.
    # Russian puts the number last, so that no noun has to agree with it.
    "rows_left_out": {
        "ky": "Катасы бар же кайталанган {rows} сап эсепке алынган жок («{sheet}» барагын караңыз).",
        "ru": "Не учтено строк с ошибками или повторами: {rows} (см. лист «{sheet}»).",
        "en": "{rows} rows with errors or repeated are not counted (see “{sheet}”)."},
    "col_held_on": {"ky": "Өтүлгөн күнү", "ru": "Дата проведения", "en": "Held on"},
    # A register's title over the part of it a report lists: "График …: проведённые".
    "title_of_some": {"ky": "{title}: {which}", "ru": "{title}: {which}", "en": "{title}: {which}"},
    "only_held": {"ky": "өткөрүлгөндөрү", "ru": "проведённые", "en": "held"},
    "only_done": {"ky": "бүткөндөрү", "ru": "пройденные", "en": "completed"},
}
