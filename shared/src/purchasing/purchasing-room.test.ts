// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EventCollection } from '../event-collection.ts';
import { Movement } from '../ledger/movement.ts';
import type { Result } from '../result.ts';
import { onOrderBySku } from './order-fold.ts';
import { PurchasingRoom } from './purchasing-room.ts';
import { supplierPerformance } from './supplier-performance.ts';

const mia = { user: 'mia', device: 'desk' };
const clara = { user: 'clara', device: 'gun-1' };
const at = (day: string) => new Date(`2026-${day}T10:00:00.000Z`);

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.kind}: ${r.message}`);
  return r.value;
}

function setup() {
  const doc = new Y.Doc();
  const room = new PurchasingRoom(doc, 2026);
  const ledgerDoc = new Y.Doc();
  const ledger = new EventCollection(ledgerDoc, 'movements', Movement, 'ledger-2026-11');
  return { doc, room, ledgerDoc, ledger };
}

describe('purchase orders', () => {
  it('a receipt of a lot with its expiry puts the expiry on the stock movement', () => {
    const { room, ledger } = setup();
    const po = value(
      room.draft({ supplier: 'ACME', lines: [{ sku: 'GLUE', quantity: 5, unitCost: 2 }] }, { actor: mia }),
    );
    value(room.send(po.id, { actor: mia }));
    value(
      room.receive(
        po.id,
        'DN-9',
        [
          { line: '1', quantity: 2, location: 'A-1', lot: 'L-7', expiry: '2027-06-30' },
          // An expiry without a lot has nothing to belong to in the ledger.
        ],
        ledger,
        { actor: clara },
      ),
    );
    expect([...ledger.values()].map((m) => [m.lot, m.type === 'receive' ? m.expiry : null])).toEqual([
      ['L-7', '2027-06-30'],
    ]);
  });

  it('draft → sent → partially received → received → closed, with exact line figures', () => {
    const { room, ledger } = setup();
    const po = value(
      room.draft(
        {
          supplier: 'ACME',
          expectedAt: '2026-11-10',
          lines: [
            { sku: 'BOLT', quantity: 100, unitCost: 0.5 },
            { sku: 'NUT', quantity: 50, unitCost: 0.1 },
          ],
        },
        { actor: mia, now: at('11-01') },
      ),
    );
    expect(po).toMatchObject({ status: 'draft', number: null, total: 55 });
    expect(onOrderBySku([po])).toEqual(
      new Map([
        ['BOLT', 100],
        ['NUT', 50],
      ]),
    ); // drafts are on order
    expect(
      room.receive(po.id, 'DN-1', [{ line: '1', quantity: 1, location: 'A-1' }], ledger, { actor: clara }).ok,
    ).toBe(false); // not sent yet
    value(room.send(po.id, { actor: mia, now: at('11-02') }));
    const first = value(
      room.receive(po.id, 'DN-1', [{ line: '1', quantity: 60, location: 'A-1' }], ledger, {
        actor: clara,
        now: at('11-08'),
      }),
    );
    expect(first.order.status).toBe('partially_received');
    expect(first.order.lines[0]).toMatchObject({ received: 60, open: 40, net: 60 });
    const again = value(
      room.receive(po.id, 'DN-1', [{ line: '1', quantity: 60, location: 'A-1' }], ledger, { actor: clara }),
    );
    expect(again.alreadyPosted).toBe(true);
    expect([...ledger.values()]).toHaveLength(1);
    const over = room.receive(po.id, 'DN-2', [{ line: '1', quantity: 41, location: 'A-1' }], ledger, {
      actor: clara,
    });
    expect(over).toMatchObject({ ok: false, kind: 'conflict' });
    const done = value(
      room.receive(
        po.id,
        'DN-2',
        [
          { line: '1', quantity: 40, location: 'A-1' },
          { line: '2', quantity: 50, location: 'A-2', unitCost: 0.12 },
        ],
        ledger,
        { actor: clara, now: at('11-12') },
      ),
    );
    expect(done.order.status).toBe('received');
    expect(
      [...ledger.values()].map((m) => [m.type, m.sku, m.quantity, m.type === 'receive' && m.unitCost]),
    ).toEqual([
      ['receive', 'BOLT', 60, 0.5],
      ['receive', 'BOLT', 40, 0.5],
      ['receive', 'NUT', 50, 0.12],
    ]);
    const returned = value(
      room.returnGoods(
        po.id,
        'ret-1',
        [{ line: '2', quantity: 5, location: 'A-2', reason: 'damaged' }],
        ledger,
        {
          actor: clara,
        },
      ),
    );
    expect(returned.order.lines[1]).toMatchObject({ received: 50, returned: 5, net: 45, open: 5 });
    expect(returned.order.status).toBe('partially_received');
    expect(value(room.close(po.id, { actor: mia })).status).toBe('closed');
    expect(room.cancel(po.id, { actor: mia })).toMatchObject({ ok: false, kind: 'conflict' });
    expect(onOrderBySku(room.view().values()).size).toBe(0);

    const perf = supplierPerformance(room.view().values(), 'ACME');
    expect(perf.receipts).toBe(2);
    expect(perf.onTimeRate).toBe(0.5); // BOLT first came on the 8th (due the 10th), NUT on the 12th
    expect(perf.fillRate).toBeCloseTo((100 + 45) / 150, 10);
    expect(perf.meanLeadTimeDays).toBeCloseTo((6 + 10) / 2, 10);
  });

  it('only drafts change lines; an order without lines is not sent; a sent order without receipts may be cancelled', () => {
    const { room } = setup();
    const po = value(room.draft({ supplier: 'ACME', lines: [] }, { actor: mia }));
    expect(room.send(po.id, { actor: mia })).toMatchObject({ ok: false, kind: 'conflict' });
    value(room.setLine(po.id, null, { sku: 'BOLT', quantity: 5, unitCost: 1 }, { actor: mia }));
    value(room.setLine(po.id, '1', { sku: 'BOLT', quantity: 7, unitCost: 1 }, { actor: mia }));
    expect(room.order(po.id)!.lines).toMatchObject([{ line: '1', quantity: 7 }]);
    value(room.send(po.id, { actor: mia }));
    expect(room.setLine(po.id, '1', { sku: 'BOLT', quantity: 9, unitCost: 1 }, { actor: mia }).ok).toBe(
      false,
    );
    expect(value(room.cancel(po.id, { actor: mia })).status).toBe('cancelled');
  });

  it('one delivery posted on several replicas in any order and with duplicates counts once; two deliveries twice', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            replica: fc.nat(2),
            delivery: fc.constantFrom('DN-1', 'DN-2'),
            qty: fc.integer({ min: 1, max: 9 }),
          }),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        fc.array(fc.nat(2), { minLength: 3, maxLength: 20 }),
        (posts, syncOrder) => {
          const origin = new Y.Doc();
          const base = new PurchasingRoom(origin, 2026);
          const po = value(
            base.draft(
              { supplier: 'ACME', lines: [{ sku: 'BOLT', quantity: 1000, unitCost: 1 }] },
              { actor: mia },
            ),
          );
          value(base.send(po.id, { actor: mia }));
          const replicas = [0, 1, 2].map(() => {
            const doc = new Y.Doc();
            Y.applyUpdate(doc, Y.encodeStateAsUpdate(origin));
            const ledgerDoc = new Y.Doc();
            return {
              doc,
              room: new PurchasingRoom(doc, 2026),
              ledgerDoc,
              ledger: new EventCollection(ledgerDoc, 'movements', Movement, 'ledger-2026-11'),
            };
          });
          // The first post of each delivery decides its quantity (what a device sends first).
          const firstQty = new Map<string, number>();
          for (const p of posts) {
            const r = replicas[p.replica]!;
            if (!firstQty.has(p.delivery)) firstQty.set(p.delivery, p.qty);
            const q = firstQty.get(p.delivery)!;
            value(
              r.room.receive(po.id, p.delivery, [{ line: '1', quantity: q, location: 'A-1' }], r.ledger, {
                actor: clara,
              }),
            );
          }
          for (const i of [...syncOrder, 0, 1, 2, 0, 1, 2]) {
            const from = replicas[i]!;
            for (const to of replicas) {
              Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc));
              Y.applyUpdate(to.ledgerDoc, Y.encodeStateAsUpdate(from.ledgerDoc));
            }
          }
          const expected = [...firstQty.values()].reduce((a, b) => a + b, 0);
          for (const r of replicas) {
            expect(r.room.order(po.id)!.lines[0]!.received).toBe(expected);
            expect([...r.ledger.values()].reduce((n, m) => n + m.quantity, 0)).toBe(expected);
          }
        },
      ),
      { numRuns: 100, seed: 9 },
    );
  });
});
