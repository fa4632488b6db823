"""Runs `vested` commands in process for benchmarks/stress.py, one JSON request a line on stdin.

Thousands of calculator, walkthrough and log commands as separate processes would spend
nearly all their time starting Python and loading the knowledge base, so a worker loads
it once and calls `vested.cli.main` for each request, stdout and stderr captured. With
VESTED_DEBUG=1 a bug of Vested's propagates as an exception, which is reported as a
traceback; the parent kills a worker that does not answer in time and counts a hang.

Request: {"argv": [...], "stdin": "base64"}. Reply: {"code", "out", "err", "traceback"}.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import sys
import traceback


def main() -> int:
    os.environ["VESTED_DEBUG"] = "1"
    from vested.cli import main as vested
    from vested.knowledge import loader

    kb = loader.load_knowledge_base()
    loader.load_knowledge_base = lambda *args: kb
    replies = sys.stdout
    for line in sys.stdin:
        request = json.loads(line)
        out, err = io.StringIO(), io.StringIO()
        sys.stdin = io.TextIOWrapper(io.BytesIO(base64.b64decode(request.get("stdin", ""))), encoding="utf-8")
        failure = None
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = vested(request["argv"])
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 2
            except BaseException:  # a bug: what the user would have seen as a traceback
                code, failure = 1, traceback.format_exc()
        reply = {"code": code, "out": out.getvalue(), "err": err.getvalue(), "traceback": failure}
        replies.write(json.dumps(reply) + "\n")  # ASCII: a lone surrogate in the output survives the pipe
        replies.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
