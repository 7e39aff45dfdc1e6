"""App tests parse each piece of Textual CSS once per test process, not once per app.

Every `App` has a stylesheet of its own, and it parses the CSS of the app and of every
widget class it meets (`Stylesheet._parse_rules`); Textual keeps what it parsed for that
stylesheet only (`Stylesheet._parse_cache`). A test process builds a new app for each of
hundreds of tests from the same CSS, so each parsed it all again: about 6 s of the unit
suite's CPU.

Here the parsed rules are kept for the whole process, under the same key Textual uses
for its own cache plus the stylesheet's variables (the theme's colours, which the parse
substitutes). Textual already hands the same parsed rules to every later `parse()` of
a stylesheet, so sharing them between stylesheets with equal variables is the use it
makes of them itself. CSS that fails to parse is not kept: every app that meets it
raises as before. The app outside the tests builds one app per process and is not
affected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from textual.css.model import RuleSet
from textual.css.stylesheet import CSSLocation, Stylesheet

_parse_rules: Callable[..., list[RuleSet]] = Stylesheet._parse_rules
_parsed: dict[tuple[Any, ...], list[RuleSet]] = {}


def _parse_rules_once(
    self: Stylesheet,
    css: str,
    read_from: CSSLocation,
    is_default_rules: bool = False,
    tie_breaker: int = 0,
    scope: str = "",
) -> list[RuleSet]:
    key = (
        css,
        read_from,
        is_default_rules,
        tie_breaker,
        scope,
        tuple(sorted(self._variables.items())),
    )
    rules = _parsed.get(key)
    if rules is None:
        rules = _parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
        _parsed[key] = rules
    return rules


@contextmanager
def parsed_once() -> Iterator[None]:
    """Within this block, stylesheets share what was parsed from the same CSS."""
    Stylesheet._parse_rules = _parse_rules_once  # type: ignore[method-assign]
    try:
        yield
    finally:
        Stylesheet._parse_rules = _parse_rules  # type: ignore[method-assign]
