"""``python -m macros``: see macros.cli."""

from __future__ import annotations

import sys

from macros.cli import main

sys.exit(main(end_process=True))
