import type { Db } from '../db/database.ts';

export interface AuditEntry {
  id: number;
  at: string;
  user: string | null;
  device: string | null;
  action: string;
  subject: string | null;
  details: unknown;
}

export interface AuditFilter {
  user?: string;
  subject?: string;
  /** Entries with an id below this (paging backwards). */
  before?: number;
  limit?: number;
}

export interface AuditRecord {
  user: string | null;
  device: string | null;
  action: string;
  subject?: string | null;
  /** Further subjects the entry is about (a movement's locations): a filter on any of them finds it. */
  related?: readonly string[];
  details?: unknown;
  /** When it happened, if not now (a summary row written after the minute it sums up). */
  at?: Date;
}

/**
 * Who did what, from which device, when. Append-only: the table's triggers refuse UPDATE and
 * DELETE, and this class has no method for either.
 */
export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(entry: AuditRecord): void {
    const subject = entry.subject ?? null;
    const related = [...new Set(entry.related ?? [])].filter((s) => s !== subject);
    const insert = () => {
      const { lastInsertRowid } = this.db
        .prepare(
          'INSERT INTO audit (at, username, device, action, subject, details) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(
          (entry.at ?? this.now()).toISOString(),
          entry.user,
          entry.device,
          entry.action,
          subject,
          entry.details === undefined ? null : JSON.stringify(entry.details),
        );
      const relate = this.db.prepare('INSERT INTO audit_related (subject, audit_id) VALUES (?, ?)');
      for (const s of related) relate.run(s, lastInsertRowid);
    };
    if (related.length) this.db.transaction(insert)();
    else insert();
  }

  /** Several entries in one transaction (one disk sync instead of one per entry). */
  recordAll(entries: readonly AuditRecord[]): void {
    this.db.transaction(() => {
      for (const e of entries) this.record(e);
    })();
  }

  /** Newest first. A subject filter matches an entry's subject or any of its related subjects. */
  list(filter: AuditFilter = {}): AuditEntry[] {
    // With a subject, each side walks its (subject, id) index backwards and stops at `limit`.
    const sql =
      filter.subject === undefined
        ? `SELECT * FROM audit
           WHERE (@user IS NULL OR username = @user)
             AND (@before IS NULL OR id < @before)
           ORDER BY id DESC LIMIT @limit`
        : `SELECT * FROM audit WHERE id IN (
             SELECT id FROM (
               SELECT id FROM audit
               WHERE subject = @subject AND (@user IS NULL OR username = @user)
                 AND (@before IS NULL OR id < @before)
               ORDER BY id DESC LIMIT @limit)
             UNION ALL
             SELECT id FROM (
               SELECT r.audit_id AS id FROM audit_related r JOIN audit a ON a.id = r.audit_id
               WHERE r.subject = @subject AND (@user IS NULL OR a.username = @user)
                 AND (@before IS NULL OR r.audit_id < @before)
               ORDER BY r.audit_id DESC LIMIT @limit))
           ORDER BY id DESC LIMIT @limit`;
    const rows = this.db.prepare(sql).all({
      user: filter.user ?? null,
      subject: filter.subject ?? null,
      before: filter.before ?? null,
      limit: Math.min(Math.max(filter.limit ?? 100, 1), 1000),
    }) as {
      id: number;
      at: string;
      username: string | null;
      device: string | null;
      action: string;
      subject: string | null;
      details: string | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      user: r.username,
      device: r.device,
      action: r.action,
      subject: r.subject,
      details: r.details === null ? null : JSON.parse(r.details),
    }));
  }
}
