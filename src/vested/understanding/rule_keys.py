"""How the language rules are named: in `kb check`'s reports and in what the normalizer says fired.

Apart from the rules themselves (vested.understanding.language, pydantic models), so the
normalizer loaded from the compiled knowledge can name what fired without importing them.
"""

STOPWORDS_KEY = "stopwords"
# The scope's sets of terms, in knowledge/language/scope.toml.
TERM_SETS = (
    "core",
    "other_products",
    "keeps_other_product_in_scope",
    "uncovered",
    "asked_about_beside_the_plan",
    "domain",
    "strong_domain",
)


def rule_key(kind: str, place: int | str) -> str:
    """How a rule is named in reports: its kind and its place in its file ("phrase:12", "scope:core")."""
    return f"{kind}:{place}"
