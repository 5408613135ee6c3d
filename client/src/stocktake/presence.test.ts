import { describe, expect, it } from 'vitest';
import { presenceList } from './presence.ts';

const p = (user: string, device: string, location: string | null, since: string) => ({
  presence: { user, device, location, role: 'counter', since },
});

describe('presenceList', () => {
  it('lists valid presence states once per user and device, the latest tab winning', () => {
    const states = new Map<number, unknown>([
      [1, p('bob', 'phone-b', 'B1', '2026-03-10T08:00:00.000Z')],
      [2, p('alice', 'phone-a', 'B2', '2026-03-10T08:01:00.000Z')],
      [3, p('bob', 'phone-b', 'B3', '2026-03-10T08:05:00.000Z')],
      [4, {}],
      [5, null],
      [
        6,
        { presence: { user: 'mallory', device: 'x', location: 'not a code!', role: 'counter', since: 'x' } },
      ],
    ]);
    expect(presenceList(states).map((x) => [x.user, x.location])).toEqual([
      ['alice', 'B2'],
      ['bob', 'B3'],
    ]);
  });
});
