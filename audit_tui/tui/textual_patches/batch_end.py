"""The screens under a dialog lay themselves out again after a batch update ends.

Relies on one of Textual's internals (`App._end_batch`); see textual_patches/__init__.py.
"""

from __future__ import annotations

from typing import Any

from textual.app import App


def wake_screens(app: App[Any]) -> None:
    """Prompt every screen in view (the top one and those seen under a dialog) to check
    whether it has a layout or repaint waiting.

    A screen's update timer that fires during a batch update (a recompose, such as the
    key bar's after a resize) does nothing and pauses; the end of the batch prompts only
    the app, so a screen under a dialog, which gets no other message, kept its old layout
    until the dialog closed.
    """
    for screen in (*app._background_screens, app.screen):
        screen.check_idle()
