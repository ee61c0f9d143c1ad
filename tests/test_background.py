"""macros/background.py: work done in a second process gives what it gives in this one."""

from __future__ import annotations

import os
import subprocess
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
