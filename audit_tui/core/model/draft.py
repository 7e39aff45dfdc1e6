"""The draft: the auditor's answers, as the TOML file holds them.

A draft keeps every value exactly as found, including keys the template does not
know and values of the wrong type: nothing is dropped or coerced until the user
changes it. `ordered` lays the data out in template order for saving.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from audit_tui.core.model.record import record
from audit_tui.core.model.template import Field, Template
from audit_tui.core.model.values import key_part

FORMAT = 1
META = "meta"
_META_ORDER = ("format", "template", "created", "updated")


class DraftError(Exception):
    """A draft cannot be used; the message is meant for the user as it is."""


@record
class UnknownKey:
    """A key in the draft that the template does not describe."""

    path: str


def now() -> datetime.datetime:
    """The current time as TOML stores it: UTC, whole seconds."""
    return datetime.datetime.now(datetime.UTC).replace(microsecond=0)


def is_empty(value: Any) -> bool:
    """True for the values that mean "unanswered": None, blank text, an empty list."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    if isinstance(value, list):
        return len(value) == 0
    return False


class Draft:
    """The answers of one report, keyed as in the draft file."""

    def __init__(self, data: dict[str, Any] | None = None) -> None:
        self.data: dict[str, Any] = data if data is not None else {}

    @classmethod
    def new(cls, template: Template) -> Draft:
        return cls({META: {"format": FORMAT, "template": template.id}})

    def copy(self) -> Draft:
        import copy  # here, not at the top: the headless commands never copy a draft

        return Draft(copy.deepcopy(self.data))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Draft) and self.data == other.data

    def __repr__(self) -> str:
        return f"Draft({self.data!r})"

    # -- meta -------------------------------------------------------------
    @property
    def meta(self) -> dict[str, Any]:
        meta = self.data.get(META)
        if not isinstance(meta, dict):
            meta = {}
            self.data[META] = meta
        return meta

    # -- answers ----------------------------------------------------------
    def get(self, field: Field) -> Any:
        """The stored value of `field`, or None when it is unanswered."""
        node: Any = self.data
        for part in field.path:
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return node

    def set(self, field: Field, value: Any) -> None:
        """Store `value` for `field`; an empty value removes the answer."""
        *parents, last = field.path
        if is_empty(value):
            self._remove(field.path)
            return
        node = self.data
        for part in parents:
            child = node.get(part)
            if not isinstance(child, dict):
                child = {}
                node[part] = child
            node = child
        node[last] = value

    def _remove(self, path: tuple[str, ...]) -> None:
        chain: list[dict[str, Any]] = [self.data]
        for part in path[:-1]:
            child = chain[-1].get(part)
            if not isinstance(child, dict):
                return
            chain.append(child)
        chain[-1].pop(path[-1], None)
        # Drop section tables left empty, so that an emptied section is absent.
        for depth in range(len(chain) - 1, 0, -1):
            if chain[depth]:
                break
            chain[depth - 1].pop(path[depth - 1], None)

    # -- layout -----------------------------------------------------------
    def unknown_keys(self, template: Template) -> Iterator[UnknownKey]:
        """Every key of the draft that the template does not describe."""
        sections = {s.id: s for s in template.sections}
        for name, value in self.data.items():
            if name == META:
                continue
            section = sections.get(name)
            if section is None:
                yield UnknownKey(key_part(name))
                continue
            if section.is_table:
                table = section.fields[0]
                if isinstance(value, list):
                    yield from _unknown_columns(table, name, value)
                continue
            if not isinstance(value, dict):
                continue  # reported as an invalid section by the checks
            fields = {f.id: f for f in section.fields}
            for key, inner in value.items():
                field = fields.get(key)
                if field is None:
                    yield UnknownKey(f"{name}.{key_part(key)}")
                elif field.kind == "table" and isinstance(inner, list):
                    yield from _unknown_columns(field, f"{name}.{key}", inner)

    def ordered(self, template: Template) -> dict[str, Any]:
        """The data laid out in template order (meta first, unknown keys last in each table)."""
        out: dict[str, Any] = {}
        meta = self.data.get(META)
        if isinstance(meta, dict):
            out[META] = _ordered_keys(meta, _META_ORDER)
        for section in template.sections:
            if section.id not in self.data:
                continue
            value = self.data[section.id]
            if section.is_table:
                out[section.id] = _ordered_rows(section.fields[0], value)
            elif isinstance(value, dict):
                table = _ordered_keys(value, [f.id for f in section.fields])
                for field in section.fields:
                    if field.kind == "table" and field.id in table:
                        table[field.id] = _ordered_rows(field, table[field.id])
                out[section.id] = table
            else:
                out[section.id] = value
        for name, value in self.data.items():
            if name not in out:
                out[name] = value
        return out


def _ordered_keys(table: dict[str, Any], order: Any) -> dict[str, Any]:
    out = {key: table[key] for key in order if key in table}
    out.update((k, v) for k, v in table.items() if k not in out)
    return out


def _ordered_rows(field: Field, rows: Any) -> Any:
    if not isinstance(rows, list):
        return rows
    order = [c.id for c in field.columns]
    # Rows the app wrote are already in column order: keep them rather than copy each.
    return [
        _ordered_keys(row, order)
        if isinstance(row, dict) and list(row) != order[: len(row)]
        else row
        for row in rows
    ]


def _unknown_columns(field: Field, where: str, rows: list[Any]) -> Iterator[UnknownKey]:
    known = {c.id for c in field.columns}
    for index, row in enumerate(rows):
        if isinstance(row, dict):
            for key in row:
                if key not in known:
                    yield UnknownKey(f"{where}[{index}].{key_part(key)}")
