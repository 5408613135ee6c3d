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

/**
 * Who did what, from which device, when. Append-only: the table's triggers refuse UPDATE and
 * DELETE, and this class has no method for either.
 */
export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(entry: {
    user: string | null;
    device: string | null;
    action: string;
    subject?: string | null;
    details?: unknown;
  }): void {
    this.db
      .prepare('INSERT INTO audit (at, username, device, action, subject, details) VALUES (?, ?, ?, ?, ?, ?)')
      .run(
        this.now().toISOString(),
        entry.user,
        entry.device,
        entry.action,
        entry.subject ?? null,
        entry.details === undefined ? null : JSON.stringify(entry.details),
      );
  }

  /** Newest first. */
  list(filter: AuditFilter = {}): AuditEntry[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM audit
         WHERE (@user IS NULL OR username = @user)
           AND (@subject IS NULL OR subject = @subject)
           AND (@before IS NULL OR id < @before)
         ORDER BY id DESC LIMIT @limit`,
      )
      .all({
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
