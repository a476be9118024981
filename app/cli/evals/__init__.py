"""`llamadesk eval FILE`: a test set run headless, for scripts and CI."""
