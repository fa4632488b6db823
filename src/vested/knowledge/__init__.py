"""The curated knowledge base: sources, entries and dated figures, loaded from TOML."""

from vested.knowledge.loader import KnowledgeBase, load_knowledge_base, shipped_knowledge_base
from vested.knowledge.models import Citation, Entry, Source

__all__ = ["Citation", "Entry", "KnowledgeBase", "Source", "load_knowledge_base", "shipped_knowledge_base"]
