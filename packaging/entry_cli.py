"""Frozen entry point of the command line."""

import sys

from cbadiff.cli import main

sys.exit(main())
