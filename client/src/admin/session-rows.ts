import type { SessionRecord } from './admin-api.ts';

export interface SessionRow extends SessionRecord {
  /** The session this very device is logged in with. */
  thisDevice: boolean;
  lastSeen: string;
}

/** "just now", "5 min ago", "3 h ago", "2 days ago": how long since an ISO time. */
export function timeAgo(iso: string, now: number): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

/**
 * Sessions for the devices screen: most recently seen first, this device marked (the app
 * names its sessions after its device id), an optional filter by user.
 */
export function sessionRows(
  sessions: readonly SessionRecord[],
  options: { deviceId: string; user?: string; now: number },
): SessionRow[] {
  const user = options.user?.trim().toLowerCase();
  return sessions
    .filter((s) => !user || s.username === user)
    .map((s) => ({
      ...s,
      thisDevice: s.device === options.deviceId,
      lastSeen: timeAgo(s.lastSeenAt, options.now),
    }))
    .sort((a, b) => Date.parse(b.lastSeenAt) - Date.parse(a.lastSeenAt) || a.id.localeCompare(b.id));
}
