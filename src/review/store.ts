import { existsSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export const STORE_FILE = "review.sqlite";
export const storePath = (out: string) => path.join(out, STORE_FILE);

export type Action = "confirmed" | "dismissed";

/** A flag's current decision. Reopening deletes the row (the log keeps the history). */
export interface Decision {
  documentId: string;
  fingerprint: string;
  action: Action;
  reason: string | null;
  reviewer: string;
  at: string;
  /** The flag as it read when decided, so an export can name a decision whose flag is gone. */
  rule: string;
  severity: string;
  message: string;
}

export interface Note {
  documentId: string;
  note: string;
  reviewer: string;
  at: string;
}

/** A reviewer's value for one field; `original` is the Field as extracted, kept beside it. */
export interface Correction {
  documentId: string;
  field: string;
  value: unknown;
  original: unknown;
  reviewer: string;
  at: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS decisions (
  document_id TEXT NOT NULL, fingerprint TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('confirmed', 'dismissed')), reason TEXT,
  reviewer TEXT NOT NULL, at TEXT NOT NULL, rule TEXT NOT NULL, severity TEXT NOT NULL, message TEXT NOT NULL,
  PRIMARY KEY (document_id, fingerprint));
CREATE TABLE IF NOT EXISTS decision_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, document_id TEXT NOT NULL, fingerprint TEXT NOT NULL,
  action TEXT NOT NULL, reason TEXT, reviewer TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS notes (
  document_id TEXT PRIMARY KEY, note TEXT NOT NULL, reviewer TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS corrections (
  document_id TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL, original TEXT NOT NULL,
  reviewer TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (document_id, field));
`;

interface DecisionRow {
  document_id: string;
  fingerprint: string;
  action: Action;
  reason: string | null;
  reviewer: string;
  at: string;
  rule: string;
  severity: string;
  message: string;
}
interface NoteRow {
  document_id: string;
  note: string;
  reviewer: string;
  at: string;
}
interface CorrectionRow {
  document_id: string;
  field: string;
  value: string;
  original: string;
  reviewer: string;
  at: string;
}

const toDecision = (r: DecisionRow): Decision => ({
  documentId: r.document_id,
  fingerprint: r.fingerprint,
  action: r.action,
  reason: r.reason,
  reviewer: r.reviewer,
  at: r.at,
  rule: r.rule,
  severity: r.severity,
  message: r.message,
});
const toCorrection = (r: CorrectionRow): Correction => ({
  documentId: r.document_id,
  field: r.field,
  value: JSON.parse(r.value),
  original: JSON.parse(r.original),
  reviewer: r.reviewer,
  at: r.at,
});

/**
 * The committee's decisions in `<out>/review.sqlite`, keyed by document sha256 and flag fingerprint, so
 * they outlive re-ingesting. WAL, so an export can read while the server writes; every write is one
 * statement or one transaction, so two reviewers deciding at once both land.
 */
export class ReviewStore {
  private constructor(private readonly db: Database.Database) {}

  static open(out: string): ReviewStore {
    const db = new Database(storePath(out));
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    db.exec(SCHEMA);
    return new ReviewStore(db);
  }

  /** Read-only, for exports; null when nobody has reviewed in this folder yet. */
  static openIfExists(out: string): ReviewStore | null {
    if (!existsSync(storePath(out))) return null;
    const db = new Database(storePath(out), { readonly: true, fileMustExist: true });
    db.pragma("busy_timeout = 5000");
    return new ReviewStore(db);
  }

  close(): void {
    this.db.close();
  }

  decide(d: Decision): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO decisions VALUES (@documentId, @fingerprint, @action, @reason, @reviewer, @at, @rule, @severity, @message)
           ON CONFLICT (document_id, fingerprint) DO UPDATE SET action = excluded.action, reason = excluded.reason,
           reviewer = excluded.reviewer, at = excluded.at, rule = excluded.rule, severity = excluded.severity,
           message = excluded.message`,
        )
        .run(d);
      this.log(d.documentId, d.fingerprint, d.action, d.reason, d.reviewer, d.at);
    })();
  }

  reopen(documentId: string, fingerprint: string, reviewer: string, at: string): void {
    this.db.transaction(() => {
      this.db
        .prepare("DELETE FROM decisions WHERE document_id = ? AND fingerprint = ?")
        .run(documentId, fingerprint);
      this.log(documentId, fingerprint, "reopened", null, reviewer, at);
    })();
  }

  private log(id: string, fp: string, action: string, reason: string | null, reviewer: string, at: string) {
    this.db
      .prepare(
        "INSERT INTO decision_log (document_id, fingerprint, action, reason, reviewer, at) VALUES (?, ?, ?, ?, ?, ?)",
      )
      .run(id, fp, action, reason, reviewer, at);
  }

  decisions(documentId?: string): Decision[] {
    const rows = (
      documentId === undefined
        ? this.db.prepare("SELECT * FROM decisions ORDER BY document_id, at, fingerprint").all()
        : this.db.prepare("SELECT * FROM decisions WHERE document_id = ? ORDER BY at").all(documentId)
    ) as DecisionRow[];
    return rows.map(toDecision);
  }

  setNote(n: Note): void {
    if (n.note.trim() === "") this.db.prepare("DELETE FROM notes WHERE document_id = ?").run(n.documentId);
    else
      this.db
        .prepare(
          `INSERT INTO notes VALUES (@documentId, @note, @reviewer, @at) ON CONFLICT (document_id)
           DO UPDATE SET note = excluded.note, reviewer = excluded.reviewer, at = excluded.at`,
        )
        .run(n);
  }

  notes(): Note[] {
    return (this.db.prepare("SELECT * FROM notes").all() as NoteRow[]).map((r) => ({
      documentId: r.document_id,
      note: r.note,
      reviewer: r.reviewer,
      at: r.at,
    }));
  }

  correct(c: Correction): void {
    this.db
      .prepare(
        `INSERT INTO corrections VALUES (@documentId, @field, @value, @original, @reviewer, @at)
         ON CONFLICT (document_id, field) DO UPDATE SET value = excluded.value, reviewer = excluded.reviewer,
         at = excluded.at`,
      )
      .run({ ...c, value: JSON.stringify(c.value), original: JSON.stringify(c.original) });
  }

  uncorrect(documentId: string, field: string): void {
    this.db.prepare("DELETE FROM corrections WHERE document_id = ? AND field = ?").run(documentId, field);
  }

  corrections(documentId?: string): Correction[] {
    const rows = (
      documentId === undefined
        ? this.db.prepare("SELECT * FROM corrections ORDER BY document_id, field").all()
        : this.db.prepare("SELECT * FROM corrections WHERE document_id = ? ORDER BY field").all(documentId)
    ) as CorrectionRow[];
    return rows.map(toCorrection);
  }
}
