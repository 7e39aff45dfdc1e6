"""Files on disk: reading and writing drafts, the lock, the editing session."""
