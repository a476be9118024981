"""Simple mode: the chat, a "What do you want to do?" picker, plain words only."""
