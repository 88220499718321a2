"""Words of the workbook and the command line: notes, prompts, headings, progress."""

MESSAGES: dict[str, dict[str, str]] = {
    "required_column": {"ky": "Милдеттүү толтурулат.", "ru": "Обязательно для заполнения.",
                        "en": "Required."},
    "dropdown_error": {"ky": "Тизмеден тандаңыз.", "ru": "Выберите значение из списка.",
                       "en": "Pick a value from the list."},
}
