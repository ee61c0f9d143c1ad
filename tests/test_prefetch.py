"""macros/prefetch.py: data files parsed in a second process load exactly as if parsed here."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from macros import load as loader
from macros.checks import records_of
from macros.datafiles import DATA_DIR, DATA_FILES
from macros.load import load
from macros.prefetch import SHARE, Prefetch, worthwhile
from macros.yamlread import read_yaml
from tests.helpers import ROOT, copy_project, edit


def _parsed_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the loader parses in this process from now on."""
    here: list[str] = []

    def recorded(raw: bytes, rel: str):  # type: ignore[no-untyped-def]
        here.append(rel)
        return read_yaml(raw, rel)

    monkeypatch.setattr(loader, "read_yaml", recorded)
    return here


def test_the_share_is_the_largest_files_up_to_its_part_of_the_bytes() -> None:
    early = Prefetch(ROOT)
    try:
        sizes = {name: (ROOT / DATA_DIR / name).stat().st_size for name in DATA_FILES}
        ranked = sorted(sizes, key=lambda n: -sizes[n])
        assert early.names == ranked[: len(early.names)]
        taken = sum(sizes[n] for n in early.names)
        assert taken >= SHARE * sum(sizes.values()) > taken - sizes[early.names[-1]]
        assert len(early.names) < len(DATA_FILES)  # this process parses the rest meanwhile
    finally:
        early.close()


def test_the_loader_takes_the_shared_files_and_gets_what_it_would_parse_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TA_NO_CACHE", "1")
    project = copy_project(ROOT, tmp_path / "kb")
    alone = load(project)
    here = _parsed_here(monkeypatch)
    early = Prefetch(project)
    shared = load(project, early)
    assert sorted(here) == sorted(f"{DATA_DIR}/{n}" for n in DATA_FILES if n not in early.names)
    assert shared.kb == alone.kb and shared.problems == alone.problems and shared.inputs == alone.inputs
    for section in loader.SECTIONS:  # where each record and field was read, too
        pairs = zip(records_of(alone.kb, section.key), records_of(shared.kb, section.key), strict=True)
        assert all(loader.origin(x) == loader.origin(y) for x, y in pairs), section.key


def test_a_file_edited_after_the_second_process_read_it_is_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TA_NO_CACHE", "1")
    project = copy_project(ROOT, tmp_path / "kb")
    early = Prefetch(project)
    first = early.names[0]
    rel = f"{DATA_DIR}/{first}"
    raw = (project / rel).read_bytes()
    assert early.take(rel, raw) is not None  # waits until the second process has parsed it
    edit(project / rel, "\n", "\n# edited while the check started\n")
    here = _parsed_here(monkeypatch)
    loaded = load(project, early)
    assert rel in here
    assert loader.origin(records_of(loaded.kb, _first_section(first))[0]).doc.text.count("# edited") == 1  # type: ignore[union-attr]


def _first_section(name: str) -> str:
    return next(s.key for s in loader.SECTIONS if s.file == name)


def test_other_files_and_other_bytes_are_not_taken() -> None:
    early = Prefetch(ROOT)
    try:
        mine = next(n for n in DATA_FILES if n not in early.names)
        theirs = early.names[0]
        raw = (ROOT / DATA_DIR / theirs).read_bytes()
        assert early.take(f"{DATA_DIR}/{mine}", (ROOT / DATA_DIR / mine).read_bytes()) is None
        assert early.take(f"{DATA_DIR}/{theirs}", raw + b"\n") is None
        doc = early.take(f"{DATA_DIR}/{theirs}", raw)
        assert doc is not None and doc.data == read_yaml(raw, f"{DATA_DIR}/{theirs}").data
    finally:
        early.close()


def test_a_second_process_never_asked_for_its_files_is_ended(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "kb")
    early = Prefetch(project)
    child = early._job.pid if early._job else None
    early.close()  # e.g. every file was found in the cache
    assert child is not None
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)  # ended and reaped


def test_without_fork_the_loader_parses_everything_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TA_NO_CACHE", "1")
    project = copy_project(ROOT, tmp_path / "kb")
    alone = load(project)
    monkeypatch.delattr(os, "fork")
    early = Prefetch(project)
    assert early.take(f"{DATA_DIR}/{early.names[0]}", (project / DATA_DIR / early.names[0]).read_bytes()) is not None
    assert load(project, early).kb == alone.kb


def test_a_second_process_parses_only_when_the_parse_cache_cannot_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(ROOT, tmp_path / "kb")
    monkeypatch.delenv("TA_NO_CACHE", raising=False)
    assert worthwhile(project)  # nothing parsed yet: a first check
    load(project)  # writes the cache of parsed files
    assert not worthwhile(project)  # every unchanged file is read from the cache
    monkeypatch.setenv("TA_NO_CACHE", "1")
    assert worthwhile(project)  # the cache is off
