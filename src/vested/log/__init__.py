"""The SQLite answer log: its writer, its queries and its migrations."""
