import { z } from 'zod';
import { Role } from '../session/session.ts';

/*
 * What the server's user and session routes answer (server/src/api/schemas.ts), validated
 * on arrival like every other boundary.
 */

export const UserRecord = z.object({
  username: z.string(),
  role: Role,
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UserRecord = z.infer<typeof UserRecord>;

export const SessionRecord = z.object({
  id: z.string(),
  username: z.string(),
  device: z.string(),
  address: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  connections: z.number().int().nonnegative(),
});
export type SessionRecord = z.infer<typeof SessionRecord>;

export const Ok = z.object({ ok: z.literal(true) });

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin — users and settings, everything else',
  manager: 'Manager — catalog, stocktakes, approvals',
  clerk: 'Clerk — receive, issue, transfer, adjust',
  counter: 'Counter — only the stocktakes assigned to them',
  viewer: 'Viewer — read-only',
};

export const ROLE_OPTIONS = Role.options.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
