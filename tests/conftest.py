"""Shared fixtures: a pinned date, the knowledge base, the assistant, the seed texts."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# The shared folder beside the repository (the seeds, the evaluation sets): CI always has it.
SHARED = REPO.parent / "shared"
# Read once, before the isolation fixture below clears the variable for every test.
SOURCES_ENV = "VESTED_SOURCES"
SEEDS = Path(os.environ[SOURCES_ENV]) if os.environ.get(SOURCES_ENV) else SHARED / "seeds"
DATA = Path(__file__).resolve().parent / "data"
TODAY = date(2026, 11, 25)


@pytest.fixture(scope="session")
def _shared_cache(tmp_path_factory) -> Path:
    """One compiled-knowledge folder for every test's `vested` processes. Building it trains the matcher's
    perceptrons (about half a minute), once for the session instead of once a test; the file is keyed by
    its sources' digest and safe to share between processes (vested.knowledge.compiled). A test about
    building it asks for `empty_cache`."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _isolated_user_files(tmp_path_factory, monkeypatch, _shared_cache):
    """No test writes to the real answer log, history, preferences or compiled knowledge."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("VESTED_DB", str(home / "answers.db"))
    monkeypatch.setenv("VESTED_HISTORY", str(home / "history.json"))
    monkeypatch.setenv("VESTED_CACHE", str(_shared_cache))
    monkeypatch.setenv("VESTED_CONFIG", str(home / "config.toml"))
    monkeypatch.delenv("VESTED_NO_LOG", raising=False)
    # The commands read it when --sources is not given: a test decides where the seeds are, not the shell.
    monkeypatch.delenv(SOURCES_ENV, raising=False)


@pytest.fixture
def empty_cache(tmp_path, monkeypatch) -> Path:
    """A compiled-knowledge folder of this test's own, empty: the first `vested` run builds into it."""
    folder = tmp_path / "empty-cache"
    monkeypatch.setenv("VESTED_CACHE", str(folder))
    return folder


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
    """The seed texts: $VESTED_SOURCES when set, else ../shared/seeds beside the repository."""
    if not SEEDS.is_dir():
        where = f"${SOURCES_ENV}={SEEDS}" if os.environ.get(SOURCES_ENV) else str(SEEDS)
        if SHARED.is_dir():
            pytest.fail(f"the source texts are not at {where}, yet {SHARED} is beside the repository")
        pytest.skip(f"the source texts are not at {where}: set ${SOURCES_ENV} or put them in {SHARED / 'seeds'}")
    return SEEDS


# ---------------------------------------------------------------- no silent skips in CI

_skipped: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        _skipped.append(f"{report.nodeid}: {reason}")


def pytest_sessionfinish(session, exitstatus):
    """With ../shared beside the repository (as in CI) every test runs: a skip fails the run."""
    if _skipped and SHARED.is_dir() and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    if _skipped and SHARED.is_dir():
        terminalreporter.section("skipped although ../shared is beside the repository", red=True)
        for line in _skipped:
            terminalreporter.line(line, red=True)
