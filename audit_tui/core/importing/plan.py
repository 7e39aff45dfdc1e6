"""What an import would change, worked out before anything is changed.

Each importer returns an `ImportPlan`: the additions it would make to a draft,
what it left out and why. The caller shows the plan, then `apply_plan` makes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from audit_tui.core.model.draft import Draft
from audit_tui.core.model.record import record
from audit_tui.core.model.template import Field, Template
from audit_tui.core.model.values import describe_type, read_error, read_file

Mode = Literal["append", "set"]


class ImportProblem(Exception):
    """An import cannot be made; the message is one line meant for the user as it is."""


@record
class Addition:
    """One change: a list entry or table row to append, or an answer to set."""

    field: Field
    value: Any
    mode: Mode = "append"
    line: int | None = None
    replaces: Any = None

    def describe(self) -> str:
        """The change in one line, for a preview."""
        if isinstance(self.value, dict):
            labels = {c.id: c.label for c in self.field.columns}
            shown = "; ".join(f"{labels.get(k, k)}: {v}" for k, v in self.value.items())
        else:
            shown = self.field.display(self.value)
        shown = " ".join(shown.split())
        if self.mode == "set" and self.replaces is not None:
            return f"{self.field.key}: {shown} (was: {' '.join(str(self.replaces).split())})"
        return f"{self.field.key}: {shown}"


def _described(reason: str, line: int | None, text: str) -> str:
    """`line N: reason: text`, as an import's report lists what it left out or changed."""
    where = f"line {line}: " if line is not None else ""
    shown = f": {text}" if text else ""
    return f"{where}{reason}{shown}"


@record
class Skipped:
    """Something in the source that the import leaves out, and why."""

    reason: str
    line: int | None = None
    text: str = ""

    def __str__(self) -> str:
        return _described(self.reason, self.line, self.text)


@record
class Changed:
    """A value the import takes in changed (normalised, or cut to size), and how."""

    reason: str
    line: int | None = None
    text: str = ""

    def __str__(self) -> str:
        return _described(self.reason, self.line, self.text)


@record
class ImportPlan:
    """The additions an import would make to one draft, what it changed and what it left out."""

    source: str
    additions: tuple[Addition, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    already_present: int = 0
    changed: tuple[Changed, ...] = ()

    @property
    def size(self) -> int:
        """The characters the additions bring in, all told."""
        total = 0
        for addition in self.additions:
            value = addition.value
            if isinstance(value, dict):
                total += sum(len(str(v)) for v in value.values())
            else:
                total += len(str(value))
        return total

    @property
    def empty(self) -> bool:
        return not self.additions


def apply_plan(plan: ImportPlan, draft: Draft) -> Draft:
    """Make the plan's additions to `draft` (in place) and return it.

    Apply a plan to the draft it was made for: the plan already left out what
    that draft holds.
    """
    # Each list is copied once and grown in place: linear in the number of additions.
    grown: dict[str, tuple[Field, list[Any]]] = {}
    for addition in plan.additions:
        field = addition.field
        if addition.mode == "set":
            draft.set(field, addition.value)
            continue
        if field.key not in grown:
            current = draft.get(field)
            grown[field.key] = (field, list(current) if isinstance(current, list) else [])
        grown[field.key][1].append(addition.value)
    for field, entries in grown.values():
        draft.set(field, entries)
    return draft


def list_field(template: Template, key: str, kinds: tuple[str, ...] = ("list",)) -> Field:
    """The template's field at `key`, which must be of one of `kinds`; ImportProblem if not."""
    try:
        field = template.field(key)
    except KeyError:
        raise ImportProblem(
            f"template {template.id!r} has no field {key}, where this import puts its entries"
        ) from None
    if field.kind not in kinds:
        raise ImportProblem(f"{key} is a {field.kind} field, not a list; cannot import into it")
    return field


def current_entries(draft: Draft, field: Field) -> list[Any]:
    """The entries already in a list field; ImportProblem when its value is not a list."""
    value = draft.get(field)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ImportProblem(
            f"{field.key} in the draft is {describe_type(value)}, not a list; "
            "fix it before importing into it"
        )
    return value


def read_source(path: str | Path, expected: str) -> bytes:
    """The bytes of a file to import; ImportProblem naming the file when it cannot be read."""
    name = str(path)
    try:
        return read_file(path)
    except OSError as exc:
        reason = read_error(exc, expected)
        if isinstance(exc, FileNotFoundError):
            reason += f"; expected {expected}"
        raise ImportProblem(f"{name}: {reason}") from None


def decode_text(raw: bytes, name: str, expected: str) -> str:
    """UTF-8 text (a leading BOM allowed); ImportProblem naming the file when it is not text."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportProblem(
            f"{name}: is not UTF-8 text (byte 0x{raw[exc.start]:02x} on line {line}); "
            f"expected {expected}"
        ) from None
    if "\x00" in text:
        raise ImportProblem(f"{name}: is a binary file (it holds NUL bytes); expected {expected}")
    return text
