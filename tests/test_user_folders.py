"""The user's data and cache folders are named as platformdirs names them (vested.knowledge.user_folders)."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from platformdirs.macos import MacOS
from platformdirs.unix import Unix

from vested.knowledge.user_folders import APP_NAME, user_folder

PLATFORMS = {"linux": Unix, "darwin": MacOS}
VARIABLES = {"data": "XDG_DATA_HOME", "cache": "XDG_CACHE_HOME"}
# What people have in these variables: unset, empty, relative, absolute, with a trailing slash, doubled slashes.
SETTINGS = st.one_of(
    st.none(),
    st.sampled_from(["", "relative/dir", "~/data", "/", "/srv/x/", "//net/share", "/home/a b/.x"]),
    st.from_regex(r"/[a-z]{1,6}(/[a-z .]{1,6}){0,2}/?", fullmatch=True),
)
HOMES = st.one_of(st.sampled_from(["/", "/root", "/home/pat/", "//x"]), st.from_regex(r"/[a-z]{1,8}", fullmatch=True))


def _platformdirs(platform: str, kind: str) -> str:
    dirs = PLATFORMS[platform](appname=APP_NAME, appauthor=False)
    return dirs.user_data_dir if kind == "data" else dirs.user_cache_dir


@settings(max_examples=200, deadline=None)
@given(
    platform=st.sampled_from(sorted(PLATFORMS)),
    kind=st.sampled_from(sorted(VARIABLES)),
    chosen=SETTINGS,
    home=HOMES,
)
def test_the_folders_are_platformdirs_own(platform, kind, chosen, home):
    saved = {name: os.environ.get(name) for name in (VARIABLES[kind], "HOME")}
    try:
        os.environ["HOME"] = home
        if chosen is None:
            os.environ.pop(VARIABLES[kind], None)
        else:
            os.environ[VARIABLES[kind]] = chosen
        assert user_folder(kind, platform) == _platformdirs(platform, kind)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@pytest.mark.parametrize("kind", ["data", "cache"])
def test_elsewhere_platformdirs_decides(kind, monkeypatch):
    """Windows (or any platform without a rule here) and a relative HOME are platformdirs' to name."""
    monkeypatch.setenv("HOME", "relative-home")
    monkeypatch.delenv(VARIABLES[kind], raising=False)
    import platformdirs

    expected = platformdirs.user_data_dir(APP_NAME, appauthor=False) if kind == "data" else None
    assert user_folder(kind, "linux") == (expected or platformdirs.user_cache_dir(APP_NAME))
    assert user_folder(kind, "win32") == user_folder(kind, "linux")
