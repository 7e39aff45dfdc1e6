# audit-tui: `make run` to write a report, `make test` to run every test.
# Both create .venv and install the project (with its dev tools) when needed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DRAFT ?= audit-report.toml

.PHONY: run test lint unit e2e snapshot-update screenshot bench reliability clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall whenever the project's metadata changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,pdf]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/audit-tui $(DRAFT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# Python's bytecode cache stays on for every target, whatever the shell says: with
# PYTHONDONTWRITEBYTECODE set, each test worker and each process a test starts compiles
# the package (and pytest rewrites the tests) again, about 1.6 s of CPU per worker.
unexport PYTHONDONTWRITEBYTECODE

# The tests run in $(WORKERS) processes (pytest-xdist); each test is isolated in its own
# folder and HOME (tests/conftest.py). `make unit WORKERS=0` runs them in this process.
WORKERS ?= 2
PYTEST := $(BIN)/python -m pytest -q -p no:cacheprovider -n $(WORKERS)

unit: $(STAMP)
	$(PYTEST) -m "not slow and not e2e"

# End to end: the built wheel installed outside the checkout, the real app in a pty, Chromium, pandoc.
# One module per worker, so that the wheel is built once.
e2e: $(STAMP)
	$(PYTEST) --dist loadscope -m "e2e and not slow"

test: lint unit e2e

# Benchmarks (not part of make test). Bytecode is compiled first, as a wheel install does,
# so that start-up figures do not count compiling our sources.
bench: $(STAMP)
	$(BIN)/python -m compileall -q audit_tui benchmarks
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

snapshot-update: $(STAMP)
	$(BIN)/python -m pytest -q --snapshot-update tests

# The README's picture, taken from the app (docs/settings.md).
screenshot: $(STAMP)
	$(BIN)/python -m tests.tui.screen.readme_screenshot docs/screenshot.svg

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache

# The long reliability runs (not part of make test or CI): 200 SIGKILLs mid-save, the
# property tests with many more examples, the whole broken-file corpus and the slow tests.
# The tests record what they tried; the figures are printed at the end (docs/reliability.md).
FIGURES := $(CURDIR)/$(VENV)/reliability-figures.json
reliability: $(STAMP)
	rm -f $(FIGURES)
	AUDIT_TUI_KILLS=$${AUDIT_TUI_KILLS:-200} AUDIT_TUI_LONG=1 AUDIT_TUI_FIGURES=$(FIGURES) \
		$(BIN)/python -m pytest -q -p no:cacheprovider tests/reliability tests/tui/test_key_model.py \
		tests/core/test_export_outline.py
	$(BIN)/python -m tests.reliability.figures $(FIGURES)
