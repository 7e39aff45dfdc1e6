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

    async def color_of_a_new_app() -> object:
        app = _Styled()
        async with app.run_test() as pilot:
            await pilot.pause()
            return app.query_one(Static).styles.color

    first = await color_of_a_new_app()
    parsed_by_the_first = len(parsed)
    second = await color_of_a_new_app()
    assert parsed_by_the_first > 0 and len(parsed) == parsed_by_the_first  # none again
    assert first == second and getattr(first, "rgb", None) == (255, 0, 0)


class _Broken(App[None]):
    CSS = "Static { color: not-a-colour; }"


async def test_css_that_fails_to_parse_fails_every_app() -> None:
    for _ in range(2):  # the second app, in the same process, is refused as the first
        app = _Broken()
        with pytest.raises(StylesheetParseError):
            async with app.run_test():
                pass
