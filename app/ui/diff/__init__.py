"""Showing differences between two texts: inline and side by side, words highlighted."""
