"""The app's modal dialogs: export, import, path prompt, conflict, review, unreadable."""
