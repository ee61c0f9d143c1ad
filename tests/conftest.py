"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import MINIMAL, copy_project


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A writable copy of the minimal valid knowledge base."""
    return copy_project(MINIMAL, tmp_path / "kb")
