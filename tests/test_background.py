"""macros/background.py: a step run in a forked process gives what it gives in this one."""

from __future__ import annotations

import os

import pytest

from macros.background import Forked


def test_the_child_computes_the_value_and_this_process_does_not() -> None:
    calls: list[int] = []

    def step() -> dict[str, object]:
        calls.append(os.getpid())
        return {"pid": os.getpid(), "grades": [["content/a.md", 41, 7.5, ["content/a.md", 1]]]}

    value = Forked(step).result()
    assert value["grades"] == [["content/a.md", 41, 7.5, ["content/a.md", 1]]]
    assert value["pid"] != os.getpid() and calls == []  # made in the child, whose list we never see


def test_a_step_that_fails_in_the_child_raises_here_as_it_would_without_a_fork() -> None:
    def step() -> None:
        raise ValueError("page cannot be rendered")

    with pytest.raises(ValueError, match="page cannot be rendered"):
        Forked(step).result()


def test_a_discarded_step_leaves_no_child_behind() -> None:
    pending = Forked(lambda: 1)
    child = pending.pid
    pending.discard()
    assert child is not None and pending.pid is None
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)  # already reaped
