"""The prompt library in the window: the picker and save state, the library window, variables and
the fill-in form, presets."""
