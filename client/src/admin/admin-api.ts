import { SessionView, UserView } from '@stockroom/shared/access/records';
import { z } from 'zod';
import { Role } from '../session/session.ts';

/*
 * What the server's user and session routes answer (server/src/api/schemas.ts), validated
 * on arrival like every other boundary.
 */

export const UserRecord = UserView;
export type UserRecord = UserView;

export const SessionRecord = SessionView;
export type SessionRecord = SessionView;

export const Ok = z.object({ ok: z.literal(true) });

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin — users and settings, everything else',
  manager: 'Manager — catalog, stocktakes, approvals',
  clerk: 'Clerk — receive, issue, transfer, adjust',
  counter: 'Counter — only the stocktakes assigned to them',
  technician: 'Technician — work orders: issue and return their parts',
  viewer: 'Viewer — read-only',
};

export const ROLE_OPTIONS = Role.options.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
