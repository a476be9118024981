"""Conversation history in SQLite: the store, its schema, rows, message tree, writer, files, export."""
