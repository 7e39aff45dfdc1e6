"""Turning a draft into a report: markdown, HTML, JSON and PDF, the one registry of those
formats, and outside text made safe to write or show."""
