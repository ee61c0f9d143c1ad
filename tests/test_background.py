"""macros/background.py: work done in a second process gives what it gives in this one."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from macros.background import Forked, Worker
from macros.sitecheck import SiteCheck


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


PAGE = (
    '<h1 id="top">Page</h1><a href="other/">other</a><a href="#nowhere">x</a><img src="https://cdn.example.com/a.png">'
)


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "other").mkdir(parents=True)
    (site / "other" / "index.html").write_text("<p>other</p>", encoding="utf-8")
    return site


def test_a_worker_process_gives_what_the_object_gives_here(tmp_path: Path) -> None:
    site = _site(tmp_path)
    here = SiteCheck()
    here.add_page("index.html", "index.md", PAGE)
    worker = Worker("macros.sitecheck:SiteCheck")
    assert worker.process is not None and worker.process.pid != os.getpid()
    worker.send("add_page", "index.html", "index.md", PAGE)
    found = worker.finish("problems", str(site), str(tmp_path), "content")
    assert found == here.problems(str(site), str(tmp_path), "content")
    assert found["broken"] == 1 and found["third_party"] == 1  # '#nowhere' and the CDN image
    assert worker.process is None


def test_a_failure_in_the_worker_is_raised_with_its_traceback(tmp_path: Path) -> None:
    worker = Worker("macros.sitecheck:SiteCheck")
    worker.send("add_page", "index.html")  # a call with missing arguments fails there, not here
    for _ in range(50):  # the worker stopped reading: sending more must not hang
        worker.send("add_page", "a.html", "a.md", PAGE * 2000)
    with pytest.raises(RuntimeError, match=r"TypeError.*add_page"):
        worker.finish("problems", str(tmp_path), str(tmp_path), "content")


def test_without_a_second_process_the_object_works_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("no processes left")

    monkeypatch.setattr(subprocess, "Popen", refuse)
    site = _site(tmp_path)
    worker = Worker("macros.sitecheck:SiteCheck")
    assert worker.process is None
    worker.send("add_page", "index.html", "index.md", PAGE)
    assert worker.finish("problems", str(site), str(tmp_path), "content")["broken"] == 1


def test_a_stopped_worker_leaves_no_process_behind() -> None:
    worker = Worker("macros.sitecheck:SiteCheck")
    process = worker.process
    worker.send("add_page", "index.html", "index.md", PAGE)
    worker.stop()
    assert process is not None and process.returncode == 0 and worker.process is None


def test_each_value_is_handed_over_as_soon_as_the_child_has_made_it(tmp_path: Path) -> None:
    from macros.background import ForkedItems

    gate = tmp_path / "go"  # made by this process once it holds the first value

    def make(key: str) -> object:
        if key == "big":
            return "x" * 300_000  # larger than a pipe holds
        if key == "last":
            for _ in range(300):  # the child waits for this process to have the first value
                if gate.exists():
                    break
                time.sleep(0.01)
        return key, os.getpid(), gate.exists()

    items = ForkedItems(["first", "big", "last"], make)
    try:
        first = items.get("first")
        gate.touch()
        assert first[:2] == ("first", items.pid)  # made in the child
        assert items.get("big") == "x" * 300_000
        assert items.get("last") == ("last", items.pid, True)  # the first arrived before the last was made
    finally:
        items.close()
    assert not Path(items.folder).exists()


def test_a_value_the_child_could_not_make_is_made_here() -> None:
    from macros.background import ForkedItems

    def make(key: str) -> tuple[str, int]:
        if key == "bad" and os.getpid() != here:
            raise ValueError("only in the child")
        return key, os.getpid()

    here = os.getpid()
    items = ForkedItems(["good", "bad", "after"], make)
    try:
        assert items.get("good")[1] != here
        assert items.get("bad") == ("bad", here) and items.get("after") == ("after", here)
    finally:
        items.close()


def test_closing_ends_a_child_still_at_work_and_removes_its_files() -> None:
    from macros.background import ForkedItems

    items = ForkedItems(["slow"], lambda key: time.sleep(30))
    child, folder = items.pid, items.folder
    items.close()
    assert child is not None and not Path(folder).exists()
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)


def test_without_fork_the_values_are_made_here(monkeypatch: pytest.MonkeyPatch) -> None:
    from macros.background import ForkedItems

    monkeypatch.delattr(os, "fork")
    items = ForkedItems(["a"], lambda key: (key, os.getpid()))
    assert items.pid is None and items.get("a") == ("a", os.getpid())
    items.close()


def test_when_a_fork_fails_the_values_are_made_here(monkeypatch: pytest.MonkeyPatch) -> None:
    from macros.background import Forked, ForkedItems

    def refuse() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refuse)
    items = ForkedItems(["a"], lambda key: (key, os.getpid()))
    assert items.pid is None and items.get("a") == ("a", os.getpid())
    items.close()
    step = Forked(lambda: os.getpid())
    assert step.pid is None and step.result() == os.getpid()
