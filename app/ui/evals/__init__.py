"""The test sets window: sets, their cases and prompts, runs and their results grid."""
