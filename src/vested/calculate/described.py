"""The calculators' inputs described as plain data, and a validator of its own for a calculation's start.

A calculation asked with `vested ask` spent most of its start importing pydantic and building the
calculator's input models (about 150 ms of 360 here, benchmarks/README.md, issue 20). So each input
model (vested.calculate.inputs, pydantic, the source of truth) is described once, when the compiled
knowledge is built: each field's kind, unit, title, default, and the checks it applies, which are
plain functions (vested.calculate.checks, the calculators' own modules) named by module and name.
The description is kept in the compiled knowledge (vested.knowledge.compiled), and the router, the
presenter and a calculation's validation read it without importing pydantic.

The plain validator only ever accepts: given values of exactly the kinds the router reads (Decimal,
int, bool, a listed choice, a date) that pass every check of their field and every rule across
fields, it returns the values pydantic would have made; anything else (a value of another type, a
failed check, an input only pydantic reads, such as a match formula or a table) gets None, and the
caller validates with the model, whose refusal is worded for people as before. So a refusal is
always pydantic's, and tests/test_calculator_inputs_plain.py holds the two to the same values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import import_module
from types import UnionType
from typing import TYPE_CHECKING, Any, NamedTuple

from vested.calculate.checks import Unit

if TYPE_CHECKING:
    from pydantic.fields import FieldInfo

    from vested.calculate.inputs import CalculatorInputs

PART = "calculator_inputs"
"""The compiled knowledge's part that holds every calculator's description."""
_PLAIN_DEFAULTS = (type(None), Decimal, int, bool, str, date)
"""Defaults used as they are: immutable, so pydantic's own default is this same value."""


class InputField(NamedTuple):
    """One input of a calculator, as its pydantic field declares it."""

    title: str | None
    description: str | None
    unit: Unit
    required: bool
    default: Any
    kind: str
    """"decimal", "int", "bool", "choice" or "date": what the plain validator reads; "other": pydantic alone."""
    nullable: bool
    choices: tuple[str, ...]
    before: tuple[str, ...]
    """The checks run on the value as given, in the order pydantic runs them ("module:function")."""
    after: tuple[str, ...]
    """The checks run on the value of the field's type, in order ("module:function")."""


class InputsDescription(NamedTuple):
    """A calculator's inputs: its fields in the model's order and its rules across fields."""

    fields: dict[str, InputField]
    cross_checks: tuple[str, ...]
    plain: bool
    """False when the model validates in some way this module does not describe: then pydantic always decides."""


class PlainInputs:
    """Inputs the plain validator passed, read as a calculator reads its pydantic model: by attribute,
    and whole with `model_dump()`."""

    __slots__ = ("_values",)

    def __init__(self, values: dict[str, Any]):
        self._values = values

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # its own slot, asked for before it is set (copy, pickle)
            raise AttributeError(name)
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def model_dump(self) -> dict[str, Any]:
        """Every input by name, in the model's order, as pydantic's `model_dump()` gives them."""
        return dict(self._values)


def described(name: str) -> InputsDescription:
    """The named calculator's inputs, from the compiled knowledge (built with pydantic when stale)."""
    from vested.knowledge import compiled

    return compiled.part(PART, describe_all)[name]


def describe_all() -> dict[str, InputsDescription]:
    """Every calculator's inputs described: this imports pydantic and every input model."""
    from vested.calculate import registry

    return {name: describe(spec.inputs) for name, spec in registry().items()}


def describe(model: type[CalculatorInputs]) -> InputsDescription:
    """The model's fields and rules as plain data; plain=False if it validates in a way not described here."""
    decorators = model.__pydantic_decorators__
    plain = (
        dict(model.model_config) == {"extra": "forbid"}
        and set(decorators.model_validators) == {"_cross_checked"}
        and not (
            decorators.validators
            or decorators.field_validators
            or decorators.root_validators
            or decorators.field_serializers
            or decorators.model_serializers
            or decorators.computed_fields
        )
    )
    fields = {}
    for name, info in model.model_fields.items():
        fields[name] = _field(info)
        plain = plain and info.alias is None and info.validation_alias is None and info.default_factory is None
    checks = [_reference(check) for check in model.cross_checks]
    named = tuple(check for check in checks if check is not None)
    return InputsDescription(fields=fields, cross_checks=named, plain=plain and len(named) == len(checks))


def _field(info: FieldInfo) -> InputField:
    from typing import Annotated, Literal, Union, get_args, get_origin

    from pydantic import AfterValidator, BeforeValidator

    from vested.calculate.fields import unit_of

    annotation, nullable = info.annotation, False
    if get_origin(annotation) is Union or isinstance(annotation, UnionType):
        members = [member for member in get_args(annotation) if member is not type(None)]
        nullable = len(members) < len(get_args(annotation))
        annotation = members[0] if len(members) == 1 else object
    metadata = list(info.metadata)
    if get_origin(annotation) is Annotated:
        annotation, *annotated = get_args(annotation)
        metadata += annotated
    kind, choices = "other", ()
    if annotation is Decimal:
        kind = "decimal"
    elif annotation is bool:
        kind = "bool"
    elif annotation is int:
        kind = "int"
    elif annotation is date:
        kind = "date"
    elif get_origin(annotation) is Literal and all(type(choice) is str for choice in get_args(annotation)):
        kind, choices = "choice", tuple(get_args(annotation))
    before: list[str | None] = []
    after: list[str | None] = []
    for item in metadata:
        if isinstance(item, BeforeValidator):
            before.insert(0, _reference(item.func))  # each wraps those before it: the last one runs first
        elif isinstance(item, AfterValidator):
            after.append(_reference(item.func))
        elif not isinstance(item, Unit):
            kind = "other"  # a constraint or validator of another sort: pydantic's alone
    if None in before or None in after:
        kind = "other"
    required = info.is_required()
    default = None if required else info.default
    if not isinstance(default, _PLAIN_DEFAULTS):
        kind = "other"
    return InputField(
        title=info.title,
        description=info.description,
        unit=unit_of(info),
        required=required,
        default=default,
        kind=kind,
        nullable=nullable,
        choices=choices,
        before=tuple(reference for reference in before if reference is not None),
        after=tuple(reference for reference in after if reference is not None),
    )


def _reference(function: Callable[..., Any]) -> str | None:
    """'module:name' of a function defined at a module's top level; None for any other callable."""
    module, name = getattr(function, "__module__", None), getattr(function, "__qualname__", "")
    if not module or not name or "." in name or "<" in name:
        return None
    return f"{module}:{name}"


@cache
def _function(reference: str) -> Callable[[Any], Any]:
    module, _, name = reference.partition(":")
    return getattr(import_module(module), name)


_UNREAD = object()
"""What _read gives for a value it leaves to pydantic."""


def _read(kind: str, choices: tuple[str, ...], value: Any) -> Any:
    """The value of the field's type that pydantic makes of value, or _UNREAD for any value it might read otherwise.

    Read as pydantic does: a Decimal as it is, an int given for a Decimal as Decimal(int), a whole
    Decimal given for an int (an age read from a question) as that int; exact types only (a bool is no number).
    """
    if kind == "decimal" and type(value) is Decimal and value.is_finite():
        return value
    if kind == "decimal" and type(value) is int:
        return Decimal(value)
    if kind == "int" and type(value) is int:
        return value
    if kind == "int" and type(value) is Decimal and value.is_finite() and value.adjusted() < 20:
        return int(value) if value == value.to_integral_value() else _UNREAD
    if (kind == "bool" and type(value) is bool) or (kind == "date" and type(value) is date):
        return value
    if kind == "choice" and type(value) is str and value in choices:
        return value
    return _UNREAD


def plainly_validated(description: InputsDescription, raw: Mapping[str, Any]) -> PlainInputs | None:
    """The inputs as pydantic would validate them, or None when pydantic must decide (see the module docstring)."""
    if not description.plain or any(name not in description.fields for name in raw):
        return None
    values: dict[str, Any] = {}
    try:
        for name, field in description.fields.items():
            if name not in raw:
                if field.required:
                    return None
                values[name] = field.default
                continue
            value = raw[name]
            if value is None and field.nullable:
                values[name] = None
                continue
            for check in field.before:
                value = _function(check)(value)
            value = _read(field.kind, field.choices, value)
            if value is _UNREAD:
                return None
            for check in field.after:
                value = _function(check)(value)
            values[name] = value
        inputs = PlainInputs(values)
        for check in description.cross_checks:
            _function(check)(inputs)
    except Exception:  # a check refused a value: pydantic runs the same check and words the refusal
        return None
    return inputs
