"""The bundles' entry script: the same `llamadesk` command that pip and pipx install."""

import sys

from app.main import main

if __name__ == "__main__":
    sys.exit(main())
