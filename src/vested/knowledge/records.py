"""Records declared as dataclasses are, without the dataclasses module's cost at start.

`@dataclass` writes each class's `__init__`, `__repr__`, `__eq__`, `__hash__` and, frozen, its
`__setattr__` and `__delattr__` as source text and compiles them when the class is made: about
a millisecond a class, after importing inspect (and with it ast, dis and tokenize). `vested ask`
made eighteen such classes before it could answer "what is a 401k", a sixth of its start
(benchmarks/README.md, issue 20). A Record's methods are written once, here, and read the
fields its class declares, collected when the class is made.

A subclass is written as a keyword-only frozen dataclass (`class KnowledgeBase(Record,
frozen=False)` for a mutable one) and type checkers read it as one (`dataclass_transform`).
pydantic validates a Record through a stdlib dataclass of the same fields, made the first
time a record of that class is validated (`vested kb check`, a rebuild of the compiled
knowledge), so each field's constraints (`field(metadata=...)`) and `__pydantic_config__`
act as they did; `__post_init__` then runs as the record is made, in code or from a file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, dataclass_transform

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema

_MISSING: Any = object()
Kind = TypeVar("Kind", bound="Record")


class FrozenRecordError(AttributeError):
    """A field of a frozen record was assigned or deleted (dataclasses' FrozenInstanceError)."""


class Field:
    """A field's default, or the function that makes one, and its constraints for pydantic."""

    __slots__ = ("default", "default_factory", "metadata")

    def __init__(self, default: Any, default_factory: Callable[[], Any] | None, metadata: dict[str, Any]):
        self.default = default
        self.default_factory = default_factory
        self.metadata = metadata


def field(
    *,
    default: Any = _MISSING,
    default_factory: Callable[[], Any] | None = None,
    metadata: dict[str, Any] | None = None,
) -> Any:
    """A field with a default, a factory of defaults or constraints: dataclasses.field's like."""
    return Field(default, default_factory, metadata or {})


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field,))
class Record:
    """A keyword-only record, frozen unless declared `frozen=False`: made, compared, shown, hashed
    (when frozen) and copied by `replace` as a dataclass of the same fields would be."""

    _fields: ClassVar[dict[str, Field]] = {}
    _frozen: ClassVar[bool] = True

    def __init_subclass__(cls, frozen: bool = True, **settings: Any) -> None:
        super().__init_subclass__(**settings)
        fields = dict(cls._fields)
        for name, annotation in vars(cls).get("__annotations__", {}).items():
            if str(annotation).startswith(("ClassVar", "typing.ClassVar")):
                continue
            declared = vars(cls).get(name, _MISSING)
            if isinstance(declared, Field):
                fields[name] = declared
                if declared.default is _MISSING:
                    delattr(cls, name)
                else:
                    setattr(cls, name, declared.default)
            else:
                fields[name] = Field(declared, None, {})
        cls._fields = fields
        cls._frozen = frozen
        if not frozen:
            cls.__hash__ = None  # type: ignore[assignment]  # mutable and compared by value: unhashable

    def __init__(self, **values: Any) -> None:
        state = self.__dict__
        for name, spec in self._fields.items():
            if name in values:
                state[name] = values.pop(name)
            elif spec.default_factory is not None:
                state[name] = spec.default_factory()
            elif spec.default is not _MISSING:
                state[name] = spec.default
            else:
                raise TypeError(f"{type(self).__name__}() missing the keyword argument {name!r}")
        if values:
            raise TypeError(f"{type(self).__name__}() got unexpected keyword arguments {', '.join(map(repr, values))}")
        post_init = getattr(self, "__post_init__", None)
        if post_init is not None:
            post_init()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        if self._frozen:
            raise FrozenRecordError(f"cannot assign to field {name!r}")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        if self._frozen:
            raise FrozenRecordError(f"cannot delete field {name!r}")
        object.__delattr__(self, name)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        """Validated as a stdlib dataclass of the same fields would be, then made a record of this class."""
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(
            lambda validated: cls(**vars(validated)), handler.generate_schema(_dataclass_of(cls))
        )


def record_fields(record: Record | type[Record]) -> tuple[str, ...]:
    """The record's field names, in the order they are declared."""
    return tuple(record._fields)


def replace(record: Kind, **changes: Any) -> Kind:
    """A new record of the same class with some fields changed (made anew: `__post_init__` checks it)."""
    return type(record)(**{name: getattr(record, name) for name in record._fields} | changes)


_dataclasses: dict[type, type] = {}


def _dataclass_of(cls: type[Record]) -> type:
    """The stdlib dataclass pydantic validates for cls: its fields, their constraints, its configuration
    and its module (where pydantic resolves the annotations)."""
    made = _dataclasses.get(cls)
    if made is None:
        import dataclasses

        annotations = {
            name: annotation
            for klass in reversed(cls.__mro__)
            for name, annotation in vars(klass).get("__annotations__", {}).items()
        }
        declared = []
        for name, spec in cls._fields.items():
            settings: dict[str, Any] = {"metadata": spec.metadata}
            if spec.default_factory is not None:
                settings["default_factory"] = spec.default_factory
            elif spec.default is not _MISSING:
                settings["default"] = spec.default
            declared.append((name, annotations[name], dataclasses.field(**settings)))
        made = dataclasses.make_dataclass(
            cls.__name__,
            declared,
            namespace={"__pydantic_config__": getattr(cls, "__pydantic_config__", {}), "__doc__": cls.__doc__},
            kw_only=True,
            frozen=True,
        )
        made.__module__ = cls.__module__
        made.__qualname__ = cls.__qualname__
        _dataclasses[cls] = made
    return made
