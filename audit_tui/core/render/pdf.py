"""The report as PDF: the HTML export laid out for print by WeasyPrint.

WeasyPrint is the optional `pdf` extra (`pip install 'audit-tui[pdf]'`; `make run`
and `make test` install it): it needs the Pango libraries, and only this export
uses it. Nothing is fetched while the page is laid out.
"""

from __future__ import annotations

import logging
from typing import Any, NoReturn

from audit_tui.core.model.draft import Draft, DraftError
from audit_tui.core.model.template import Template
from audit_tui.core.render.html import export_html

INSTALL = "PDF export needs WeasyPrint: pip install 'audit-tui[pdf]'"


def export_pdf(template: Template, draft: Draft) -> bytes:
    """The report as PDF bytes; DraftError when WeasyPrint cannot be loaded."""
    try:
        from weasyprint import HTML  # type: ignore[import-untyped]  # no type hints shipped
    except (ImportError, OSError) as exc:  # OSError: its Pango libraries are missing
        raise DraftError(f"{INSTALL} ({exc})") from None
    page = export_html(template, draft)
    # WeasyPrint reports CSS it ignores (the screen-only rules) as warnings on stderr.
    quiet = [logging.getLogger(name) for name in ("weasyprint", "fontTools")]
    levels = [logger.level for logger in quiet]
    for logger in quiet:
        logger.setLevel(logging.ERROR)
    try:
        pdf: bytes = HTML(string=page, url_fetcher=_refuse).write_pdf()
    finally:
        for logger, level in zip(quiet, levels, strict=True):
            logger.setLevel(level)
    return pdf


def _refuse(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    """The URL fetcher: the report fetches nothing (an answer never becomes a fetch)."""
    raise ValueError(f"not fetched: {url}")
