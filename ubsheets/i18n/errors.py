"""Messages for files that cannot be read or written, and for misuse of a command."""

MESSAGES: dict[str, dict[str, str]] = {
    "error_prefix": {"ky": "Ката", "ru": "Ошибка", "en": "Error"},
}
