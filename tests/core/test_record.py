"""A record behaves as the frozen dataclass it replaces: defaults, equality, hashing, refusal."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

import audit_tui.core
from audit_tui.core.model.record import FrozenInstanceError, field, record, replace


@record
class Point:
    """A frozen record with a default and an attribute left out of comparisons."""

    x: int
    y: int = 0
    label: str = field(default="", compare=False)


@record(frozen=False)
class Bag:
    items: list[int] = field(default_factory=list)


@dataclasses.dataclass(frozen=True)
class DataPoint:
    x: int
    y: int = 0
    label: str = dataclasses.field(default="", compare=False)


def test_arguments_by_position_or_name_and_defaults() -> None:
    assert (Point(1).x, Point(1).y, Point(1).label) == (1, 0, "")
    assert Point(1, 2, "a") == Point(x=1, label="b", y=2)
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]
    assert Point.y == 0 and Point.label == "", "defaults stay class attributes"


def test_equality_and_hash_follow_the_compared_attributes() -> None:
    assert Point(1, 2, "a") == Point(1, 2, "b")
    assert hash(Point(1, 2, "a")) == hash(Point(1, 2, "b"))
    assert Point(1, 2) != Point(2, 1)
    assert Point(1, 2) != (1, 2)  # type: ignore[comparison-overlap]
    assert {Point(1), Point(1), Point(2)} == {Point(1), Point(2)}


def test_repr_matches_the_dataclass() -> None:
    assert repr(Point(1, 2, "a")) == repr(DataPoint(1, 2, "a")).replace("DataPoint", "Point")


def test_replace_copies_with_changes_as_dataclasses_replace_does() -> None:
    point = Point(1, 2, "a")
    moved = replace(point, y=5)
    assert (moved.x, moved.y, moved.label) == (1, 5, "a")
    assert (point.x, point.y) == (1, 2), "the original is unchanged"
    assert repr(moved) == repr(dataclasses.replace(DataPoint(1, 2, "a"), y=5)).replace(
        "DataPoint", "Point"
    )
    with pytest.raises(TypeError):
        replace(point, z=1)


def test_a_frozen_record_refuses_assignment_as_a_dataclass_does() -> None:
    point = Point(1)
    with pytest.raises(FrozenInstanceError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del point.y
    assert point == Point(1)


def test_a_mutable_record_has_a_fresh_default_each_time_and_no_hash() -> None:
    first, second = Bag(), Bag()
    first.items.append(1)
    assert second.items == [] and first == Bag([1])
    first.items = [2]
    assert first.items == [2]
    with pytest.raises(TypeError):
        hash(first)


def test_core_has_one_idiom_for_value_classes() -> None:
    """Every value class in core is a record: no module there uses `dataclasses`."""
    root = Path(audit_tui.core.__path__[0])
    users = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            if "dataclasses" in names:
                users.append(str(path.relative_to(root)))
    assert len(list(root.rglob("*.py"))) > 20  # the walk saw core
    assert users == []
