import { Code } from '@stockroom/shared/catalog/codes';
import { compareText, DeviceId, UserId } from '@stockroom/shared/stocktake/stamp';
import { z } from 'zod';

/**
 * What a device tells everyone in a stocktake room while it is connected (Yjs awareness:
 * never stored). Awareness states come from any client, so they are parsed like every
 * other input and ignored when they do not fit.
 */
export const Presence = z.object({
  user: UserId,
  device: DeviceId,
  /** The location being counted, or null (choosing one, or watching as a manager). */
  location: Code.nullable(),
  role: z.enum(['counter', 'manager']),
  since: z.iso.datetime(),
});
export type Presence = z.infer<typeof Presence>;

/** Everyone present, once per user and device (a second tab of a device shows once), sorted by user. */
export function presenceList(states: ReadonlyMap<number, unknown>): Presence[] {
  const byDevice = new Map<string, Presence>();
  for (const state of states.values()) {
    const parsed = Presence.safeParse((state as { presence?: unknown } | null)?.presence);
    if (!parsed.success) continue;
    const p = parsed.data;
    const key = `${p.user}\u001f${p.device}`;
    const seen = byDevice.get(key);
    if (!seen || p.since > seen.since) byDevice.set(key, p); // the tab used last
  }
  return [...byDevice.values()].sort(
    (a, b) => compareText(a.user, b.user) || compareText(a.device, b.device),
  );
}
