"""``python -m macros``: see macros.cli."""

from __future__ import annotations

import gc
import sys

# Importing pydantic and building the models makes many objects that live on: collecting
# meanwhile walks them again and again (0.015 s of every run).
gc.disable()
from macros.cli import main  # noqa: E402

gc.enable()
sys.exit(main(end_process=True))
