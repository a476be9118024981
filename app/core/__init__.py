"""Domain: requests, parameters, events, errors, interfaces. Pure Python, no Qt, no I/O."""
