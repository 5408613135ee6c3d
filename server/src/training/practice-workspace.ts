import type { Actor } from '@stockroom/shared/actor';
import { Catalog } from '@stockroom/shared/catalog/catalog';
import { LedgerPeriod } from '@stockroom/shared/ledger/ledger-period';
import { CATALOG_ROOM, ledgerRoom, parseRoom, practiceRoom } from '@stockroom/shared/sync/rooms';
import { DEMO_AUTHOR, DEMO_ITEMS, DEMO_LOCATIONS, DEMO_STOCK } from '@stockroom/shared/training/demo-data';
import type * as Y from 'yjs';
import type { Room } from '../sync/room.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';

const DEMO: Actor = { user: DEMO_AUTHOR, device: 'server' };

/** The practice catalog of a loaded `practice-catalog` room (built once per load). */
export function practiceCatalogOf(room: Room): Catalog {
  return room.attachment(
    'practice-catalog',
    (doc) => new Catalog(doc),
    (c) => c.destroy(),
  );
}

/** A loaded `practice-ledger-YYYY-MM` room seen as a ledger period. */
export function practiceLedgerOf(room: Room, period: string): LedgerPeriod {
  return room.attachment(
    'practice-ledger',
    (doc) => new LedgerPeriod(doc, period),
    (l) => l.destroy(),
  );
}

/**
 * The practice workspace's rooms on the server: seeded with the demo warehouse when a device
 * switches to practice (the catalog's missing demo records, the month's opening stock), and
 * wiped and seeded again when a manager resets it. Real rooms are never opened here.
 */
export class PracticeWorkspace {
  constructor(
    private readonly registry: RoomRegistry,
    private readonly storedRooms: () => string[],
  ) {}

  /** Makes sure the demo data is there for this month (idempotent; cheap once seeded). */
  async ensure(period: string, now = new Date()): Promise<void> {
    await this.registry.with(practiceRoom(CATALOG_ROOM), (room) => {
      const catalog = practiceCatalogOf(room);
      room.write(() => {
        for (const l of DEMO_LOCATIONS)
          if (!catalog.locations.exists(l.code)) catalog.createLocation(l, DEMO, now);
        for (const i of DEMO_ITEMS) if (!catalog.items.exists(i.sku)) catalog.createItem(i, DEMO, now);
      });
    });
    // Each practice month starts from the demo stock: practice carries nothing forward.
    await this.registry.with(practiceRoom(ledgerRoom(period)), (room) => {
      const ledger = practiceLedgerOf(room, period);
      if (ledger.meta.has('opening')) return;
      room.write(() =>
        ledger.setOpening({ period, basedOn: null, computedAt: now.toISOString(), lines: DEMO_STOCK }),
      );
    });
  }

  /** Empties every practice room (what trainees recorded goes), then seeds the demo data again. */
  async reset(period: string, now = new Date()): Promise<string[]> {
    const names = new Set(this.storedRooms().filter((n) => parseRoom(n)?.kind === 'practice'));
    for (const name of this.registry.loadedNames()) if (parseRoom(name)?.kind === 'practice') names.add(name);
    for (const name of names) await this.registry.with(name, (room) => room.write(() => clear(room.doc)));
    await this.ensure(period, now);
    return [...names].sort();
  }
}

/** Deletes every entry of every top-level map (devices get the deletions like any change). */
function clear(doc: Y.Doc): void {
  doc.transact(() => {
    for (const name of [...doc.share.keys()]) {
      const map = doc.getMap(name);
      for (const key of [...map.keys()]) map.delete(key);
    }
  });
}
