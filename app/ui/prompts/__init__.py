"""The prompt library in the window: variables, the fill-in form, presets."""
