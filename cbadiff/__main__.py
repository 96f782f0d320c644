"""``python -m cbadiff`` runs the CLI."""

import sys

from cbadiff.cli import main

sys.exit(main())
