import { z } from 'zod';
import { identifier, text } from '../text.ts';

/** Who and which device: the same limits as the ledger's stamp. */
export const UserId = identifier(64);
export const DeviceId = identifier(64);
export const EventId = identifier(64);

/** Stamped on every stocktake event except count entries (those carry a session, see session.ts). */
export const stamp = {
  id: EventId,
  user: UserId,
  device: DeviceId,
  at: z.iso.datetime(),
};

/** A count round at a location: 1 is the first count, later rounds are recounts or verifications. */
export const Round = z.number().int().min(1).max(1000);

/** Lot or serial number, as in the ledger. */
export const Lot = text({ max: 64, required: 'must not be empty' });

/** Why a manager changed something (cancelled, recounted…): free text, several lines allowed. */
export const Reason = text({ max: 500, multiline: true });

/** Deterministic total order for events: time, then id (ties between devices are broken by id). */
export function byTimeThenId(a: { at: string; id: string }, b: { at: string; id: string }): number {
  // Our own times are all toISOString() (24 characters, UTC): those compare as text, which is
  // what keeps sorting 20,000 scans cheap. Anything else is parsed: "…:00Z" and "…:00.000Z"
  // are the same instant.
  const byTime =
    a.at.length === 24 && b.at.length === 24 && a.at.endsWith('Z') && b.at.endsWith('Z')
      ? compareText(a.at, b.at)
      : Date.parse(a.at) - Date.parse(b.at);
  return byTime || compareText(a.id, b.id);
}

/** Plain code-unit comparison: localeCompare can differ between browser and server. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
