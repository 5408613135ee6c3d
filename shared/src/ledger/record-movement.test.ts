// @vitest-environment node
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Catalog } from '../catalog/catalog.ts';
import { causeId } from '../ids.ts';
import type { Result } from '../result.ts';
import type { Movement } from './movement.ts';
import { type MovementContext, prepareMovement } from './record-movement.ts';
import { StockFold } from './stock.ts';

const ann = { user: 'ann', device: 'scanner-1' };
const now = new Date('2024-05-03T08:30:00.000Z');

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.kind}: ${result.message}`);
  return result.value;
}
function failed<T>(result: Result<T>) {
  if (result.ok) throw new Error('expected a failure');
  return result;
}

function setup() {
  const catalog = new Catalog(new Y.Doc());
  value(catalog.createLocation({ code: 'S', kind: 'site' }, ann, now));
  value(catalog.createLocation({ code: 'A', kind: 'bin', parent: 'S' }, ann, now));
  value(catalog.createLocation({ code: 'B', kind: 'bin', parent: 'S' }, ann, now));
  value(catalog.createItem({ sku: 'BOLT', name: 'Bolt', unit: 'ea' }, ann, now));
  value(catalog.createItem({ sku: 'RESIN', name: 'Resin', unit: 'kg', tracking: 'lot' }, ann, now));
  value(catalog.createItem({ sku: 'DRILL', name: 'Drill', tracking: 'serial' }, ann, now));
  value(catalog.createItem({ sku: 'OLD', name: 'Old part' }, ann, now));
  value(catalog.patchItem('OLD', { active: false }));
  const stock = new StockFold();
  const ctx = (extra: Partial<MovementContext> = {}): MovementContext => ({
    catalog,
    stock,
    actor: ann,
    now,
    ...extra,
  });
  const record = (request: unknown, extra: Partial<MovementContext> = {}): Movement => {
    const m = value(prepareMovement(request, ctx(extra)));
    stock.apply(m);
    return m;
  };
  return { catalog, stock, ctx, record };
}

describe('prepareMovement', () => {
  it('stamps a valid request with an id, the user, the device and the time', () => {
    const { ctx } = setup();
    const m = value(
      prepareMovement(
        { type: 'receive', sku: 'BOLT', location: 'A', quantity: 10, reference: 'PO-1' },
        ctx(),
      ),
    );
    expect(m).toMatchObject({
      type: 'receive',
      sku: 'BOLT',
      location: 'A',
      quantity: 10,
      reference: 'PO-1',
      user: 'ann',
      device: 'scanner-1',
      at: '2024-05-03T08:30:00.000Z',
    });
    expect(m.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('uses the given deterministic id, so a double submission is the same movement', () => {
    const { ctx } = setup();
    const id = causeId('form', 'submission-42');
    const request = { type: 'receive', sku: 'BOLT', location: 'A', quantity: 1 };
    expect(value(prepareMovement(request, ctx({ id }))).id).toBe(id);
    expect(value(prepareMovement(request, ctx({ id }))).id).toBe(id);
    expect(value(prepareMovement(request, ctx())).id).not.toBe(value(prepareMovement(request, ctx())).id);
  });

  it('returns the schema errors for an invalid request', () => {
    const { ctx } = setup();
    const bad = failed(prepareMovement({ type: 'adjust', sku: 'BOLT', location: 'A', quantity: 0 }, ctx()));
    expect(bad.kind).toBe('invalid');
    expect(bad.fields).toEqual([
      { path: 'quantity', message: 'must not be 0' },
      { path: 'reason', message: 'is required for an adjustment' },
    ]);
    expect(failed(prepareMovement('receive 10', ctx())).kind).toBe('invalid');
  });

  it('refuses unknown items and locations as not found', () => {
    const { ctx } = setup();
    expect(
      failed(prepareMovement({ type: 'receive', sku: 'NOPE', location: 'A', quantity: 1 }, ctx())),
    ).toMatchObject({
      kind: 'not_found',
      fields: [{ path: 'sku', message: 'no item with SKU NOPE' }],
    });
    expect(
      failed(prepareMovement({ type: 'receive', sku: 'BOLT', location: 'Q', quantity: 1 }, ctx())),
    ).toMatchObject({
      kind: 'not_found',
      fields: [{ path: 'location', message: 'no location Q' }],
    });
    expect(
      failed(
        prepareMovement(
          { type: 'transfer', sku: 'BOLT', location: 'A', toLocation: 'Q', quantity: 1 },
          ctx({ allowNegative: true }),
        ),
      ),
    ).toMatchObject({ kind: 'not_found', fields: [{ path: 'toLocation', message: 'no location Q' }] });
  });

  it('requires a lot for lot-tracked items and a serial for serial-tracked items', () => {
    const { ctx } = setup();
    expect(
      failed(prepareMovement({ type: 'receive', sku: 'RESIN', location: 'A', quantity: 5 }, ctx())),
    ).toMatchObject({
      kind: 'invalid',
      fields: [{ path: 'lot', message: 'item RESIN is tracked by lot: give the lot number' }],
    });
    expect(
      failed(prepareMovement({ type: 'receive', sku: 'DRILL', location: 'A', quantity: 1 }, ctx())).fields[0]
        ?.path,
    ).toBe('lot');
    expect(
      value(prepareMovement({ type: 'receive', sku: 'RESIN', location: 'A', quantity: 5, lot: 'R-1' }, ctx()))
        .lot,
    ).toBe('R-1');
  });

  it('refuses a lot on an item that is not lot or serial tracked', () => {
    const { ctx } = setup();
    const f = failed(
      prepareMovement({ type: 'receive', sku: 'BOLT', location: 'A', quantity: 1, lot: 'L1' }, ctx()),
    );
    expect(f.kind).toBe('invalid');
    expect(f.fields[0]?.path).toBe('lot');
  });

  it('refuses to receive a serial number that is already in stock', () => {
    const { ctx, record } = setup();
    record({ type: 'receive', sku: 'DRILL', location: 'A', quantity: 1, lot: 'SN-1' });
    const f = failed(
      prepareMovement({ type: 'receive', sku: 'DRILL', location: 'B', quantity: 1, lot: 'SN-1' }, ctx()),
    );
    expect(f.kind).toBe('conflict');
    expect(f.message).toContain('already in stock at A');
    record({ type: 'issue', sku: 'DRILL', location: 'A', quantity: 1, lot: 'SN-1' });
    expect(
      prepareMovement({ type: 'receive', sku: 'DRILL', location: 'B', quantity: 1, lot: 'SN-1' }, ctx()).ok,
    ).toBe(true);
  });

  it('moves serial-numbered items one at a time', () => {
    const { ctx, record } = setup();
    expect(
      failed(
        prepareMovement({ type: 'receive', sku: 'DRILL', location: 'A', quantity: 2, lot: 'SN1' }, ctx()),
      ),
    ).toMatchObject({
      kind: 'invalid',
      fields: [{ path: 'quantity', message: 'a serial-numbered item moves one at a time' }],
    });
    record({ type: 'receive', sku: 'DRILL', location: 'A', quantity: 1, lot: 'SN1' });
    expect(
      failed(
        prepareMovement(
          { type: 'adjust', sku: 'DRILL', location: 'A', quantity: -2, lot: 'SN1', reason: 'x' },
          ctx(),
        ),
      ).kind,
    ).toBe('invalid');
    expect(
      value(
        prepareMovement(
          { type: 'adjust', sku: 'DRILL', location: 'A', quantity: -1, lot: 'SN1', reason: 'lost' },
          ctx(),
        ),
      ).quantity,
    ).toBe(-1);
  });

  it('refuses to take out more than is on hand, unless negative stock is allowed', () => {
    const { ctx, record } = setup();
    record({ type: 'receive', sku: 'BOLT', location: 'A', quantity: 5 });
    expect(
      failed(prepareMovement({ type: 'issue', sku: 'BOLT', location: 'A', quantity: 6 }, ctx())),
    ).toMatchObject({
      kind: 'insufficient',
      fields: [{ path: 'quantity', message: 'only 5 ea of BOLT on hand at A' }],
    });
    expect(
      failed(
        prepareMovement(
          { type: 'transfer', sku: 'BOLT', location: 'A', toLocation: 'B', quantity: 5.0001 },
          ctx(),
        ),
      ).kind,
    ).toBe('insufficient');
    expect(
      failed(
        prepareMovement({ type: 'adjust', sku: 'BOLT', location: 'A', quantity: -6, reason: 'lost' }, ctx()),
      ).kind,
    ).toBe('insufficient');
    expect(
      failed(prepareMovement({ type: 'issue', sku: 'BOLT', location: 'B', quantity: 1 }, ctx())).kind,
    ).toBe('insufficient');
    // exactly what is there is fine
    expect(
      value(prepareMovement({ type: 'issue', sku: 'BOLT', location: 'A', quantity: 5 }, ctx())).quantity,
    ).toBe(5);
    // and with allowNegative anything goes
    expect(
      value(
        prepareMovement(
          { type: 'issue', sku: 'BOLT', location: 'A', quantity: 50 },
          ctx({ allowNegative: true }),
        ),
      ).quantity,
    ).toBe(50);
    // positive adjustments and receipts never need stock
    expect(
      value(
        prepareMovement({ type: 'adjust', sku: 'BOLT', location: 'B', quantity: 2, reason: 'found' }, ctx()),
      ).quantity,
    ).toBe(2);
  });

  it('checks stock per lot', () => {
    const { ctx, record } = setup();
    record({ type: 'receive', sku: 'RESIN', location: 'A', quantity: 2.5, lot: 'R-1' });
    record({ type: 'receive', sku: 'RESIN', location: 'A', quantity: 10, lot: 'R-2' });
    expect(
      failed(prepareMovement({ type: 'issue', sku: 'RESIN', location: 'A', quantity: 3, lot: 'R-1' }, ctx())),
    ).toMatchObject({
      kind: 'insufficient',
      message: 'only 2.5 kg of RESIN on hand at A (lot R-1)',
    });
    expect(
      value(prepareMovement({ type: 'issue', sku: 'RESIN', location: 'A', quantity: 2.5, lot: 'R-1' }, ctx()))
        .lot,
    ).toBe('R-1');
  });

  it('compares decimals exactly: 0.1 + 0.2 on hand is enough for 0.3', () => {
    const { ctx, record } = setup();
    record({ type: 'receive', sku: 'BOLT', location: 'A', quantity: 0.1 });
    record({ type: 'receive', sku: 'BOLT', location: 'A', quantity: 0.2 });
    expect(prepareMovement({ type: 'issue', sku: 'BOLT', location: 'A', quantity: 0.3 }, ctx()).ok).toBe(
      true,
    );
  });

  it('will not receive an archived item, but still lets its stock go out', () => {
    const { ctx } = setup();
    expect(
      failed(prepareMovement({ type: 'receive', sku: 'OLD', location: 'A', quantity: 1 }, ctx())),
    ).toMatchObject({
      kind: 'invalid',
      fields: [{ path: 'sku', message: 'item OLD is archived' }],
    });
    expect(
      prepareMovement({ type: 'issue', sku: 'OLD', location: 'A', quantity: 1 }, ctx({ allowNegative: true }))
        .ok,
    ).toBe(true);
  });

  it('writes nothing itself', () => {
    const { catalog, stock, ctx } = setup();
    const before = Y.encodeStateAsUpdate(catalog.doc);
    value(prepareMovement({ type: 'receive', sku: 'BOLT', location: 'A', quantity: 1 }, ctx()));
    expect(Y.encodeStateAsUpdate(catalog.doc)).toEqual(before);
    expect(stock.lines()).toEqual([]);
  });
});

describe('codes typed in another case', () => {
  it('records the item and locations they name', () => {
    const { ctx } = setup();
    const m = value(
      prepareMovement(
        { type: 'transfer', sku: 'bolt', location: 'a', toLocation: 'b', quantity: 1 },
        ctx({ allowNegative: true }),
      ),
    );
    expect([m.sku, m.location, m.type === 'transfer' && m.toLocation]).toEqual(['BOLT', 'A', 'B']);
  });
});
