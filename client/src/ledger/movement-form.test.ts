// @vitest-environment node
import { Catalog } from '@stockroom/shared/catalog/catalog';
import { LedgerPeriod } from '@stockroom/shared/ledger/ledger-period';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { emptyMovementForm, type MovementFormValues, submitMovement } from './movement-form.ts';

const actor = { user: 'ann', device: 'device-1' };

function setup() {
  const catalog = new Catalog(new Y.Doc());
  catalog.createLocation({ code: 'WH', kind: 'site' }, actor);
  catalog.createLocation({ code: 'A1', kind: 'bin', parent: 'WH' }, actor);
  catalog.createLocation({ code: 'A2', kind: 'bin', parent: 'WH' }, actor);
  catalog.createItem({ sku: 'BOLT', name: 'Bolt', barcodes: ['4006381333931'] }, actor);
  catalog.createItem({ sku: 'RESIN', name: 'Resin', tracking: 'lot', unit: 'kg' }, actor);
  const ledger = new LedgerPeriod(new Y.Doc(), '2025-03');
  const submit = (values: Partial<MovementFormValues>, token: string) =>
    submitMovement(
      { ...emptyMovementForm(), ...values },
      { catalog, ledger, stock: ledger.stock(), actor, token, now: new Date('2025-03-04T10:00:00Z') },
    );
  return { catalog, ledger, submit };
}

describe('movement form', () => {
  it('records one movement per form submission, however often it is submitted', () => {
    const { ledger, submit } = setup();
    const values = { type: 'receive' as const, sku: '4006381333931', location: 'A1', quantity: '10' };
    const first = submit(values, 'token-1');
    const again = submit(values, 'token-1');
    expect(first).toMatchObject({ ok: true, duplicate: false, movement: { sku: 'BOLT', quantity: 10 } });
    expect(again).toMatchObject({ ok: true, duplicate: true });
    expect(ledger.movements.size).toBe(1);
    expect(submit(values, 'token-2')).toMatchObject({ ok: true, duplicate: false });
    expect(ledger.stock().quantity('BOLT', 'A1')).toBe(20);
  });

  it('refuses to issue more than is on hand and says how much there is', () => {
    const { submit } = setup();
    submit({ type: 'receive', sku: 'BOLT', location: 'A1', quantity: '3' }, 't1');
    const issue = submit({ type: 'issue', sku: 'BOLT', location: 'A1', quantity: '5' }, 't2');
    expect(issue.ok).toBe(false);
    if (!issue.ok) expect(issue.errors.quantity).toBe('only 3 ea of BOLT on hand at A1');
  });

  it('asks for a reason on adjustments and signs the quantity by direction', () => {
    const { ledger, submit } = setup();
    submit({ type: 'receive', sku: 'BOLT', location: 'A1', quantity: '3' }, 't1');
    const noReason = submit({ type: 'adjust', sku: 'BOLT', location: 'A1', quantity: '1' }, 't2');
    expect(!noReason.ok && noReason.errors.reason).toBe('is required for an adjustment');
    const lost = submit(
      { type: 'adjust', sku: 'BOLT', location: 'A1', quantity: '1', reason: 'Damaged' },
      't3',
    );
    expect(lost).toMatchObject({ ok: true, movement: { quantity: -1, reason: 'Damaged' } });
    const found = submit(
      { type: 'adjust', direction: 'add', sku: 'BOLT', location: 'A1', quantity: '2', reason: 'Found' },
      't4',
    );
    expect(found).toMatchObject({ ok: true, movement: { quantity: 2 } });
    expect(ledger.stock().quantity('BOLT', 'A1')).toBe(4);
  });

  it('needs a lot for tracked items and a different destination for transfers', () => {
    const { submit } = setup();
    const noLot = submit({ type: 'receive', sku: 'RESIN', location: 'A1', quantity: '2' }, 't1');
    expect(!noLot.ok && noLot.errors.lot).toMatch(/tracked by lot/);
    expect(submit({ type: 'receive', sku: 'RESIN', location: 'A1', quantity: '2', lot: 'L7' }, 't2').ok).toBe(
      true,
    );
    const same = submit(
      { type: 'transfer', sku: 'RESIN', location: 'A1', toLocation: 'A1', quantity: '1', lot: 'L7' },
      't3',
    );
    expect(!same.ok && same.errors.toLocation).toBe('must differ from the source location');
    const moved = submit(
      { type: 'transfer', sku: 'RESIN', location: 'A1', toLocation: 'A2', quantity: '1', lot: 'L7' },
      't4',
    );
    expect(moved).toMatchObject({ ok: true, movement: { toLocation: 'A2', lot: 'L7' } });
  });

  it('records a receipt’s expiry, and only on receipts', () => {
    const { submit } = setup();
    const received = submit(
      { type: 'receive', sku: 'RESIN', location: 'A1', quantity: '2', lot: 'L8', expiry: '2027-04-30' },
      't1',
    );
    expect(received).toMatchObject({ ok: true, movement: { lot: 'L8', expiry: '2027-04-30' } });
    const issued = submit(
      { type: 'issue', sku: 'RESIN', location: 'A1', quantity: '1', lot: 'L8', expiry: '2027-04-30' },
      't2',
    );
    expect(issued.ok && 'expiry' in issued.movement).toBe(false);
    const badDate = submit(
      { type: 'receive', sku: 'RESIN', location: 'A1', quantity: '1', lot: 'L9', expiry: '2027-02-30' },
      't3',
    );
    expect(!badDate.ok && badDate.errors.expiry).toBe('must be a date (YYYY-MM-DD)');
  });

  it('explains missing and unparseable quantities', () => {
    const { submit } = setup();
    const blank = submit({ type: 'receive', sku: 'BOLT', location: 'A1', quantity: '' }, 't1');
    expect(!blank.ok && blank.errors.quantity).toBe('is required');
    const words = submit({ type: 'receive', sku: 'BOLT', location: 'A1', quantity: 'ten' }, 't2');
    expect(!words.ok && words.errors.quantity).toBe('must be a number');
    const unknown = submit({ type: 'receive', sku: 'NOPE', location: 'A1', quantity: '1' }, 't3');
    expect(!unknown.ok && unknown.errors.sku).toBe('no item with SKU NOPE');
  });
});
