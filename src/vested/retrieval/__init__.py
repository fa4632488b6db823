"""Ranking the knowledge base's entries against a question."""
