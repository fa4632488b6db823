"""Vested: a terminal assistant for US 401(k) questions.

The core (knowledge, matching, numbers, calculators, assistant, answer_log) is plain
Python and never imports Textual, so `vested ask` starts fast; only `vested.tui` does.
"""

__version__ = "0.1.0"
