"""The chat's preferences, kept in config.toml in the user config directory.

A theme chosen from the palette, or the sources panel hidden, should still be so after a
restart. The file is small TOML a person can edit; anything in it Vested doesn't
understand is ignored rather than refused, so a typo never keeps the chat from starting.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

CONFIG_ENV = "VESTED_CONFIG"


def default_config_path() -> Path:
    """$VESTED_CONFIG, else config.toml in the user config dir (~/.config/vested on Linux)."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path("vested", appauthor=False) / "config.toml"


@dataclass
class Preferences:
    """What the chat remembers between runs; `path` None keeps them for this run only."""

    path: Path | None = None
    theme: str | None = None
    sources_panel: bool = True
    """Show the sources panel beside the transcript on wide terminals."""

    @classmethod
    def load(cls, path: Path | None) -> Preferences:
        preferences = cls(path)
        if path is None or not path.is_file():
            return preferences
        import tomllib  # only when there is a file: the chat's first frame waits for this

        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return preferences
        if isinstance(data.get("theme"), str):
            preferences.theme = data["theme"]
        if isinstance(data.get("sources_panel"), bool):
            preferences.sources_panel = data["sources_panel"]
        return preferences

    def to_toml(self) -> str:
        lines = ["# Vested chat preferences (written by the chat; safe to edit)."]
        if self.theme:
            lines.append(f"theme = {json.dumps(self.theme)}")
        lines.append(f"sources_panel = {'true' if self.sources_panel else 'false'}")
        return "\n".join(lines) + "\n"

    def save(self) -> None:
        """Write the file (folder created); OSError is the caller's to report."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        temporary.write_text(self.to_toml(), encoding="utf-8")
        os.replace(temporary, self.path)
