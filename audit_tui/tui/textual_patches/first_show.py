"""A screen's first showing without restyling every widget it has just styled.

Relies on handler order; see textual_patches/__init__.py.
"""

from __future__ import annotations

from textual import events


class FirstShowKeepsStyles:
    """Mixed into a Screen: its first showing does not restyle every widget (~8 ms)."""

    _shown_before = False

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Screen's own handler (Textual calls handlers down the MRO).
        if not self._shown_before:
            # Every widget was styled as it was mounted, a moment ago.
            event.refresh_styles = False
            self._shown_before = True
