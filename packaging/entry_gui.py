"""Frozen entry point of the desktop app (PyInstaller needs a script, not a module path)."""

import sys

from desktop.app import main

sys.exit(main())
