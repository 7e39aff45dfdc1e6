"""`python -m audit_tui` runs the same as the `audit-tui` command."""

from audit_tui.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
