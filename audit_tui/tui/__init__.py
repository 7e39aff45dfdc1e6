"""The terminal app: a thin Textual layer over `audit_tui.core`."""
