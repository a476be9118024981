"""The PySide6 window: controllers, item models, widgets."""
