"""Scanners' findings from SARIF 2.1.0 logs, as entries of the vulnerabilities list.

Each result becomes one line, `[tool] rule (level): message — file:line`, so that
the same finding always reads the same and importing a log again adds nothing.
An entry is at most `MAX_ENTRY` characters: a longer one is cut, with a note in
the entry and in the plan, and the work done for it is bounded by that size too.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import unquote, urlsplit

from audit_tui.core.importing.plan import (
    Addition,
    Changed,
    ImportPlan,
    ImportProblem,
    Skipped,
    current_entries,
    decode_text,
    list_field,
)
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.template import Template
from audit_tui.core.model.values import TOO_MANY_DIGITS
from audit_tui.core.render.text import one_line

SARIF_FIELD = "security.vulnerabilities_found"
LEVELS = ("none", "note", "warning", "error")
EXPECTED = 'a SARIF 2.1.0 log (a JSON object with "version": "2.1.0" and a "runs" list)'
MAX_ENTRY = 2000
CUT = f" […cut: longer than {MAX_ENTRY:,} characters]"
_MAX_PART = 200  # the tool's name, the rule id and the location, each
# `{0}` is an argument; `{{` and `}}` are braces (SARIF §3.11.5). Nine digits at most:
# a longer index names no argument, and int() of a huge one would be slow.
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{(\d{1,9})\}")


class _Layout(Exception):
    """A part of the log is not where SARIF puts it: `where` and what was expected."""

    def __init__(self, where: str, expected: str) -> None:
        super().__init__(f"{where}: expected {expected}")


def plan_sarif_import(
    template: Template,
    draft: Draft,
    data: bytes,
    source: str = "<sarif>",
    min_level: str = "note",
    field_key: str = SARIF_FIELD,
) -> ImportPlan:
    """The entries a SARIF log would add to `draft`, leaving out those already there.

    Results below `min_level` (error > warning > note > none) are left out.
    ImportProblem, naming `source`, when the data is not a SARIF 2.1.0 log.
    """
    if min_level not in LEVELS:
        raise ImportProblem(f"unknown level {min_level!r}; expected one of {', '.join(LEVELS)}")
    target = list_field(template, field_key)
    existing = current_entries(draft, target)
    log = _load(data, source)
    try:
        results = list(_results(log))
    except _Layout as exc:
        raise ImportProblem(f"{source}: not a SARIF 2.1.0 log: {exc}") from None
    seen = {e for e in existing if isinstance(e, str)}
    additions: list[Addition] = []
    skipped: list[Skipped] = []
    changed: list[Changed] = []
    present = 0
    below = 0
    for entry, level, where, cut in results:
        if LEVELS.index(level) < LEVELS.index(min_level):
            below += 1
        elif entry in seen:
            present += 1
        else:
            seen.add(entry)
            additions.append(Addition(target, entry))
            if cut:  # the location follows the cut mark: the entry itself ends otherwise
                changed.append(Changed(f"{where}: cut to {MAX_ENTRY:,} characters"))
    if below:
        skipped.append(Skipped(f"{below} result(s) below level {min_level}"))
    return ImportPlan(source, tuple(additions), tuple(skipped), present, tuple(changed))


def _load(data: bytes, source: str) -> dict[str, Any]:
    text = decode_text(data, source, EXPECTED)
    try:
        log = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportProblem(
            f"{source}: is not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
            f"expected {EXPECTED}"
        ) from None
    except RecursionError:
        raise ImportProblem(f"{source}: JSON nested too deeply; expected {EXPECTED}") from None
    except ValueError:  # json.JSONDecodeError is one too, so it is caught above
        raise ImportProblem(f"{source}: {TOO_MANY_DIGITS}; expected {EXPECTED}") from None
    if not isinstance(log, dict) or not isinstance(log.get("runs"), list):
        found = 'no "runs" list' if isinstance(log, dict) else describe_json(log)
        raise ImportProblem(f"{source}: is not a SARIF log ({found}); expected {EXPECTED}")
    version = log.get("version")
    if version != "2.1.0":
        shown = "no version" if version is None else f"version {version!r}"
        raise ImportProblem(f"{source}: SARIF {shown} is not supported; expected {EXPECTED}")
    return log


def describe_json(value: Any) -> str:
    names = {list: "a JSON array", str: "a JSON string", bool: "true/false", type(None): "null"}
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    return "a JSON number"


def _results(log: dict[str, Any]) -> Any:
    """(entry, level, where in the log, whether the message was cut) for each result."""
    for index, run in enumerate(log["runs"]):
        where = f"runs[{index}]"
        run = _object(run, where, "an object")
        tool_object = _object(run.get("tool"), f"{where}.tool", "an object with a driver")
        driver = _object(tool_object.get("driver"), f"{where}.tool.driver", "an object")
        tool = driver.get("name")
        if not isinstance(tool, str) or not tool.strip():
            raise _Layout(f"{where}.tool.driver.name", "the scanner's name")
        rules = driver.get("rules", [])
        if not isinstance(rules, list):
            raise _Layout(f"{where}.tool.driver.rules", "a list")
        results = run.get("results")
        if results is None:
            continue  # the scanner did not run: no results, not an error
        if not isinstance(results, list):
            raise _Layout(f"{where}.results", "a list of results")
        for number, result in enumerate(results):
            at = f"{where}.results[{number}]"
            result = _object(result, at, "a result object")
            rule = _rule(result, rules)
            level = _level(result, rule, at)
            head = f"[{_bounded(tool, _MAX_PART)}] {_rule_id(result, rule)} ({level}): "
            location = _location(result)
            tail = f" — {location}" if location else ""
            message = _message(result, rule, at, MAX_ENTRY - len(head) - len(tail))
            yield f"{head}{message}{tail}", level, at, message.endswith(CUT)


def _object(value: Any, where: str, expected: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Layout(where, expected)
    return value


def _rule(result: dict[str, Any], rules: list[Any]) -> dict[str, Any]:
    """The rule a result refers to (by index, then by id), or {}."""
    index = result.get("ruleIndex")
    reference = result.get("rule")
    if index is None and isinstance(reference, dict):
        index = reference.get("index")
    if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(rules):
        found = rules[index]
        if isinstance(found, dict):
            return found
    rule_id = result.get("ruleId")
    for candidate in rules:
        if isinstance(candidate, dict) and rule_id is not None and candidate.get("id") == rule_id:
            return candidate
    return {}


def _rule_id(result: dict[str, Any], rule: dict[str, Any]) -> str:
    reference = result.get("rule")
    for value in (
        result.get("ruleId"),
        reference.get("id") if isinstance(reference, dict) else None,
        rule.get("id"),
    ):
        if isinstance(value, str) and value.strip():
            return _bounded(value, _MAX_PART)
    return "(no rule id)"


def _level(result: dict[str, Any], rule: dict[str, Any], where: str) -> str:
    """The result's level as SARIF defines it: its own, else by kind, else the rule's."""
    level = result.get("level")
    if level is None:
        kind = result.get("kind", "fail")
        if kind != "fail":
            return "none"
        config = rule.get("defaultConfiguration")
        level = config.get("level") if isinstance(config, dict) else None
        if level is None:
            return "warning"
    if level not in LEVELS:
        raise _Layout(f"{where}.level", f"one of {', '.join(LEVELS)}")
    return str(level)


def _message(result: dict[str, Any], rule: dict[str, Any], where: str, room: int) -> str:
    """The result's message on one line, its placeholders filled, at most `room` characters."""
    message = _object(result.get("message"), f"{where}.message", "an object with text")
    text = message.get("text")
    if not isinstance(text, str):
        text = message.get("markdown")
    if not isinstance(text, str):
        text = _rule_message(rule, message.get("id"))
    if not isinstance(text, str):
        raise _Layout(f"{where}.message", "text, markdown or the id of a rule's message")
    arguments = message.get("arguments")
    filled = _fill(text, arguments if isinstance(arguments, list) else [], _reach(room))
    return _bounded(filled, room, CUT) or "(no message)"


def _reach(room: int) -> int:
    """How much raw text can fold into `room` characters or more (runs of spaces fold)."""
    return room * 4 + 64


def _fill(text: str, arguments: list[Any], limit: int) -> str:
    """`text` with each placeholder replaced once by its argument, stopping past `limit`.

    An argument's own `{0}` is not expanded again, and no more than `limit`
    characters are ever built, however often a placeholder repeats.
    """
    pieces: list[str] = []
    size = pos = 0
    for match in _PLACEHOLDER.finditer(text):
        if size > limit:
            break
        pieces.append(text[pos : match.start()])
        size += match.start() - pos
        pos = match.end()
        if match[1] is None:
            piece = match[0][0]
        else:
            index = int(match[1])
            argument = arguments[index] if index < len(arguments) else None
            if isinstance(argument, str | int | float) and not isinstance(argument, bool):
                piece = str(argument)[: limit + 1]
            else:
                piece = match[0]
        pieces.append(piece)
        size += len(piece)
    if size <= limit:
        pieces.append(text[pos : pos + limit + 1])
    return "".join(pieces)


def _bounded(text: str, limit: int, cut: str = "…") -> str:
    """`text` on one line, at most `limit` characters: cut, ending with `cut`, if longer."""
    reach = _reach(limit)
    line = one_line(text[:reach])
    if len(line) <= limit and (len(text) <= reach or not text[reach:].strip()):
        return line
    return line[: max(limit - len(cut), 0)].rstrip() + cut


def _rule_message(rule: dict[str, Any], message_id: Any) -> str | None:
    strings = rule.get("messageStrings")
    if isinstance(message_id, str) and isinstance(strings, dict):
        found = strings.get(message_id)
        if isinstance(found, dict) and isinstance(found.get("text"), str):
            return str(found["text"])
    return None


def _location(result: dict[str, Any]) -> str:
    """`file:line` of the result's first location, as far as the log tells it."""
    locations = result.get("locations")
    if not isinstance(locations, list) or not locations:
        return ""
    first = locations[0]
    physical = first.get("physicalLocation") if isinstance(first, dict) else None
    if not isinstance(physical, dict):
        return ""
    artifact = physical.get("artifactLocation")
    uri = artifact.get("uri") if isinstance(artifact, dict) else None
    path = _path(uri) if isinstance(uri, str) else ""
    region = physical.get("region")
    line = region.get("startLine") if isinstance(region, dict) else None
    if isinstance(line, int) and not isinstance(line, bool) and 0 < line < 10**12 and path:
        return f"{path}:{line}"
    return path


def _path(uri: str) -> str:
    """A file URI as a path; other URIs as they are."""
    uri = uri[: _reach(_MAX_PART)]
    if uri.startswith("file:"):
        return _bounded(unquote(urlsplit(uri).path), _MAX_PART)
    return _bounded(unquote(uri), _MAX_PART)
