"""Every key bound in each screen and dialog state, pressed twice: the app's and the editor's
keys too in every field (`make test` presses those in one field only; see
tests/tui/test_every_key.py)."""

from __future__ import annotations

import pytest

from audit_tui.core.model.template import Template
from tests.tui.test_every_key import EDITOR_KEYS_IN, STATES, press_every_key_twice


@pytest.mark.slow  # ~2 minutes of CPU in all: `make reliability` runs it
@pytest.mark.parametrize("state", [state for state in STATES if state not in EDITOR_KEYS_IN])
async def test_every_key_bound_in_a_state_can_be_pressed_twice_everywhere(
    template: Template, state: str
) -> None:
    await press_every_key_twice(template, state, everywhere=True)
