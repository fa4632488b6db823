"""Copying text out of the chat, and saying honestly where it went.

Textual copies with OSC 52, an escape sequence the terminal may or may not act on (tmux,
by default, does not pass it on), and no terminal says whether it did. So the chat also
puts the text in tmux's paste buffer when it runs inside tmux, and words its notice by
what it knows: sure for terminals known to honour OSC 52, otherwise pointing at /save.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping

# Terminals that act on OSC 52 by default, by the variables they set.
OSC52_TERMINALS = frozenset({"iTerm.app", "WezTerm", "ghostty", "vscode", "Tabby", "kitty"})
OSC52_MARKERS = ("KITTY_WINDOW_ID", "WT_SESSION", "WEZTERM_PANE", "GHOSTTY_RESOURCES_DIR")


def to_tmux_buffer(text: str, env: Mapping[str, str] = os.environ) -> bool:
    """Load text into tmux's paste buffer when running inside tmux; True if it worked."""
    if not env.get("TMUX") or shutil.which("tmux") is None:
        return False
    try:
        subprocess.run(["tmux", "load-buffer", "-"], input=text.encode(), check=True, timeout=2, capture_output=True)
    except (OSError, subprocess.SubprocessError):
        return False
    return True


def copy_notice(what: str, env: Mapping[str, str], in_tmux_buffer: bool) -> str:
    """Where `what` went, as far as the chat can know."""
    if in_tmux_buffer:
        return (
            f"Copied {what} to tmux's paste buffer (prefix then ] pastes it); the system clipboard "
            "gets it too when tmux has set-clipboard on."
        )
    if env.get("TERM_PROGRAM") in OSC52_TERMINALS or any(env.get(marker) for marker in OSC52_MARKERS):
        return f"Copied {what} to the clipboard."
    return (
        f"Sent {what} to the clipboard with OSC 52, which not every terminal supports. "
        "If nothing arrives, /save writes it to a file."
    )
