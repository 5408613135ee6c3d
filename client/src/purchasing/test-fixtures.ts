import { EventCollection } from '@stockroom/shared/event-collection';
import { Movement } from '@stockroom/shared/ledger/movement';
import { PurchasingRoom } from '@stockroom/shared/purchasing/purchasing-room';
import * as Y from 'yjs';

/** Test fixtures: a purchasing room and a ledger, with one sent order (BOLT × 10, NUT × 20). */
export const manager = { user: 'maria', device: 'desk' };
export const clerk = { user: 'ann', device: 'gun-1' };
export const day = (d: string) => new Date(`2026-${d}T10:00:00.000Z`);

export function sentOrder(
  lines = [
    { sku: 'BOLT', quantity: 10, unitCost: 0.5 },
    { sku: 'NUT', quantity: 20, unitCost: 0.1 },
  ],
) {
  const room = new PurchasingRoom(new Y.Doc(), 2026);
  const ledger = new EventCollection(new Y.Doc(), 'movements', Movement, 'ledger-2026-03');
  const drafted = room.draft(
    { supplier: 'ACME', expectedAt: '2026-03-10', lines },
    { actor: manager, now: day('03-01') },
  );
  if (!drafted.ok) throw new Error(drafted.message);
  const sent = room.send(drafted.value.id, { actor: manager, now: day('03-02') });
  if (!sent.ok) throw new Error(sent.message);
  return { room, ledger, id: drafted.value.id, order: () => room.order(drafted.value.id, day('03-05'))! };
}
