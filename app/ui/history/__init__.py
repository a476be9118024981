"""The Conversations sidebar: write-through to the history store, search, rename/pin/delete, files."""
