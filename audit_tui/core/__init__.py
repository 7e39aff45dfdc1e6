"""The report engine: template, draft, storage, export and checks.

Nothing here imports textual or rich, so the headless commands start fast and
the engine can be used from scripts.
"""
