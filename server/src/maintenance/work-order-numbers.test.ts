// @vitest-environment node
import { WorkOrdersRoom } from '@stockroom/shared/maintenance/work-orders-room';
import { workOrdersRoom } from '@stockroom/shared/sync/rooms';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../log.ts';
import { MemoryUpdateStore } from '../storage/update-store.ts';
import { RoomRegistry } from '../sync/room-registry.ts';
import { withWorkOrders } from './maintenance-rooms.ts';
import { WorkOrderNumbers } from './work-order-numbers.ts';

const log = createLogger('silent');

/** A device's offline copy: work orders created there, then merged into the server's room. */
function deviceOrders(titles: string[], at: string[]): Uint8Array {
  const doc = new Y.Doc();
  const w = new WorkOrdersRoom(doc, 2026);
  titles.forEach((title, i) => {
    const r = w.create(
      { asset: 'PRESS-1', title },
      { actor: { user: 'mia', device: 'd1' }, now: new Date(at[i]!) },
    );
    if (!r.ok) throw new Error(r.message);
  });
  return Y.encodeStateAsUpdate(doc);
}

describe('WorkOrderNumbers', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  function setup(store = new MemoryUpdateStore()) {
    const rooms = new RoomRegistry({ store, log, idleMs: 60_000 });
    const numbers = new WorkOrderNumbers(rooms, log);
    cleanups.push(() => rooms.closeAll(1001, 'test over'));
    return { rooms, numbers, store };
  }

  it('numbers work orders from two offline devices in creation order, each once, never renumbering', async () => {
    const { rooms, numbers } = setup();
    const a = deviceOrders(['A1', 'A2'], ['2026-02-01T10:00:00Z', '2026-02-01T12:00:00Z']);
    const b = deviceOrders(['B1'], ['2026-02-01T11:00:00Z']);
    const titles = await withWorkOrders(rooms, 2026, async (w, room) => {
      Y.applyUpdate(room.doc, a, 'device-a');
      Y.applyUpdate(room.doc, b, 'device-b');
      await new Promise((r) => setTimeout(r, 0)); // the numbering runs in a microtask after the merge
      expect(numbers.number(room)).toBe(0);
      return [...w.view().values()].map((o) => [o.title, o.number]).sort();
    });
    expect(titles).toEqual([
      ['A1', 'WO-2026-0001'],
      ['A2', 'WO-2026-0003'],
      ['B1', 'WO-2026-0002'],
    ]);
    // A later one continues after the highest; the numbers given stay.
    const more = deviceOrders(['C1'], ['2026-01-01T00:00:00Z']);
    const after = await withWorkOrders(rooms, 2026, async (w, room) => {
      Y.applyUpdate(room.doc, more, 'device-c');
      await new Promise((r) => setTimeout(r, 0));
      return [...w.view().values()].map((o) => [o.title, o.number]).sort();
    });
    expect(after).toEqual([
      ['A1', 'WO-2026-0001'],
      ['A2', 'WO-2026-0003'],
      ['B1', 'WO-2026-0002'],
      ['C1', 'WO-2026-0004'],
    ]);
  });

  it('numbers what arrived while the server was not looking when the room loads', async () => {
    const store = new MemoryUpdateStore();
    store.append(workOrdersRoom(2027), deviceOrders(['X'], ['2027-01-05T00:00:00Z']));
    const { rooms } = setup(store);
    const numbered = await withWorkOrders(rooms, 2027, (w) => [...w.view().values()].map((o) => o.number));
    expect(numbered).toEqual(['WO-2027-0001']);
  });
});
