"""HTTP clients per API dialect; SSE and JSON decoded into core events."""
