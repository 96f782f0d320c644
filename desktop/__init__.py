"""The PySide6 desktop app: windows, Qt models, views and workers. No comparison logic lives here."""
