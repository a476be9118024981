"""The headless command line: `llamadesk ask` and `llamadesk token`."""
