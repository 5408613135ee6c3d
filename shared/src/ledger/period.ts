/** Ledger periods are calendar months in UTC: `YYYY-MM`. */
export function periodOf(at: Date | string): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function previousPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function nextPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** How far back a movement may be dated (an API client or clerk recording what really happened). */
export const MAX_BACKDATE_DAYS = 400;

/**
 * The ledger periods a writer may create a room for at `now`: from the month of the
 * earliest allowed back-dated movement to next month (a device whose clock runs a little
 * ahead at a month end). Anything else is refused, so nobody can make the server store
 * rooms for 2031 or 9999 (each would get an opening balance written and kept up to date).
 */
export function writablePeriods(now: Date): { from: string; to: string } {
  const from = periodOf(new Date(now.getTime() - MAX_BACKDATE_DAYS * 86_400_000));
  return { from, to: nextPeriod(periodOf(now)) };
}
