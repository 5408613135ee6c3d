import { allOf, keyedById, type MapRule, parsed, stampedBy } from '../sync/write-rules.ts';
import { LotHold, mayHoldLots } from './lot-hold.ts';

/**
 * `lotHolds` in a ledger room: block and release events, appended by a manager or admin in
 * their own name and never edited or removed (a release is a new event). Clerks get a
 * writable ledger connection for movements; this map refuses them.
 */
export const lotHoldRule: MapRule = {
  mode: 'append',
  add(value, key, writer) {
    if (!mayHoldLots(writer.role)) return 'only managers block and release lots';
    const h = parsed(LotHold, value, 'lot hold');
    if ('refusal' in h) return h.refusal;
    return allOf(keyedById(value, key), stampedBy(value, writer));
  },
};
