"""Run one pure step in a forked process while this one goes on: a second core at work.

The check grades every page's reading level while it runs the rules; the two share nothing
but the loaded data, which a fork copies for free. The step's value comes back as JSON. If
the system cannot fork, or the step fails in the child, ``result`` runs it here instead, so an
error surfaces exactly as it would have without this module.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any


class Forked:
    """A step started in a child process; ``result`` collects its value."""

    def __init__(self, step: Callable[[], Any]) -> None:
        self.step = step
        self.pid: int | None = None
        if not hasattr(os, "fork"):
            return
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, and leave without running the parent's exit handlers
            os.close(read)
            try:
                data, status = json.dumps(step()).encode("utf-8"), 0
            except BaseException:  # the parent runs the step itself and reports whatever it raises
                data, status = b"", 1
            with os.fdopen(write, "wb") as out:
                out.write(data)
            os._exit(status)
        os.close(write)
        self.pid, self.read = pid, read

    def result(self) -> Any:
        """The step's value: the child's if it succeeded, else computed in this process."""
        if self.pid is not None:
            with os.fdopen(self.read, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(self.pid, 0)
            self.pid = None
            if status == 0 and data:
                return json.loads(data)
        return self.step()

    def discard(self) -> None:
        """Wait for the child and drop its value (it finishes writing any cache file first)."""
        if self.pid is not None:
            with os.fdopen(self.read, "rb") as pipe:
                pipe.read()
            os.waitpid(self.pid, 0)
            self.pid = None
