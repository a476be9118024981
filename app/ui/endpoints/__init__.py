"""Endpoint profiles in the window: the Endpoints dialog, its form, and applying what it returns."""
