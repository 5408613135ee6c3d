// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../db/database.ts';
import { AuditLog } from './audit-log.ts';

describe('AuditLog', () => {
  it('records entries and lists them newest first, filtered', () => {
    const audit = new AuditLog(openMemoryDatabase());
    audit.record({
      user: 'ann',
      device: 'd1',
      action: 'item.create',
      subject: 'item:A',
      details: { name: 'Bolt' },
    });
    audit.record({ user: 'bob', device: 'd2', action: 'item.update', subject: 'item:A' });
    audit.record({ user: 'ann', device: 'd1', action: 'location.create', subject: 'location:L1' });
    expect(audit.list({ subject: 'item:A' }).map((e) => e.user)).toEqual(['bob', 'ann']);
    expect(audit.list({ user: 'ann' }).map((e) => e.action)).toEqual(['location.create', 'item.create']);
    expect(audit.list({ user: 'ann' })[1]?.details).toEqual({ name: 'Bolt' });
  });

  it('cannot be edited or deleted, even with SQL', () => {
    const db = openMemoryDatabase();
    const audit = new AuditLog(db);
    audit.record({ user: 'ann', device: 'd1', action: 'auth.login' });
    expect(() => db.prepare("UPDATE audit SET username = 'mallory'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    expect(audit.list()).toHaveLength(1);
  });
});
