"""What the administrator's policy looks like in the window: locks, refusals, the managed-settings view."""
