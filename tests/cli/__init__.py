"""Tests of the headless command line, run as real subprocesses against the loopback server."""
