"""`vested walk` (placeholder, being built)."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("walk", help="(coming)")
    parser.set_defaults(handler=lambda args: 0)
