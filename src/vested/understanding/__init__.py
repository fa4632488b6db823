"""Reading a question: normalization into the knowledge base's vocabulary, and the quantities it states."""
