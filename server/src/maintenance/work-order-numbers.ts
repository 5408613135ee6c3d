import { formatWorkOrderNumber } from '@stockroom/shared/maintenance/work-order';
import type { Logger } from '../log.ts';
import type { Room } from '../sync/room.ts';
import { ServerWrite } from '../sync/room.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';
import { workOrdersOf } from './maintenance-rooms.ts';

const NUMBERING = new ServerWrite('wo-number');
const NUMBER = /^WO-\d{4}-(\d+)$/;

/**
 * Work order numbers (WO-2026-0001) are not a CRDT: two offline devices must never mint the
 * same one. A work order has its unique id from the start (random, or derived from its
 * schedule and due day); the server numbers it as soon as it sees it — in the order the work
 * orders were created (time, then id), one after the highest number of that year's room —
 * and the number never changes (`numbers` is written by the server only: write-rules.ts).
 * One server process writes them (on several nodes, a per-room advisory lock would fence this).
 */
export class WorkOrderNumbers {
  constructor(
    registry: RoomRegistry,
    private readonly log: Logger,
  ) {
    registry.onLoad((room) => {
      if (room.ref.kind !== 'work-orders') return;
      this.number(room);
      workOrdersOf(room).orders.onChange((added) => {
        if (added.length) queueMicrotask(() => this.number(room));
      });
    });
  }

  /** Numbers every work order of the room that has none yet; returns how many it numbered. */
  number(room: Room): number {
    if (room.ref.kind !== 'work-orders' || room.failed) return 0;
    const year = room.ref.year;
    const w = workOrdersOf(room);
    const missing = [...w.orders.values()]
      .filter((o) => !w.numbers.has(o.id))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (!missing.length) return 0;
    let highest = 0;
    for (const raw of w.numbers.values()) {
      const m = NUMBER.exec((raw as { number?: string })?.number ?? '');
      if (m) highest = Math.max(highest, Number(m[1]));
    }
    try {
      room.transact(() => {
        for (const o of missing) w.setNumber(o.id, formatWorkOrderNumber(year, ++highest));
      }, NUMBERING);
    } catch (error) {
      this.log.error('numbering work orders failed', { room: room.name, error });
      return 0;
    }
    return missing.length;
  }
}
