"""The suite's shared CSS parse (tests/parsed_css.py) parses once and still refuses bad CSS."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.css.stylesheet import Stylesheet, StylesheetParseError
from textual.widgets import Static

from tests import parsed_css


class _Styled(App[None]):
    CSS = "Static { color: red; padding: 1 2; }"

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static("text")


async def test_a_second_app_parses_none_of_the_css_again(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Stylesheet._parse_rules is parsed_css._parse_rules_once  # installed by conftest
    parsed: list[str] = []
    real = parsed_css._parse_rules

    def counted(self: Stylesheet, css: str, *args: object) -> object:
        parsed.append(css)
        return real(self, css, *args)

    monkeypatch.setattr(parsed_css, "_parse_rules", counted)
    monkeypatch.setattr(parsed_css, "_parsed", {})
    styles = []
    for _ in range(2):
        app = _Styled()
        async with app.run_test() as pilot:
            await pilot.pause()
            styles.append(app.query_one(Static).styles.color)
        if len(styles) == 1:
            first = len(parsed)
    assert first > 0 and len(parsed) == first  # the second app parsed nothing
    assert styles[0] == styles[1] and styles[0].rgb == (255, 0, 0)


class _Broken(App[None]):
    CSS = "Static { color: not-a-colour; }"


@pytest.mark.parametrize("attempt", [1, 2])
async def test_css_that_fails_to_parse_fails_every_app(attempt: int) -> None:
    app = _Broken()
    with pytest.raises(StylesheetParseError):
        async with app.run_test():
            pass
