import { AuditEntryView } from '@stockroom/shared/access/records';
import { revealControls } from '@stockroom/shared/text';
import { EMPTY_HISTORY_FILTER, type Route } from '../routing/route.ts';

/** One entry of GET /api/audit. */
export const AuditEntry = AuditEntryView;
export type AuditEntry = AuditEntryView;

export const PAGE_SIZE = 100;

/** The query string for one page of the trail, newest first; `before` pages back by id. */
export function auditQuery(filter: { user: string; subject: string }, before?: number): string {
  const q = new URLSearchParams();
  if (filter.user.trim()) q.set('user', filter.user.trim().toLowerCase());
  if (filter.subject.trim()) q.set('subject', filter.subject.trim());
  if (before !== undefined) q.set('before', String(before));
  q.set('limit', String(PAGE_SIZE));
  return `/api/audit?${q.toString()}`;
}

const ACTIONS: Record<string, string> = {
  'auth.login': 'Logged in',
  'auth.login_failed': 'Failed login',
  'auth.logout': 'Logged out',
  'auth.refresh_reused': 'Reused refresh token — session ended',
  'user.create': 'Created user',
  'user.update': 'Changed user',
  'session.revoke': 'Ended a session',
  'item.create': 'Created item',
  'item.update': 'Changed item',
  'location.create': 'Created location',
  'location.update': 'Changed location',
  'supplier.create': 'Created supplier',
  'supplier.update': 'Changed supplier',
  'movement.receive': 'Received (API)',
  'movement.issue': 'Issued (API)',
  'movement.transfer': 'Transferred (API)',
  'movement.adjust': 'Adjusted (API)',
  'stocktake.create': 'Created stocktake',
  'stocktake.start': 'Started stocktake',
  'stocktake.close': 'Closed stocktake',
  'stocktake.cancel': 'Cancelled stocktake',
  'stocktake.approve': 'Approved stocktake',
  'stocktake.count': 'Counted (API)',
  'stocktake.location.done': 'Location counted',
  'stocktake.location.recount': 'Recount asked',
  'export.json': 'Exported all data',
};

/** A readable action name; unknown actions are shown as the server wrote them. */
export function describeAction(action: string): string {
  return ACTIONS[action] ?? action;
}

/** Where the subject of an entry lives in the app, if anywhere. */
export function subjectRoute(subject: string | null): Route | null {
  if (!subject) return null;
  const colon = subject.indexOf(':');
  if (colon < 0) return null;
  const kind = subject.slice(0, colon);
  const key = subject.slice(colon + 1);
  if (!key) return null;
  switch (kind) {
    case 'item':
      return { name: 'item-edit', sku: key };
    case 'location':
      return { name: 'history', filter: { ...EMPTY_HISTORY_FILTER, location: key } };
    case 'user':
      return { name: 'audit', user: key, subject: '' };
    case 'stocktake':
      return { name: 'stocktake', id: key };
    default:
      return null;
  }
}

/** The audit link for a record: `#/audit?subject=item:SKU` etc. */
export function auditRoute(kind: 'item' | 'location' | 'user', key: string): Route {
  return kind === 'user'
    ? { name: 'audit', user: key, subject: '' }
    : { name: 'audit', user: '', subject: `${kind}:${key}` };
}

/**
 * Details as short `key: value` text (objects inline as JSON), never more than `max`
 * characters. Control and bidi control characters show as `⟨U+202E⟩`: the trail is where
 * someone looks for what was sent, and such a character must not re-order or hide it.
 */
export function formatDetails(details: unknown, max = 200): string {
  if (details === null || details === undefined) return '';
  let text: string;
  if (typeof details === 'object' && !Array.isArray(details)) {
    text = Object.entries(details as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
      .join(' · ');
  } else text = typeof details === 'string' ? details : JSON.stringify(details);
  text = revealControls(text);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
