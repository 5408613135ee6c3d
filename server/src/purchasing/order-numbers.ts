import type { Logger } from '../log.ts';
import type { Room } from '../sync/room.ts';
import { ServerWrite } from '../sync/room.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';
import { purchasingOf } from './purchasing-rooms.ts';

const NUMBERING = new ServerWrite('po-number');

/**
 * Purchase order numbers (PO-2026-0001) are not a CRDT: two offline devices must never mint
 * the same one. A draft has its unique id from the start; the server numbers it as soon as
 * it sees it — in the order the orders were created (time, then id), one after the highest
 * number of that year — and the number never changes. One server process writes them (on
 * several nodes, a per-room advisory lock would fence this).
 */
export class OrderNumbers {
  constructor(
    registry: RoomRegistry,
    private readonly log: Logger,
  ) {
    registry.onLoad((room) => {
      if (room.ref.kind !== 'purchasing') return;
      this.number(room);
      purchasingOf(room).orders.onChange((added) => {
        if (added.length) queueMicrotask(() => this.number(room));
      });
    });
  }

  /** Numbers every order of the room that has none yet; returns how many it numbered. */
  number(room: Room): number {
    if (room.ref.kind !== 'purchasing' || room.failed) return 0;
    const year = room.ref.year;
    const p = purchasingOf(room);
    const missing = [...p.orders.values()]
      .filter((o) => !p.numbers.has(o.id))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (!missing.length) return 0;
    let highest = 0;
    for (const raw of p.numbers.values()) {
      const m = /^PO-\d{4}-(\d+)$/.exec((raw as { number?: string })?.number ?? '');
      if (m) highest = Math.max(highest, Number(m[1]));
    }
    try {
      room.transact(() => {
        for (const o of missing) p.setNumber(o.id, `PO-${year}-${String(++highest).padStart(4, '0')}`);
      }, NUMBERING);
    } catch (error) {
      this.log.error('numbering purchase orders failed', { room: room.name, error });
      return 0;
    }
    return missing.length;
  }
}
