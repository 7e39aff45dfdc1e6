"""Records: what `@dataclass(frozen=True)` gives the core's classes, made cheaply.

`dataclasses` imports `inspect` (~8 ms) and spends ~0.6 ms making each class;
the headless commands make some twenty and must start in ~2x a bare interpreter.
A record is a plain class given shared, ready-made `__init__`, `__eq__`, `__hash__`
and `__repr__` (no generated source to compile), refusing assignment when frozen.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T", bound=type)
R = TypeVar("R")

_MISSING: Any = object()


class FrozenInstanceError(AttributeError):
    """An attribute of a frozen record was assigned or deleted."""


class _Spec:
    """The options of one attribute given with `field(...)`."""

    __slots__ = ("compare", "default", "default_factory")

    def __init__(self, default: Any, default_factory: Any, compare: bool) -> None:
        self.default = default
        self.default_factory = default_factory
        self.compare = compare


def field(
    *,
    default: Any = _MISSING,
    default_factory: Callable[[], Any] | None = None,
    compare: bool = True,
) -> Any:
    """An attribute's options, as `dataclasses.field`: a default or a factory, and `compare`."""
    return _Spec(default, _MISSING if default_factory is None else default_factory, compare)


@overload
def record(cls: T, /) -> T: ...
@overload
def record(*, frozen: bool = True) -> Callable[[T], T]: ...
@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: Any = None, /, *, frozen: bool = True) -> Any:
    """Make `cls` a record of its annotated attributes: frozen and hashable unless
    `frozen=False` (then mutable and unhashable, as a dataclass with `eq`)."""
    if cls is None:
        return lambda cls: _make(cls, frozen)
    return _make(cls, frozen)


def _make(cls: Any, frozen: bool) -> Any:
    names = tuple(cls.__dict__.get("__annotations__", {}))
    defaults: dict[str, Any] = {}
    factories: dict[str, Callable[[], Any]] = {}
    compared = []
    for name in names:
        value = cls.__dict__.get(name, _MISSING)
        spec = value if isinstance(value, _Spec) else _Spec(value, _MISSING, True)
        if spec.default_factory is not _MISSING:
            factories[name] = spec.default_factory
        elif spec.default is not _MISSING:
            defaults[name] = spec.default
        if isinstance(value, _Spec):
            if spec.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, spec.default)
        if spec.compare:
            compared.append(name)
    key = _key(compared)

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(key(self))

    init = _initialiser(cls.__name__, names, defaults, factories)
    for method in (init, __eq__, __hash__):
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
    cls.__init__ = init
    cls.__eq__ = __eq__
    cls.__repr__ = _repr
    if frozen:
        cls.__hash__ = __hash__
        cls.__setattr__ = _refuse_set
        cls.__delattr__ = _refuse_delete
    else:
        cls.__hash__ = None  # equal by value but mutable, as a dataclass with eq
    cls.__record_fields__ = names
    return cls


def replace(instance: R, /, **changes: Any) -> R:
    """A copy of the record `instance` with `changes`, as `dataclasses.replace`."""
    cls: Any = instance.__class__
    values = {name: getattr(instance, name) for name in cls.__record_fields__}
    values.update(changes)
    result: R = cls(**values)
    return result


def _key(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """What a record is compared and hashed by: the tuple of those attributes."""
    if len(names) == 1:
        (name,) = names
        return lambda record: (getattr(record, name),)
    if not names:
        return lambda record: ()
    return attrgetter(*names)


def _initialiser(
    kind: str,
    names: tuple[str, ...],
    defaults: dict[str, Any],
    factories: dict[str, Callable[[], Any]],
) -> Callable[..., None]:
    """An `__init__` taking `names` by position or keyword, filling in defaults.

    A frozen record refuses `__setattr__`, so the values go straight into `__dict__`.
    """
    known = frozenset(names)
    count = len(names)

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if not args:
            values = kwargs  # a new dict on every call: ours to fill
        elif len(args) > count:
            raise TypeError(f"{kind}() takes {count} arguments but {len(args)} were given")
        else:
            values = dict(zip(names, args, strict=False))  # args may be fewer than names
            if not values.keys().isdisjoint(kwargs):
                twice = next(iter(values.keys() & kwargs.keys()))
                raise TypeError(f"{kind}() got multiple values for argument {twice!r}")
            values.update(kwargs)
        if kwargs and not kwargs.keys() <= known:
            unexpected = next(iter(kwargs.keys() - known))
            raise TypeError(f"{kind}() got an unexpected keyword argument {unexpected!r}")
        if len(values) < count:
            for name in names:
                if name in values:
                    continue
                if name in defaults:
                    values[name] = defaults[name]
                elif name in factories:
                    values[name] = factories[name]()
                else:
                    raise TypeError(f"{kind}() missing required argument {name!r}")
        self.__dict__.update(values)

    return __init__


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record_fields__)
    return f"{self.__class__.__qualname__}({shown})"


def _refuse_set(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_delete(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")
