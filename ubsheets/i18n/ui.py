"""Words of the command line: summaries, progress, headings of printed tables."""

MESSAGES: dict[str, dict[str, str]] = {}
