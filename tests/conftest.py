"""Shared fixtures: a pinned date, the knowledge base, the assistant, the seed texts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
DATA = Path(__file__).resolve().parent / "data"
TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _isolated_user_files(tmp_path_factory, monkeypatch):
    """No test writes to the real answer log, history or preferences."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("VESTED_DB", str(home / "answers.db"))
    monkeypatch.setenv("VESTED_HISTORY", str(home / "history.json"))
    monkeypatch.setenv("VESTED_CACHE", str(home / "cache"))
    monkeypatch.setenv("VESTED_CONFIG", str(home / "config.toml"))
    monkeypatch.delenv("VESTED_NO_LOG", raising=False)


@pytest.fixture(scope="session")
def kb():
    from vested.knowledge import load_knowledge_base

    return load_knowledge_base()


@pytest.fixture(scope="session")
def assistant(kb):
    from vested.core.assistant import Assistant

    return Assistant(kb, today=TODAY)


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("the source texts (../shared/seeds) are not beside the repository")
    return SEEDS
