"""A reply's provenance in the window: its Details view, Replay, and Compare replies."""
