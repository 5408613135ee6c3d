// @vitest-environment node
import type { Movement } from '@stockroom/shared/ledger/movement';
import { ledgerRoom } from '@stockroom/shared/sync/rooms';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log.ts';
import { MemoryUpdateStore } from '../storage/update-store.ts';
import { ServerWrite } from '../sync/room.ts';
import { RoomRegistry } from '../sync/room-registry.ts';
import { LedgerService } from './ledger-service.ts';
import { periodViewOf } from './period-view.ts';

const log = createLogger('silent');
const CLIENT = new ServerWrite('test-client');

function receipt(id: string, period: string, quantity: number, sku = 'BOLT'): Movement {
  return {
    id,
    type: 'receive',
    sku,
    location: 'BIN-1',
    quantity,
    user: 'ann',
    device: 'd1',
    at: `${period}-15T10:00:00.000Z`,
  };
}

describe('LedgerService opening balances', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  function setup(store = new MemoryUpdateStore(), now = '2025-03-10T00:00:00Z') {
    const rooms = new RoomRegistry({ store, log, idleMs: 60_000 });
    const ledger = new LedgerService(rooms, store, log, { debounceMs: 5, now: () => new Date(now) });
    cleanups.push(() => {
      ledger.close();
      rooms.closeAll(1001, 'test over');
    });
    return { rooms, ledger, store };
  }

  async function record(rooms: RoomRegistry, period: string, m: Movement) {
    await rooms.with(ledgerRoom(period), (room) => {
      room.transact(() => periodViewOf(room).ledger.movements.append(m), CLIENT);
    });
  }

  it('carries the previous period’s closing stock into a period when it is loaded', async () => {
    const { rooms, ledger } = setup();
    await record(rooms, '2025-01', receipt('m1', '2025-01', 5));
    await record(rooms, '2025-01', receipt('m2', '2025-01', 2, 'NUT'));
    const lines = await ledger.withPeriod('2025-02', (view) => view.ledger.opening()?.lines);
    expect(lines).toEqual([
      { sku: 'BOLT', location: 'BIN-1', quantity: 5 },
      { sku: 'NUT', location: 'BIN-1', quantity: 2 },
    ]);
    const opening = await ledger.withPeriod('2025-02', (view) => view.ledger.opening());
    expect(opening?.basedOn).toBe('2025-01');
  });

  it('skips months without any room', async () => {
    const { rooms, ledger } = setup();
    await record(rooms, '2024-11', receipt('m1', '2024-11', 7));
    const stock = await ledger.withPeriod('2025-03', (view) => view.stock().quantity('BOLT', 'BIN-1'));
    expect(stock).toBe(7);
  });

  it('recomputes later openings when a movement lands late in an earlier period, cascading forward', async () => {
    const { rooms, ledger } = setup();
    await record(rooms, '2025-01', receipt('m1', '2025-01', 5));
    await ledger.withPeriod('2025-02', () => {});
    await record(rooms, '2025-02', receipt('m2', '2025-02', 1));
    expect(await ledger.withPeriod('2025-03', (v) => v.stock().quantity('BOLT', 'BIN-1'))).toBe(6);

    // A device that was offline in January syncs its receipt now.
    await record(rooms, '2025-01', receipt('late', '2025-01', 10));
    for (let i = 0; i < 200; i++) {
      await ledger.settle('2025-02');
      await ledger.settle('2025-03');
      const march = await ledger.withPeriod('2025-03', (v) => v.stock().quantity('BOLT', 'BIN-1'));
      if (march === 16) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await ledger.withPeriod('2025-02', (v) => v.ledger.opening()?.lines[0]?.quantity)).toBe(15);
    expect(await ledger.withPeriod('2025-03', (v) => v.stock().quantity('BOLT', 'BIN-1'))).toBe(16);
  });

  it('does not write an opening that did not change', async () => {
    const { rooms, ledger, store } = setup();
    await record(rooms, '2025-01', receipt('m1', '2025-01', 5));
    await ledger.withPeriod('2025-02', () => {});
    const rows = store.load(ledgerRoom('2025-02')).length;
    await record(rooms, '2025-01', receipt('m1', '2025-01', 5)); // same id: no new event
    await ledger.settle('2025-02');
    await new Promise((r) => setTimeout(r, 30));
    await ledger.settle('2025-02');
    expect(store.load(ledgerRoom('2025-02')).length).toBe(rows);
  });

  it('writes nothing into an empty period with nothing to carry', async () => {
    const { ledger, store } = setup();
    await ledger.withPeriod('2025-03', (v) => expect(v.ledger.opening()).toBeNull());
    expect(store.rooms()).toEqual([]);
  });

  it('rewrites an opening a client tampered with', async () => {
    const { rooms, ledger } = setup();
    await record(rooms, '2025-01', receipt('m1', '2025-01', 5));
    await ledger.withPeriod('2025-02', (view, room) => {
      room.transact(
        () =>
          view.ledger.setOpening({
            period: '2025-02',
            basedOn: null,
            computedAt: new Date().toISOString(),
            lines: [],
          }),
        CLIENT,
      );
    });
    for (let i = 0; i < 100; i++) {
      const q = await ledger.withPeriod('2025-02', (v) => v.stock().quantity('BOLT', 'BIN-1'));
      if (q === 5) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await ledger.withPeriod('2025-02', (v) => v.stock().quantity('BOLT', 'BIN-1'))).toBe(5);
  });
});
