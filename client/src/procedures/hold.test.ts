// @vitest-environment node
import { Catalog } from '@stockroom/shared/catalog/catalog';
import { StockFold } from '@stockroom/shared/ledger/stock';
import { ApprovalsRoom } from '@stockroom/shared/procedures/approvals';
import { DEFAULT_SETTINGS, type ProcedureSettings } from '@stockroom/shared/procedures/settings';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { emptyMovementForm, type MovementFormValues } from '../ledger/movement-form.ts';
import { askForApproval, heldRequest } from './hold.ts';
import { movementFacts } from './movement-facts.ts';

const ann = { user: 'ann', device: 'tablet-1' };
const now = new Date('2026-12-01T09:00:00.000Z');

function setup() {
  const catalog = new Catalog(new Y.Doc());
  catalog.createLocation({ code: 'S', kind: 'site' }, ann, now);
  catalog.createLocation({ code: 'A', kind: 'bin', parent: 'S' }, ann, now);
  catalog.createItem({ sku: 'FUSE', name: 'Fuse', category: 'Electrical', unitCost: 2 }, ann, now);
  catalog.createItem({ sku: 'BOLT', name: 'Bolt', category: 'Fasteners' }, ann, now);
  const stock = new StockFold([
    { sku: 'FUSE', location: 'A', quantity: 100 },
    { sku: 'BOLT', location: 'A', quantity: 100 },
  ]);
  const settings: ProcedureSettings = {
    ...DEFAULT_SETTINGS,
    thresholds: [
      { category: 'Electrical', quantity: 10 },
      { category: 'Fasteners', value: 50 },
    ],
  };
  return { catalog, stock, settings, actor: ann, token: 'tok-1', now };
}

const adjust = (patch: Partial<MovementFormValues>): MovementFormValues => ({
  ...emptyMovementForm('adjust'),
  sku: 'FUSE',
  location: 'A',
  quantity: '40',
  reason: 'Expired',
  ...patch,
});

describe('adjustments held on the device', () => {
  it('above the quantity limit: a request with the resolved reason code, its id from the form', () => {
    const ctx = setup();
    const r = heldRequest(adjust({}), ctx);
    expect(r).toMatchObject({
      why: 'quantity 40 is above the limit of 10',
      user: 'ann',
      device: 'tablet-1',
      adjustment: { sku: 'FUSE', location: 'A', quantity: -40, reason: 'Expired', reasonCode: 'expired' },
    });
    expect(heldRequest(adjust({}), ctx)?.id).toBe(r?.id);
    const room = new ApprovalsRoom(new Y.Doc(), 'approvals-2026');
    expect(askForApproval(room, r!)).toBe(true);
    expect(askForApproval(room, heldRequest(adjust({}), ctx)!)).toBe(false);
    expect(room.statusOf(r!.id)).toBe('pending');
  });
  it('within the limit, other types, no cost for a value limit, or invalid: not held', () => {
    const ctx = setup();
    expect(heldRequest(adjust({ quantity: '10' }), ctx)).toBeNull();
    expect(heldRequest({ ...adjust({}), type: 'issue' }, ctx)).toBeNull();
    // BOLT has a value limit and no unit cost: the device cannot value it.
    expect(heldRequest(adjust({ sku: 'BOLT', quantity: '90' }), ctx)).toBeNull();
    expect(heldRequest(adjust({ location: 'NOWHERE' }), ctx)).toBeNull();
    expect(heldRequest(adjust({}), { ...ctx, settings: DEFAULT_SETTINGS })).toBeNull();
  });
});

describe('what the form tells the checklist', () => {
  it('bin first is unknown until something is scanned', () => {
    const f = (order: '' | 'bin' | 'item') => movementFacts(adjust({}), DEFAULT_SETTINGS, order, false);
    expect(f('').binScannedFirst).toBeUndefined();
    expect(f('bin').binScannedFirst).toBe(true);
    expect(f('item').binScannedFirst).toBe(false);
  });
  it('the reason names its code; the reason text is the note', () => {
    expect(movementFacts(adjust({ reason: 'damaged' }), DEFAULT_SETTINGS, '', true)).toMatchObject({
      reasonCode: 'damaged',
      note: 'damaged',
      lotTracked: true,
    });
  });
});
