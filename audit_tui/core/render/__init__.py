"""Turning a draft into a report: markdown, HTML, JSON and one-line display."""
