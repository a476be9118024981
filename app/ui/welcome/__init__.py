"""The first-run welcome: pick a service, enter its one or two values, test, chat."""
