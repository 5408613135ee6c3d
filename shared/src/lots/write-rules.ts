import { allOf, keyedById, type MapRule, parsed, stampedBy } from '../sync/write-rules.ts';
import { ExpiryDecision } from './expiry-decision.ts';
import { LotHold, mayHoldLots } from './lot-hold.ts';

/**
 * `lotHolds` in a ledger room: managers' decisions about lots — block and release events,
 * and which expiry a lot keeps when receipts disagree (expiry-decision.ts) — appended by a
 * manager or admin in their own name and never edited or removed (a release, or a second
 * decision, is a new event). Clerks get a writable ledger connection for movements; this map
 * refuses them.
 */
export const lotHoldRule: MapRule = {
  mode: 'append',
  add(value, key, writer) {
    if (!mayHoldLots(writer.role)) return 'only managers block and release lots';
    const isDecision = (value as { action?: unknown } | null)?.action === 'expiry';
    const h = isDecision
      ? parsed(ExpiryDecision, value, 'expiry decision')
      : parsed(LotHold, value, 'lot hold');
    if ('refusal' in h) return h.refusal;
    return allOf(keyedById(value, key), stampedBy(value, writer));
  },
};
