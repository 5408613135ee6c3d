import { AuditEntryView, SessionView, UserView } from '@stockroom/shared/access/records';
import { MovementRequest } from '@stockroom/shared/ledger/movement';
import { z } from 'zod';
import { Permission, Role } from '../auth/permissions.ts';
import { NewPassword, Username } from '../auth/users.ts';

/** Request and response shapes that belong to the API itself (the domain's live in shared/). */

export const Health = z.object({ ok: z.literal(true) });
export const Ok = z.object({ ok: z.literal(true) });

export const LoginRequest = z.object({
  username: z.string({ error: 'is required' }).trim().toLowerCase().min(1, 'is required').max(64),
  password: z.string({ error: 'is required' }).min(1, 'is required').max(256),
  /** A stable name or id of the device, stamped on everything it records. */
  device: z.string().trim().min(1).max(64).optional(),
});

export const UserSummary = z.object({ username: z.string(), role: Role });

/**
 * `token` is the short-lived access token (API bearer and sync `?token=`); `refreshToken`
 * gets a new pair from POST /api/auth/refresh before `expiresAt`, and is itself replaced
 * by every refresh.
 */
export const LoginResponse = z.object({
  token: z.string(),
  refreshToken: z.string(),
  /** When `token` expires (ISO 8601). */
  expiresAt: z.string(),
  /** When the session ends unless refreshed before (ISO 8601). */
  refreshExpiresAt: z.string(),
  user: UserSummary,
});

export const RefreshRequest = z.object({
  refreshToken: z.string({ error: 'is required' }).min(1, 'is required').max(256),
});

export const Me = z.object({
  username: z.string(),
  role: Role,
  device: z.string(),
  permissions: z.array(Permission),
});

export const UserCreate = z.object({
  username: Username,
  password: NewPassword,
  role: Role,
});

export const UserPatch = z
  .object({ role: Role, active: z.boolean(), password: NewPassword })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');

export const MovementOptions = z.object({
  /** Record an issue/transfer/negative adjustment even when stock on hand is short. */
  allowNegative: z.boolean().optional(),
  /** The client's id for this submission: retrying with the same id records the movement once. */
  requestId: z.string().trim().min(1).max(128).optional(),
});

export const MovementPost = z.intersection(MovementRequest, MovementOptions);

export const StockLineView = z.object({
  sku: z.string(),
  location: z.string(),
  lot: z.string().optional(),
  quantity: z.number(),
});

export const Period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM');

export { AuditEntryView, SessionView, UserView };
