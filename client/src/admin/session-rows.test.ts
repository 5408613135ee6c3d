// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { SessionRecord } from './admin-api.ts';
import { sessionRows, timeAgo } from './session-rows.ts';

const NOW = Date.parse('2025-05-01T12:00:00Z');

function session(id: string, username: string, device: string, lastSeenAt: string): SessionRecord {
  return {
    id,
    username,
    device,
    address: '127.0.0.1',
    createdAt: '2025-05-01T08:00:00Z',
    lastSeenAt,
    expiresAt: '2025-05-31T08:00:00Z',
    connections: 0,
  };
}

describe('session rows', () => {
  it('says how long ago in words', () => {
    expect(timeAgo('2025-05-01T11:59:30Z', NOW)).toBe('just now');
    expect(timeAgo('2025-05-01T11:55:00Z', NOW)).toBe('5 min ago');
    expect(timeAgo('2025-05-01T09:00:00Z', NOW)).toBe('3 h ago');
    expect(timeAgo('2025-04-28T12:00:00Z', NOW)).toBe('3 days ago');
    expect(timeAgo('garbage', NOW)).toBe('garbage');
  });

  it('puts the most recently seen first, marks this device and filters by user', () => {
    const rows = sessionRows(
      [
        session('a', 'ann', 'dev-1', '2025-05-01T10:00:00Z'),
        session('b', 'bob', 'dev-2', '2025-05-01T11:59:00Z'),
        session('c', 'ann', 'dev-3', '2025-05-01T11:00:00Z'),
      ],
      { deviceId: 'dev-3', now: NOW },
    );
    expect(rows.map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect(rows.map((r) => r.thisDevice)).toEqual([false, true, false]);
    expect(rows[0]?.lastSeen).toBe('1 min ago');
    expect(sessionRows(rows, { deviceId: 'x', user: 'ANN', now: NOW }).map((r) => r.id)).toEqual(['c', 'a']);
  });
});
