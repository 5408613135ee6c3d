import { z } from 'zod';
import { causeId } from '../ids.ts';
import { DeviceId, UserId } from './stamp.ts';

export const SessionId = z.string().regex(/^[A-Za-z0-9_-]{8}$/, 'must be 8 letters, digits, _ or -');

/**
 * Who counts on which device. Count entries name their session (8 characters) instead of
 * repeating user and device in every scan: it keeps a scan near 55 bytes in the room.
 * The id is derived from user and device, so every tab and every reload of one device
 * reuses the same session, and one session id can only ever mean one user and device.
 */
export const Session = z
  .object({ id: SessionId, user: UserId, device: DeviceId })
  .refine((s) => s.id === sessionId(s.user, s.device), { message: 'id does not match user and device' });
export type Session = z.infer<typeof Session>;

/** 48 bits of a hash of user and device: collisions are negligible for the sessions of one stocktake. */
export function sessionId(user: string, device: string): string {
  return causeId('count-session', user, device).slice(0, 8);
}
