"""``python -m macros``: see macros.tools.cli."""

from __future__ import annotations

import sys

from macros.tools.cli import main

sys.exit(main())
