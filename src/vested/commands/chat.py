"""`vested` with no command: the Textual chat.

Textual is imported here, inside run_chat, and nowhere on the path of the other commands,
so `vested ask` and `vested calc` start without it.
"""

from __future__ import annotations

import argparse
import sys


def run_chat(args: argparse.Namespace) -> int:
    from vested.tui.timing import StartupTimer

    timer = StartupTimer()
    from vested.commands.common import sources_dir
    from vested.tui.app import VestedApp

    timer.mark("imports")
    app = VestedApp(log_args=args, sources_dir=sources_dir(args), timer=timer)
    app.run()
    for notice in app.close_session():
        print(f"vested: {notice}", file=sys.stderr)
    if args.debug_timing:
        print(f"vested: {timer.report()}", file=sys.stderr)
    return app.return_code or 0
