"""``python -m desktop OLD NEW``."""

import sys

from desktop.app import main

sys.exit(main())
