"""The rules of ../shared/eval/score.py, so the question sets are scored inside pytest.

Kept in step with the scorer: a question passes when its kind is right, every fact
appears in the answer text (digits compared without thousands separators) and, where the
row names sources, at least one of them is cited.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ANSWERED = {"faq", "calculation"}


def normalize(text: str) -> str:
    text = text.lower().replace("\u2009", " ").replace("\xa0", " ")
    return re.sub(r"(?<=\d),(?=\d{3})", "", text)


def has_fact(answer: str, spellings: list[str]) -> bool:
    for spelling in spellings:
        wanted = normalize(spelling)
        pattern = re.escape(wanted)
        if wanted[:1].isdigit():
            pattern = r"(?<![\d.])" + pattern
        if wanted[-1:].isdigit():
            pattern += r"(?!\d)"
        if re.search(pattern, answer):
            return True
    return False


def judge(row: dict, reply: dict) -> list[str]:
    problems = []
    kind, want = reply.get("kind"), row["kind"]
    if want == "fallback" and kind != "fallback":
        problems.append(f"kind {kind!r}, wanted fallback")
    elif want == "calc" and kind != "calculation":
        problems.append(f"kind {kind!r}, wanted calculation")
    elif want == "answer" and kind not in ANSWERED:
        problems.append(f"kind {kind!r}, wanted an answer")
    if want != "fallback":
        answer = normalize(str(reply.get("answer", "")))
        problems += [f"missing {fact}" for fact in row["facts"] if not has_fact(answer, fact)]
        if row["sources"]:
            cited = {source.get("source") for source in reply.get("sources") or []}
            if not cited & set(row["sources"]):
                problems.append(f"cites {sorted(c for c in cited if c)}, wanted one of {row['sources']}")
    return problems


def load_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
