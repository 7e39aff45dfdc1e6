"""Command palette entries: "Go to: <section>" for every section of the report."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

if TYPE_CHECKING:
    from audit_tui.tui.app import AuditApp


class GoToSection(Provider):
    """One command per section: `Go to: Risk Mitigation Plan`."""

    def _targets(self) -> list[tuple[str, str]]:
        """(title, id) of every section."""
        app = cast("AuditApp", self.app)
        if app.session is None:
            return []
        return [(s.title, s.id) for s in app.session.template.sections]

    async def discover(self) -> Hits:
        app = cast("AuditApp", self.app)
        for title, section_id in self._targets():
            text = f"Go to: {title}"
            yield DiscoveryHit(Content(text), partial(app.go_to, section_id), text=text)

    async def search(self, query: str) -> Hits:
        app = cast("AuditApp", self.app)
        matcher = self.matcher(query)
        for title, section_id in self._targets():
            text = f"Go to: {title}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(app.go_to, section_id), text=text)
