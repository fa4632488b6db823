"""Subcommands of `vested`. Each module exposes `register(subparsers)`.

Modules import only what parsing needs at the top; the work (and any heavy import)
happens inside their handlers, so `vested ask` never pays for Textual or rich tables it
does not use.
"""
