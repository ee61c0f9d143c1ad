"""Run work in a second process while this one goes on: a second core at work.

``Forked``: the check reads part of the claims, and grades every page's reading level, in second
processes; they share nothing but the loaded data, which a fork copies for free. The step's value
comes back pickled (parent and child are one program, so tuples stay tuples).
If the system cannot fork, or the step fails in the child, ``result`` runs it here instead, so
an error surfaces exactly as it would have without this module.

``ForkedItems``: the check's start-up parses the largest data files in a second process, which
hands each one over as soon as it is parsed (``macros.prefetch``).

``Worker``: the build hands each page it writes to the site checks, which read it in a second
process.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
import os
import pickle
import shutil
import signal
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO


def _fork() -> tuple[int, int] | None:
    """A child process joined to this one by a pipe: (0, the pipe's writing end) in the child,
    (the child's pid, the reading end) here; None when this system cannot fork (then the caller
    does the work itself)."""
    if not hasattr(os, "fork"):
        return None
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # too many processes, or no memory for one more
        os.close(read)
        os.close(write)
        return None
    if pid == 0:
        os.close(read)
        return 0, write
    os.close(write)
    return pid, read


class Forked:
    """A step started in a child process; ``result`` collects its value."""

    def __init__(self, step: Callable[[], Any]) -> None:
        self.step = step
        self.pid: int | None = None
        forked = _fork()
        if forked is None:
            return
        pid, end = forked
        if pid == 0:  # the child: compute, send, and leave without running the parent's exit handlers
            try:
                data, status = pickle.dumps(step(), pickle.HIGHEST_PROTOCOL), 0
            except BaseException:  # the parent runs the step itself and reports whatever it raises
                data, status = b"", 1
            with os.fdopen(end, "wb") as out:
                out.write(data)
            os._exit(status)
        self.pid, self.read = pid, end

    def result(self) -> Any:
        """The step's value: the child's if it succeeded, else computed in this process."""
        if self.pid is not None:
            with os.fdopen(self.read, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(self.pid, 0)
            self.pid = None
            if status == 0 and data:
                return pickle.loads(data)
        return self.step()

    def discard(self) -> None:
        """Wait for the child and drop its value (it finishes writing any cache file first)."""
        if self.pid is not None:
            with os.fdopen(self.read, "rb") as pipe:
                pipe.read()
            os.waitpid(self.pid, 0)
            self.pid = None


class ForkedItems:
    """Values made one by one in a child process, each handed over as soon as it is made.

    ``get`` waits only for the value asked for, so this process can use the first values while
    the child makes the next. Each value travels through a temporary file, not the pipe: a pipe
    holds 64 KiB, and a child writing a larger value would wait until this process reads it.
    A value the child could not make (it failed, or cannot be started) is made here instead.
    """

    def __init__(self, keys: list[str], make: Callable[[str], Any]) -> None:
        self.keys, self.make = list(keys), make
        self.pid: int | None = None
        self.ready: set[str] = set()
        self.folder = tempfile.mkdtemp(prefix="twitch-atlas-")
        forked = _fork()
        if forked is None:
            return
        pid, end = forked
        if pid == 0:  # the child: make each value, store it, announce it; never the parent's exit handlers
            gc.disable()  # what it makes lives until it ends, soon after: collecting would only walk it
            status = 0
            try:
                with os.fdopen(end, "wb", buffering=0) as out:
                    for number, key in enumerate(self.keys):
                        with open(self._file(number), "wb") as file:
                            pickle.dump(make(key), file, pickle.HIGHEST_PROTOCOL)
                        out.write(f"{number}\n".encode())
            except BaseException:  # this process makes what the child did not
                status = 1
            os._exit(status)
        self.pid, self.pipe = pid, os.fdopen(end, "rb")

    def _file(self, number: int) -> str:
        return os.path.join(self.folder, f"{number}.pickle")

    def get(self, key: str) -> Any:
        """The value made for ``key``: the child's once it has announced it, else made here."""
        number = self.keys.index(key)
        while self.pid is not None and number not in self.ready:
            line = self.pipe.readline()
            if not line:  # the child has ended without it
                break
            self.ready.add(int(line))
        if number in self.ready:
            with open(self._file(number), "rb") as file:
                return pickle.load(file)
        return self.make(key)

    def close(self) -> None:
        """End the child if it is still at work, and remove its files."""
        if self.pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
            self.pipe.close()
            os.waitpid(self.pid, 0)
            self.pid = None
        shutil.rmtree(self.folder, ignore_errors=True)


class Worker:
    """An object made and used in a second Python process while this one goes on: ``send`` passes
    it a method call, ``finish`` a last one whose value comes back (as JSON).

    The build hands each page it writes to its site checks this way. Calls travel in order
    through a pipe; a slow worker only makes ``send`` wait. The worker is a fresh interpreter, not
    a fork: a fork of the build would make the build copy every memory page it then touches.
    Where no process can be started, the object lives here and each call runs at once. A failure
    in the worker is raised here by ``finish``, with the worker's traceback.
    """

    def __init__(self, target: str) -> None:
        """``target`` names the object's class as ``module:Class`` (made with no arguments)."""
        self.target = target
        self.local: Any = None
        self.process: subprocess.Popen[bytes] | None = None
        self.broken = False
        here = str(Path(__file__).resolve().parent.parent)  # where the macros package is
        paths = os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH")) if p)
        command = [sys.executable, "-m", "macros.background", target]
        try:
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                bufsize=1 << 20,
                env={**os.environ, "PYTHONPATH": paths},
            )
        except OSError:
            self.local = _make(target)
            return
        _widen(self.process.stdin)  # type: ignore[arg-type]

    def send(self, method: str, *args: Any) -> None:
        """Call ``method(*args)`` on the object (in the worker: without waiting for it)."""
        if self.process is None:
            getattr(self.local, method)(*args)
        elif not self.broken:
            try:
                pickle.dump((method, args, False), self.process.stdin, protocol=pickle.HIGHEST_PROTOCOL)  # type: ignore[arg-type]
                self.process.stdin.flush()  # type: ignore[union-attr]  # so the worker starts on it now
            except BrokenPipeError:  # the worker failed and stopped reading: finish says why
                self.broken = True

    def finish(self, method: str, *args: Any) -> Any:
        """The value of ``method(*args)``, called after every call sent before it."""
        if self.process is None:
            return getattr(self.local, method)(*args)
        process, self.process = self.process, None
        with contextlib.suppress(BrokenPipeError):
            if not self.broken:
                pickle.dump((method, args, True), process.stdin, protocol=pickle.HIGHEST_PROTOCOL)  # type: ignore[arg-type]
        output, _ = process.communicate()
        if process.returncode != 0:
            raise RuntimeError(f"the {self.target} worker failed:\n{output.decode('utf-8', 'replace')}")
        return json.loads(output)

    def stop(self) -> None:
        """End the worker without a last call (a build that failed half-way)."""
        if self.process is not None:
            process, self.process = self.process, None
            process.communicate()


def _widen(pipe: BinaryIO) -> None:
    """Let the pipe hold a whole page (Linux: 64 KiB by default, 1 MiB at most without privileges),
    so that handing one over does not wait for the worker to read the one before."""
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, OSError):
        pass  # other systems, or a lower limit: the worker then keeps up only more slowly


def _make(target: str) -> Any:
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)()


def serve(target: str, calls: BinaryIO, reply: BinaryIO) -> int:
    """The worker's loop: make the object, run each call, reply to the last; the exit status."""
    try:
        made = _make(target)
        while True:
            try:
                method, args, last = pickle.load(calls)
            except EOFError:
                return 0  # stopped without a last call: nobody waits for a reply
            value = getattr(made, method)(*args)
            if last:
                reply.write(json.dumps(value).encode("utf-8"))
                return 0
    except Exception:  # the caller raises it, with this traceback
        calls.close()  # so that a caller still sending hears of it at once
        reply.write(traceback.format_exc().encode("utf-8"))
        return 1


if __name__ == "__main__":
    sys.exit(serve(sys.argv[1], sys.stdin.buffer, sys.stdout.buffer))
