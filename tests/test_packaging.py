"""The wheel carries the knowledge base, and `vested ask` never imports Textual."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.mark.parametrize("module", ["vested.commands.ask", "vested.commands.calc", "vested.core.assistant"])
def test_core_does_not_import_textual(module):
    code = (
        f"import sys, {module}; from vested.cli import main; "
        "main(['ask', '--json', 'can I borrow from my plan']); "
        "print([m for m in sys.modules if m == 'textual' or m.startswith('textual.')])"
    )
    env = {**os.environ, "VESTED_NO_LOG": "1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.slow
def test_installed_wheel_finds_its_knowledge(tmp_path: Path):
    """pip install . (not editable) into a fresh venv; the wheel must ship knowledge/."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("vested-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "vested/_knowledge/sources.toml" in names
    assert any(name.startswith("vested/_knowledge/faq/") for name in names)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(purelib)
    # Dependencies come from this environment's site-packages, which holds no copy of vested
    # itself (it is installed editable there, through a .pth file PYTHONPATH does not read).
    env = {**os.environ, "PYTHONPATH": sysconfig.get_paths()["purelib"], "VESTED_NO_LOG": "1"}
    env.pop("VESTED_KNOWLEDGE", None)
    probe = (
        "import json, vested.knowledge.loader as l; from vested.core.assistant import Assistant; "
        "a = Assistant(); print(json.dumps([str(l.default_knowledge_dir()), len(a.kb.entries), "
        "a.ask('how much can I borrow from my plan').kind]))"
    )
    out = subprocess.run([python, "-c", probe], capture_output=True, text=True, env=env, cwd=tmp_path, check=True)
    directory, entries, kind = json.loads(out.stdout)
    assert directory.startswith(purelib) and directory.endswith("_knowledge")
    assert entries > 50
    assert kind == "faq"
