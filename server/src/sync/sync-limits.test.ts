import { describe, expect, it } from 'vitest';
import { connectionRefusal, DEFAULT_SYNC_LIMITS } from './sync-limits.ts';

describe('connectionRefusal', () => {
  const limits = { ...DEFAULT_SYNC_LIMITS, maxPerSession: 2, maxPerUser: 3, maxTotal: 10 };

  it('admits below every limit', () => {
    expect(connectionRefusal({ total: 9, ofSession: 1, ofUser: 2 }, limits)).toBeNull();
  });

  it('names the limit that trips: device 429, user 429, server 503', () => {
    expect(connectionRefusal({ total: 5, ofSession: 2, ofUser: 2 }, limits)).toEqual({
      status: 429,
      why: 'too_many_rooms_for_this_device',
      limit: 2,
    });
    expect(connectionRefusal({ total: 5, ofSession: 1, ofUser: 3 }, limits)).toEqual({
      status: 429,
      why: 'too_many_connections_for_this_user',
      limit: 3,
    });
    expect(connectionRefusal({ total: 10, ofSession: 0, ofUser: 0 }, limits)).toEqual({
      status: 503,
      why: 'server_full',
      limit: 10,
    });
  });
});
