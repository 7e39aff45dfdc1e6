"""audit-tui: write the Final Backend Audit Report & Production Readiness Assessment."""

__version__ = "0.1.0"
