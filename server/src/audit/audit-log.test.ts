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

  it('finds an entry by any of its related subjects, with the other filters and paging', () => {
    const audit = new AuditLog(openMemoryDatabase());
    audit.record({
      user: 'carl',
      device: 'd1',
      action: 'movement.transfer',
      subject: 'item:A',
      related: ['location:L1', 'location:L2', 'location:L1', 'item:A'],
    });
    audit.record({ user: 'ann', device: 'd2', action: 'location.update', subject: 'location:L1' });
    audit.record({
      user: 'carl',
      device: 'd1',
      action: 'movement.issue',
      subject: 'item:B',
      related: ['location:L2'],
    });
    expect(audit.list({ subject: 'location:L1' }).map((e) => e.action)).toEqual([
      'location.update',
      'movement.transfer',
    ]);
    expect(audit.list({ subject: 'location:L2' }).map((e) => e.action)).toEqual([
      'movement.issue',
      'movement.transfer',
    ]);
    expect(audit.list({ subject: 'location:L1', user: 'carl' }).map((e) => e.action)).toEqual([
      'movement.transfer',
    ]);
    expect(audit.list({ subject: 'location:L2', limit: 1 }).map((e) => e.action)).toEqual(['movement.issue']);
    const newest = audit.list({ subject: 'location:L2' })[0]!;
    expect(audit.list({ subject: 'location:L2', before: newest.id }).map((e) => e.action)).toEqual([
      'movement.transfer',
    ]);
    expect(audit.list({ subject: 'item:A' })).toHaveLength(1);
  });

  it('cannot be edited or deleted, even with SQL', () => {
    const db = openMemoryDatabase();
    const audit = new AuditLog(db);
    audit.record({ user: 'ann', device: 'd1', action: 'auth.login' });
    expect(() => db.prepare("UPDATE audit SET username = 'mallory'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    audit.record({
      user: 'ann',
      device: 'd1',
      action: 'movement.receive',
      subject: 'item:A',
      related: ['location:L'],
    });
    expect(() => db.prepare("UPDATE audit_related SET subject = 'location:X'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_related').run()).toThrow(/append-only/);
    expect(audit.list({ subject: 'location:L' })).toHaveLength(1);
    expect(audit.list()).toHaveLength(2);
  });
});
