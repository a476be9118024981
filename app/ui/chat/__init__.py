"""One chat on screen: the conversation pane, composer, reply footers, parameters, and its controller."""
