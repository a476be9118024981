"""Persistence: secrets (OS keyring), and later settings and history."""
