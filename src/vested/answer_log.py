"""The answer log (placeholder until the answer-log issue lands: records nothing)."""

from __future__ import annotations


class NullLog:
    def record(self, answer, duration_ms: float) -> None:
        return None

    def close(self) -> list[str]:
        return []


def open_answer_log(args, interface: str, kb_digest: str) -> NullLog:
    return NullLog()
