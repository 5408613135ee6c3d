import { z } from 'zod';
import { Role } from './role.ts';

/*
 * What the server's user, session and audit routes answer: written by the server, validated
 * on arrival by the client. One definition for both sides of the wire.
 */

export const UserView = z.object({
  username: z.string(),
  role: Role,
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UserView = z.infer<typeof UserView>;

export const SessionView = z.object({
  id: z.string(),
  username: z.string(),
  device: z.string(),
  address: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  /** Open sync connections of this session right now. */
  connections: z.number().int().nonnegative(),
});
export type SessionView = z.infer<typeof SessionView>;

export const AuditEntryView = z.object({
  id: z.number().int(),
  at: z.string(),
  user: z.string().nullable(),
  device: z.string().nullable(),
  action: z.string(),
  subject: z.string().nullable(),
  details: z.unknown(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;
