"""Start-up milestones of the chat, printed by `vested --debug-timing`.

Kept free of Textual so the clock can start before Textual is imported.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field


@dataclass
class StartupTimer:
    """Milliseconds from the timer's creation to each milestone (the first time it is hit)."""

    started: float = field(default_factory=time.perf_counter)
    marks: dict[str, float] = field(default_factory=dict)

    def mark(self, label: str) -> None:
        self.marks.setdefault(label, (time.perf_counter() - self.started) * 1000)

    def report(self) -> str:
        return "start-up: " + ", ".join(f"{label} {ms:.0f} ms" for label, ms in self.marks.items())
