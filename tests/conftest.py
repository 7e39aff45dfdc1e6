"""Shared fixtures: every test runs away from the user's home and working folder."""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _pytest.unraisableexception import gc_collect_iterations_key

from audit_tui.core.model.draft import Draft
from audit_tui.core.model.loader import load_template
from audit_tui.core.model.template import Template
from tests import paint, parsed_css

# The cyclic collector's young generation is collected every 700 allocations by default, and
# each test builds (and leaves behind) a whole Textual app: about a third of an app test's
# CPU went to collections that found little. Collecting every 50,000 allocations took the
# unit suite from about 229 s to 173 s of CPU (1,305 tests, the same results). The app
# itself tunes the collector for its start (cli.prepare_process); tests build it directly.
gc.set_threshold(50_000, 20, 100)
# At exit the interpreter collects what a test process built once more before it frees
# it: about 1.8 s after the last test of a worker. The process is ending; the memory goes
# back to the system either way.
atexit.register(gc.freeze)

SHARED_SEED = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "seed"
    / "backend-audit-report-template.md"
)
DATA = Path(__file__).resolve().parent / "data"
# A copy of the seed travels with the repository, so that a clone anywhere runs the
# tests; tests/core/test_seed_copy.py checks it against the shared seed when present.
SEED = SHARED_SEED if SHARED_SEED.exists() else DATA / "seed" / SHARED_SEED.name


def answers(draft: Draft, template: Template) -> dict[str, Any]:
    """A plain snapshot of every answered field of `draft`, by dotted key."""
    out = {}
    for _, field in template.fields():
        value = draft.get(field)
        if field.is_answered(value):
            out[field.key] = value
    return out


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder with a throwaway HOME, so no test reads or writes the user's files."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


@pytest.fixture(scope="session")
def template() -> Template:
    return load_template()


@pytest.fixture(autouse=True)
def last_frame_only(request: pytest.FixtureRequest) -> Iterator[None]:
    """App tests compose only the frame they end on, unless marked `paints` (tests/paint.py)."""
    if request.node.get_closest_marker(paint.MARKER) or paint.paint_every_frame():
        yield
        return
    with paint.last_frame_only():
        yield


@pytest.fixture(scope="session", autouse=True)
def css_parsed_once() -> Iterator[None]:
    """Every app of a test process shares the CSS parsed once (tests/parsed_css.py)."""
    with parsed_css.parsed_once():
        yield


def pytest_configure(config: pytest.Config) -> None:
    # At the end of the session pytest collects garbage 5 times over to find exceptions
    # raised in finalizers (its unraisableexception plugin): 1.4 s after only 11 app tests,
    # and a worker's tail after its last test went from about 8 s to 6 s with one. One
    # collection finds what the tests left behind; each test is also looked at on its own
    # as it runs.
    config.stash[gc_collect_iterations_key] = 1
