"""Messages of validation findings, one per finding code."""

MESSAGES: dict[str, dict[str, str]] = {}
