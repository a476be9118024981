"""How the app looks: the theme choice, its palettes, and following the OS."""
