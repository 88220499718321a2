"""One pydantic row model per register, built from its definition (no second list of columns).

Each field runs the column's parser (``core.cells``) before pydantic checks the type, so a bad
cell becomes a pydantic error whose type is our finding code. With ``context={"lenient": True}``
a model accepts a cleared field even when it is required: that is how a row with a bad cell still
yields its good values for the checks across registers.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationError,
    ValidationInfo,
    create_model,
)
from pydantic_core import PydanticCustomError

from ubsheets.core.cells import CellProblem, is_empty, parser_for
from ubsheets.schema import Kind, Register
from ubsheets.schema.base import Column

_PY_TYPES: dict[Kind, type] = {
    Kind.TEXT: str, Kind.TEACHER: str, Kind.CLASS: str, Kind.CHOICE: str, Kind.INT: int,
    Kind.YEAR: int, Kind.NUMBER: float, Kind.DATE: dt.date, Kind.TIME: dt.time,
}


class RowModel(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


def _field_validator(column: Column, lang: str):
    parse = parser_for(column, lang)

    def validate(value: Any, info: ValidationInfo) -> Any:
        if is_empty(value):
            lenient = bool(info.context and info.context.get("lenient"))
            if column.required and not lenient:
                raise PydanticCustomError("required", "required")
            return None
        try:
            return parse(value)
        except CellProblem as problem:
            raise PydanticCustomError(problem.code, problem.code, problem.params) from None

    return BeforeValidator(validate)


_MODELS: dict[tuple[str, str], type[RowModel]] = {}


def row_model(register: Register, lang: str) -> type[RowModel]:
    """The pydantic model of one row of ``register``; messages' choice lists are in ``lang``."""
    if (register.key, lang) not in _MODELS:
        _MODELS[register.key, lang] = _build_model(register, lang)
    return _MODELS[register.key, lang]


def _build_model(register: Register, lang: str) -> type[RowModel]:
    fields: dict[str, Any] = {
        col.key: (Annotated[_PY_TYPES[col.kind] | None, _field_validator(col, lang)], None)
        for col in register.columns
    }
    name = "".join(part.title() for part in register.key.split("_")) + "Row"
    return create_model(name, __base__=RowModel, **fields)


def validate_row(register: Register, lang: str, raw: dict[str, Any]
                 ) -> tuple[dict[str, Any], list[tuple[str, str, dict[str, Any]]]]:
    """Typed values of one row and its problems as (column key, code, params)."""
    model = row_model(register, lang)
    try:
        return model.model_validate(raw).model_dump(), []
    except ValidationError as error:
        problems = [(str(e["loc"][0]), e["type"], dict(e.get("ctx") or {}))
                    for e in error.errors()]
    bad = {key for key, _, _ in problems}
    cleared = {key: (None if key in bad else value) for key, value in raw.items()}
    typed = model.model_validate(cleared, context={"lenient": True}).model_dump()
    return typed, problems
