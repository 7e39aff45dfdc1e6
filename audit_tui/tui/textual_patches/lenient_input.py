"""Terminal input decoded leniently: a stray byte that is not UTF-8 must not end the app.

Textual's Linux driver decodes stdin as strict UTF-8; one invalid byte (a
misconfigured terminal, line noise, a paste from a Latin-1 file) raises in its
input thread and closes the app. Decoding with replacement shows U+FFFD instead.
Remove when Textualize/textual#6456 is fixed (PR #6624).
"""

from __future__ import annotations

import codecs
import functools
import sys
from collections.abc import Callable


def _lenient(encoding: str) -> Callable[..., codecs.IncrementalDecoder]:
    return functools.partial(codecs.getincrementaldecoder(encoding), errors="replace")


def make_input_lenient() -> None:
    """Have Textual's terminal driver replace undecodable input bytes (call before `run`)."""
    if sys.platform == "win32":
        return
    from textual.drivers import linux_driver

    # The driver calls the `getincrementaldecoder` it imported from codecs; that name is
    # not a public attribute of the module, so it is replaced in the module's namespace.
    vars(linux_driver)["getincrementaldecoder"] = _lenient
