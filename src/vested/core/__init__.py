"""The core: the Assistant (the one door every front end uses), the Answer it returns, and its rendering as text.

Nothing here imports Textual, rich or argparse (import-linter contracts in pyproject.toml).
"""
