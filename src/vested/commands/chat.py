"""`vested` with no command: the chat (placeholder)."""

from __future__ import annotations


def run_chat(args) -> int:
    print("The chat is coming; meanwhile try: vested ask \"can I borrow from my 401k?\"")
    return 0
