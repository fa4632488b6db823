"""The user's data and cache folders, named as platformdirs names them, without importing it on Linux and macOS.

`vested ask` needs two folders before it can answer and log: the cache, where the compiled
knowledge is kept, and the data folder, where the answer log is. platformdirs names them, but
importing it brings tempfile, shutil and random along: about 8 ms of a start of about 118 ms,
more than the answer itself takes (benchmarks/README.md, issue 20). On Linux and macOS its rule
for these two folders is short: an absolute $XDG_DATA_HOME or $XDG_CACHE_HOME, else the
platform's folder under an absolute $HOME, with the application's name appended; that rule is
kept here, and tests/test_user_folders.py holds it to platformdirs' own answers. Anything else
(Windows, Android, a $HOME unset or relative) is left to platformdirs. This module sits in the
lowest layer because both the compiled knowledge and the answer log use it.
"""

from __future__ import annotations

import os
import sys
from typing import Literal

APP_NAME = "vested"
Kind = Literal["data", "cache"]
_VARIABLES: dict[Kind, str] = {"data": "XDG_DATA_HOME", "cache": "XDG_CACHE_HOME"}
_UNDER_HOME: dict[str, dict[Kind, str]] = {
    "linux": {"data": ".local/share", "cache": ".cache"},
    "darwin": {"data": "Library/Application Support", "cache": "Library/Caches"},
}


def user_folder(kind: Kind, platform: str = sys.platform) -> str:
    """The folder where Vested keeps the user's data (the answer log) or its cache (the compiled knowledge)."""
    return _by_rule(kind, platform) or _by_platformdirs(kind)


def _by_rule(kind: Kind, platform: str) -> str | None:
    """The folder by the XDG rule on Linux and macOS, or None where platformdirs knows better."""
    under_home = _UNDER_HOME.get(platform)
    if under_home is None or hasattr(sys, "getandroidapilevel") or os.environ.get("ANDROID_DATA"):
        return None
    chosen = os.environ.get(_VARIABLES[kind], "")
    if chosen.startswith("/"):
        return os.path.join(chosen, APP_NAME)
    home = os.environ.get("HOME", "")
    if not home.startswith("/"):
        return None  # platformdirs asks the password database, as os.path.expanduser does
    return f"{home.rstrip('/')}/{under_home[kind]}/{APP_NAME}"  # as os.path.expanduser joins them


def _by_platformdirs(kind: Kind) -> str:
    import platformdirs

    if kind == "data":
        return platformdirs.user_data_dir(APP_NAME, appauthor=False)
    return platformdirs.user_cache_dir(APP_NAME)  # with its author, as the cache has always been named
