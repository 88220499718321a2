"""The command line's own words in the user's language: help pages and misuse messages.

The CLI library (Typer on Click) writes its help and its complaints in English ("Usage:",
"Options", "Show this message and exit.", "No such command 'repot'."). We let it parse and keep
every word it would show: ``HelpCommand``/``HelpGroup`` draw the help pages from the commands'
parameters, and ``misuse_detail`` turns each of its errors into one line of ours.

In ``cli.py`` a parameter's ``help=`` and ``metavar=`` hold message keys of ``ubsheets.i18n``, and
so does a command's ``help=``: they are rendered here, when the page is shown, in the language of
the terminal (UBSHEETS_LANG). A help page is in one language, like every other line the terminal
shows: a page of "ky / ru" pairs is two messages on each line, and the Russian reader reads the
Kyrgyz half first. The main page's last line tells the other language's reader how to switch.
"""

from __future__ import annotations

import difflib
import enum
import inspect
import typing
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from typer.core import TyperCommand, TyperGroup

from ubsheets.i18n import MESSAGES, t, ui_lang

FIRST_SENTENCE_END = ". "


class Misuse(Exception):
    """A misuse the library does not report in a way we can word: a message key and its values."""

    def __init__(self, key: str, ctx: Any = None, close: Sequence[str] = (),
                 **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.ctx = ctx  # the command's context: the message points at its help
        self.close = list(close)  # what the user may have meant
        self.params = params


@contextmanager
def _with_context(ctx: Any) -> Iterator[None]:
    """Some parser errors are raised without the context they happened in; give it to them, so
    the message points at the right command's help."""
    try:
        yield
    except Exception as error:
        if getattr(error, "ctx", False) is None:
            error.ctx = ctx  # type: ignore[attr-defined]
        raise


class HelpCommand(TyperCommand):
    """A command whose help page and misuse messages are ours."""

    # Extra words are collected rather than refused in English; parse_args refuses them in ours.
    allow_extra_args = True

    def format_help(self, ctx: Any, formatter: Any) -> None:
        formatter.write(render_help(self, ctx))

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        with _with_context(ctx):
            rest = super().parse_args(ctx, args)
        if rest:
            raise Misuse("misuse_extra", ctx, what=" ".join(rest))
        return rest


class HelpGroup(TyperGroup):
    """The ``ubsheets`` group: our help page, and our words for a command that does not exist."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        formatter.write(render_help(self, ctx))

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        with _with_context(ctx):
            return super().parse_args(ctx, args)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            raise Misuse("misuse_no_command", ctx, name=name,
                         close=difflib.get_close_matches(name, self.list_commands(ctx)))
        return super().resolve_command(ctx, args)


# --- help pages ------------------------------------------------------------------------------------


def render_help(command: Any, ctx: Any) -> str:
    """The help page of ``command``, drawn by rich into a string (so that showing it has no side
    effect: the library builds a help page before deciding to show it)."""
    lang = ui_lang()
    console = Console(highlight=False)
    parts: list[Any] = [Text(), _indented(_usage(command, ctx, lang)), Text()]
    if command.help:
        parts += [_indented(Text(t(command.help, lang))), Text()]
    parts.append(_panel(t("help_options", lang), [_param_row(p, command, ctx, lang)
                                                  for p in command.get_params(ctx)]))
    if isinstance(command, TyperGroup):
        parts.append(_panel(t("help_commands", lang), [_command_row(ctx, name, lang) for name in
                                                       command.list_commands(ctx)]))
        parts.append(_indented(Text(t("help_other_language", lang))))
    with console.capture() as capture:
        console.print(Group(*parts))
    return capture.get()


def _indented(text: Text) -> Padding:
    return Padding(text, (0, 0, 0, 1), expand=False)


def _usage(command: Any, ctx: Any, lang: str) -> Text:
    if isinstance(command, TyperGroup):
        pieces = [t("metavar_command", lang), t("metavar_options", lang)]
    else:
        arguments = [p for p in command.params if not _is_option(p)]
        pieces = [*(t(p.metavar, lang) for p in arguments), t("metavar_options", lang)]
    return Text(f"{t('help_usage', lang)}: {ctx.command_path} {' '.join(pieces)}")


def _panel(title: str, rows: list[tuple[str, str]]) -> Panel:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for name, text in rows:
        table.add_row(Text(name), Text(text))
    return Panel(table, title=title, title_align="left", border_style="dim")


def _param_row(param: Any, command: Any, ctx: Any, lang: str) -> tuple[str, str]:
    if param is command.get_help_option(ctx):
        return ", ".join(param.opts), t("help_help", lang)
    metavar = t(param.metavar, lang) if param.metavar else ""
    if not _is_option(param):
        return metavar, t(param.help, lang)
    name = " ".join([", ".join(param.opts), metavar]).strip()
    text = t(param.help, lang)
    if not getattr(param, "is_flag", False) and param.default is not None:
        text = f"{text} {t('help_default', lang, value=_shown_default(param.default))}"
    return name, text


def _shown_default(value: object) -> object:
    return value.value if isinstance(value, enum.Enum) else value


def _command_row(ctx: Any, name: str, lang: str) -> tuple[str, str]:
    """A command and the first sentence of its help."""
    text = t(ctx.command.get_command(ctx, name).help, lang)
    first, dot, _rest = text.partition(FIRST_SENTENCE_END)
    return name, first + dot.strip()


def _is_option(param: Any) -> bool:
    return any(opt.startswith("-") for opt in param.opts)


# --- misuse messages -------------------------------------------------------------------------------


def misuse_detail(error: Exception, lang: str) -> str:
    """What was wrong with the command line, in words, from the library's error (recognised by its
    Click class name: Typer ships its own copy of Click, a private module we do not import)."""
    if isinstance(error, Misuse):
        return _misuse_message(error, lang)
    kinds = {cls.__name__ for cls in type(error).__mro__}
    ctx = getattr(error, "ctx", None)
    param = getattr(error, "param", None)
    option = str(getattr(error, "option_name", "") or "")
    if "MissingParameter" in kinds and param is not None:
        return _missing(param, lang)
    if "NoSuchOption" in kinds:
        text = t("misuse_no_option", lang, what=option)
        return _suggest(text, list(getattr(error, "possibilities", None) or []), lang)
    if "BadOptionUsage" in kinds:  # "--month" without its value, or "--json=1"
        flag = _find_option(ctx, option)
        key = "misuse_takes_no_value" if getattr(flag, "is_flag", False) else "misuse_needs_value"
        return t(key, lang, what=option)
    if "BadParameter" in kinds and param is not None and ctx is not None:
        return _bad_value(param, ctx.command, lang)
    return t("misuse_other", lang)


def _misuse_message(error: Misuse, lang: str) -> str:
    return _suggest(t(error.key, lang, **error.params), error.close, lang)


def _suggest(text: str, names: list[str], lang: str) -> str:
    if not names:
        return text
    return t("misuse_suggest", lang, what=text, names=_either([f"«{n}»" for n in names], lang))


def _either(words: list[str], lang: str) -> str:
    """"a", "a же b", "a, b же c" (или, or)."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {t('misuse_or', lang)} {words[-1]}"


def _missing(param: Any, lang: str) -> str:
    key = f"misuse_missing_{param.name}"
    if key in MESSAGES:
        return t(key, lang)
    return t("misuse_needs_value", lang, what=_label(param, lang))


def _find_option(ctx: Any, option: str) -> Any:
    command = getattr(ctx, "command", None)
    for param in getattr(command, "params", []):
        if option in param.opts:
            return param
    return None


def _label(param: Any, lang: str) -> str:
    if _is_option(param):
        return str(param.opts[0])
    return t(param.metavar, lang) if param.metavar else str(param.name)


def _bad_value(param: Any, command: Any, lang: str) -> str:
    """The value of ``param`` could not be read: say what it takes, from the type our command
    declares (an integer and its bounds, or one of an Enum's values)."""
    what = _label(param, lang)
    kind, info = _declared(command, param.name)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return t("misuse_choice", lang, what=what,
                 choices=_either([str(member.value) for member in kind], lang))
    if kind is int:
        low, high = getattr(info, "min", None), getattr(info, "max", None)
        if low is not None and high is not None:
            return t("misuse_integer_range", lang, what=what, low=low, high=high)
        return t("misuse_integer", lang, what=what)
    return t("misuse_bad_value", lang, what=what)


def _declared(command: Any, name: str) -> tuple[object, object]:
    """The type a command's function declares for parameter ``name`` (``X | None`` read as X),
    and the ``typer.Option``/``Argument`` beside it."""
    function = inspect.unwrap(command.callback)
    hint = typing.get_type_hints(function, include_extras=True).get(name)
    info = None
    if typing.get_origin(hint) is typing.Annotated:
        hint, info = typing.get_args(hint)[:2]
    members = [arg for arg in typing.get_args(hint) if arg is not type(None)]
    if len(members) == 1:  # Optional[X]
        hint = members[0]
    return hint, info
