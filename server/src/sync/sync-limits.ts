/**
 * What one client may use of the sync server. A hostile or broken client trips a limit and
 * is closed or refused with a clear code and a log line; everybody else carries on.
 */
export interface SyncLimits {
  /** Largest message (bytes); a bigger one closes the connection with 4413. */
  maxMessageBytes: number;
  /** Per-connection token bucket (messages): over it, the connection is closed with 4429. */
  ratePerSec: number;
  burst: number;
  /** Open connections (one room each) per device session and per user: more are refused with HTTP 429. */
  maxPerSession: number;
  maxPerUser: number;
  /** Open connections in total: more are refused with HTTP 503. */
  maxTotal: number;
}

export const DEFAULT_SYNC_LIMITS: SyncLimits = {
  maxMessageBytes: 16 * 1024 * 1024,
  ratePerSec: 100,
  burst: 1000,
  maxPerSession: 64,
  maxPerUser: 128,
  maxTotal: 10_000,
};

export interface OpenCounts {
  total: number;
  ofSession: number;
  ofUser: number;
}

/** Whether one more connection fits; the refusal names the limit for the log and the client. */
export function connectionRefusal(
  open: OpenCounts,
  limits: SyncLimits,
): { status: 429 | 503; why: string; limit: number } | null {
  if (open.total >= limits.maxTotal) return { status: 503, why: 'server_full', limit: limits.maxTotal };
  if (open.ofSession >= limits.maxPerSession)
    return { status: 429, why: 'too_many_rooms_for_this_device', limit: limits.maxPerSession };
  if (open.ofUser >= limits.maxPerUser)
    return { status: 429, why: 'too_many_connections_for_this_user', limit: limits.maxPerUser };
  return null;
}
