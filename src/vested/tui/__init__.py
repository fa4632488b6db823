"""The Textual chat, Vested's main interface (`vested` with no command).

Nothing outside this package imports it, so `vested ask` and `vested calc` never pay
for Textual; inside it, the knowledge base and the assistant load in a worker after the
first frame so the window paints at once.
"""
