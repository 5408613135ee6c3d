import { summarize } from '@stockroom/shared/stocktake/summary';
import { count, data, done, recount, verify } from '@stockroom/shared/stocktake/test-fixtures';
import { describe, expect, it } from 'vitest';
import { assignmentFor, assignmentsText } from './assignment.ts';

const at = (minutes: number) =>
  new Date(Date.parse('2026-03-10T08:00:00.000Z') + minutes * 60_000).toISOString();

/** A-1 counted by Alice in round 1, then whatever else happened there. */
function progress(more: Parameters<typeof data>[0] = {}) {
  const s = summarize(
    data({
      entries: [count({ quantity: 5 }), ...(more.entries ?? [])],
      locationEvents: [done(), ...(more.locationEvents ?? [])],
    }),
  );
  return s.locations.find((l) => l.location === 'A-1')!;
}

describe('what waits for a counter', () => {
  it('a verification assigned to me, until I finish it', () => {
    const asked = progress({ locationEvents: [verify(1, { assignee: 'bob' })] });
    expect(assignmentFor(asked, 'bob')).toBe('verify');
    expect(assignmentFor(asked, 'cat')).toBeNull();
    const finished = progress({
      entries: [count({ user: 'bob', round: 2, quantity: 5 })],
      locationEvents: [verify(1, { assignee: 'bob' }), done({ user: 'bob', round: 2, at: at(30) })],
    });
    expect(finished.verification).toBe('agrees');
    expect(assignmentFor(finished, 'bob')).toBeNull();
  });

  it('a recount assigned to me; not the closed round of a verification that disagreed', () => {
    expect(assignmentFor(progress({ locationEvents: [recount({ assignee: 'bob' })] }), 'bob')).toBe(
      'recount',
    );
    const disagreed = progress({
      entries: [count({ user: 'bob', round: 2, quantity: 4 })],
      locationEvents: [verify(1, { assignee: 'bob' }), done({ user: 'bob', round: 2, at: at(30) })],
    });
    expect(disagreed.status).toBe('recount');
    expect(assignmentFor(disagreed, 'bob')).toBeNull();
  });

  it('says what is waiting in words', () => {
    expect(assignmentsText(['recount'])).toBe('A recount is waiting for you');
    expect(assignmentsText(['verify', 'verify'])).toBe('2 verifications are waiting for you');
    expect(assignmentsText(['verify', 'recount'])).toBe('2 recounts or verifications are waiting for you');
  });
});
