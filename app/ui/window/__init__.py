"""The main window: its layout and the controller that wires it to a chat session."""
