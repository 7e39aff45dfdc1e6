"""The report as PDF: the HTML export laid out for print by WeasyPrint.

WeasyPrint is the optional `pdf` extra (`pip install 'audit-tui[pdf]'`; `make run`
and `make test` install it): it needs the Pango libraries, and only this export
uses it. Nothing is fetched while the page is laid out.

The app lays the page out in a process of its own (`pdf_command`, this module run
with `-m`: HTML on standard input, the PDF on standard output), so that its screen
keeps answering and the export can be stopped by ending that process. That
process ends with the app, however the app ends (killed, or by its watchdog).
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import threading
import time
from typing import Any, NoReturn

from audit_tui.core.model.draft import Draft, DraftError
from audit_tui.core.model.template import Template
from audit_tui.core.render.html import export_html

INSTALL = "PDF export needs WeasyPrint: pip install 'audit-tui[pdf]'"


def export_pdf(template: Template, draft: Draft) -> bytes:
    """The report as PDF bytes; DraftError when WeasyPrint cannot be loaded."""
    return html_to_pdf(export_html(template, draft))


def html_to_pdf(page: str) -> bytes:
    """`page` (the HTML export) printed to PDF bytes; DraftError without WeasyPrint."""
    try:
        from weasyprint import HTML  # type: ignore[import-untyped]  # no type hints shipped
    except (ImportError, OSError) as exc:  # OSError: its Pango libraries are missing
        raise DraftError(f"{INSTALL} ({exc})") from None
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


def pdf_command() -> list[str]:
    """The command that prints the HTML on its standard input to PDF on its standard output.

    It exits 0 with the PDF written, or non-zero with one line on standard error saying why.
    """
    return [sys.executable, "-m", "audit_tui.core.render.pdf"]


PARENT_CHECK = 0.1
"""Seconds between looks at whether the app that started the renderer is still there."""
PR_SET_PDEATHSIG = 1
"""prctl(2): the signal this process gets when its parent ends (Linux)."""


def end_with_parent() -> None:
    """End this process as soon as the one that started it is gone (its parent changes).

    A layout takes minutes for a long report: a renderer whose app was killed, or
    ended by its watchdog, must not go on using a core for nothing. On Linux the
    kernel ends it (prctl's parent-death signal); elsewhere a thread looks every
    PARENT_CHECK seconds.
    """
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        # The kernel kills this process the moment its parent ends: no thread has to
        # wait for the interpreter's lock while WeasyPrint holds it in C code.
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # ended before it could be asked
                    os._exit(3)
                return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK)
        os._exit(3)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


def main() -> int:
    """`pdf_command`'s process: HTML in, PDF out, or one line saying why not."""
    end_with_parent()
    try:
        page = sys.stdin.buffer.read().decode("utf-8")
        pdf = html_to_pdf(page)
    except (DraftError, UnicodeDecodeError) as exc:
        print(str(exc).splitlines()[0] if str(exc) else type(exc).__name__, file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 (WeasyPrint's own errors: said in one line)
        print(f"WeasyPrint failed: {type(exc).__name__}: {exc}".splitlines()[0], file=sys.stderr)
        return 1
    sys.stdout.buffer.write(pdf)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
