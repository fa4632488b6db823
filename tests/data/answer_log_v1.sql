-- An answer log exactly as the first schema (migration 0001_first_schema) wrote it,
-- with two answers in it. tests/test_answer_log_migrations.py upgrades it to the latest
-- schema, and checks that migration 0001 still creates precisely these objects: a
-- migration that users' files have already run must never change.
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");
CREATE TABLE "sessions" (
   "id" INTEGER PRIMARY KEY,
   "started_at" TEXT NOT NULL,
   "interface" TEXT NOT NULL,
   "app_version" TEXT,
   "kb_hash" TEXT
);
CREATE TABLE "answers" (
   "id" INTEGER PRIMARY KEY,
   "session_id" INTEGER NOT NULL REFERENCES "sessions"("id"),
   "asked_at" TEXT NOT NULL,
   "question" TEXT NOT NULL,
   "kind" TEXT NOT NULL,
   "entry" TEXT,
   "confidence" REAL,
   "answer" TEXT NOT NULL,
   "as_of" TEXT,
   "calculation" TEXT,
   "duration_ms" REAL
);
CREATE TABLE "answer_sources" (
   "answer_id" INTEGER NOT NULL REFERENCES "answers"("id") ON DELETE CASCADE,
   "position" INTEGER NOT NULL,
   "source" TEXT NOT NULL,
   "title" TEXT,
   "section" TEXT,
   "paragraph" INTEGER,
   "quote" TEXT,
   "as_of" TEXT,
   PRIMARY KEY ("answer_id", "position")
);
CREATE VIRTUAL TABLE "answers_fts" USING FTS5 (
    "question", "answer",
    tokenize='porter',
    content="answers"
);
CREATE TRIGGER "answers_ai" AFTER INSERT ON "answers" BEGIN
  INSERT INTO "answers_fts" (rowid, "question", "answer") VALUES (new.rowid, new."question", new."answer");
END;
CREATE TRIGGER "answers_ad" AFTER DELETE ON "answers" BEGIN
  INSERT INTO "answers_fts" ("answers_fts", rowid, "question", "answer") VALUES('delete', old.rowid, old."question", old."answer");
END;
CREATE TRIGGER "answers_au" AFTER UPDATE ON "answers" BEGIN
  INSERT INTO "answers_fts" ("answers_fts", rowid, "question", "answer") VALUES('delete', old.rowid, old."question", old."answer");
  INSERT INTO "answers_fts" (rowid, "question", "answer") VALUES (new.rowid, new."question", new."answer");
END;

INSERT INTO "_sqlite_migrations" VALUES
  (1, 'vested-answer-log', '0001_first_schema', '2026-03-02 14:05:09.120000+00:00');
INSERT INTO "sessions" VALUES (1, '2026-03-02T14:05:09Z', 'ask', '0.1.0', 'kb-digest-v1');
INSERT INTO "answers" VALUES
  (1, 1, '2026-03-02T14:05:10Z', 'can I borrow from my plan', 'faq', 'loans.maximum', 1.0,
   'Yes: up to half of your vested balance, and never more than $50,000.', '2025', NULL, 4.2),
  (2, 1, '2026-03-02T14:06:41Z', 'what is the weather', 'fallback', NULL, 0.31,
   'I answer questions about US 401(k) plans.', NULL, NULL, 1.5);
INSERT INTO "answer_sources" VALUES
  (1, 1, 'guide-2025', 'What Is a 401k and How Does It Work?', 'Accessing Your 401k Funds', 1,
   'IRS rules permit loans up to 50% of the vested balance', '2025');
