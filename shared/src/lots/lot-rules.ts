import type { Movement } from '../ledger/movement.ts';
import { type Failure, failure } from '../result.ts';
import { isExpired } from './fefo.ts';
import { type LotRecord, lotKey } from './lot-records.ts';

/**
 * What the lot records say about a movement about to be recorded, where someone can still
 * be told (the API, a form): a blocked lot is not issued; an expired one only with a reason;
 * a receipt does not restate a lot's expiry differently. Offline devices can still race
 * past these; the records then surface the conflict (lot-records.ts), they never hide it.
 */
export function lotMovementProblem(
  lots: ReadonlyMap<string, LotRecord>,
  m: Movement,
  today: string,
): Failure | null {
  if (!m.lot) return null;
  const lot = lots.get(lotKey(m.sku, m.lot));
  if (!lot) return null;
  if (m.type === 'issue' && lot.blocked) {
    const why = lot.hold?.reason ? ` (${lot.hold.reason})` : '';
    return failure('conflict', `lot ${m.lot} of ${m.sku} is blocked${why}: release it before issuing`, 'lot');
  }
  if (m.type === 'issue' && isExpired(lot, today) && !m.reason) {
    return failure(
      'invalid',
      `lot ${m.lot} of ${m.sku} expired on ${lot.expiry}: give a reason to issue it`,
      'reason',
    );
  }
  if (m.type === 'receive' && m.expiry && lot.expiry && m.expiry !== lot.expiry) {
    return failure(
      'conflict',
      `lot ${m.lot} of ${m.sku} already expires on ${lot.expiry}: a lot has one expiry (receive it as another lot, or leave the expiry out)`,
      'expiry',
    );
  }
  return null;
}
