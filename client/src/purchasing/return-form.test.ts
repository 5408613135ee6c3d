// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { checkReturn, returnableLines, returnDefaults } from './return-form.ts';
import { clerk, sentOrder } from './test-fixtures.ts';

describe('return form', () => {
  const setup = () => {
    const s = sentOrder();
    s.room.receive(s.id, 'DN-1', [{ line: '1', quantity: 6, location: 'B-01', lot: 'L1' }], s.ledger, {
      actor: clerk,
    });
    return s;
  };
  const ctx = {
    locationExists: (c: string) => c === 'A-01' || c === 'B-01',
    onHand: (_sku: string, location: string) => (location === 'B-01' ? 6 : 1),
    tracking: () => 'none' as const,
  };

  it('offers lines that received something, from the bin and lot of the latest receipt', () => {
    const { order } = setup();
    expect(returnableLines(order()).map((l) => l.line)).toEqual(['1']);
    expect(returnDefaults(order())).toEqual({
      line: '1',
      quantity: '',
      location: 'B-01',
      lot: 'L1',
      reason: '',
    });
  });

  it('needs a quantity that arrived and is on hand, a bin and a reason', () => {
    const { order } = setup();
    const values = returnDefaults(order());
    expect(checkReturn({ ...values, quantity: '2', reason: ' damaged ' }, order(), ctx)).toEqual({
      ok: true,
      value: { line: '1', quantity: 2, location: 'B-01', lot: 'L1', reason: 'damaged' },
    });
    expect(checkReturn({ ...values, quantity: '7' }, order(), ctx)).toEqual({
      ok: false,
      errors: { quantity: 'only 6 of BOLT arrived on this order', reason: 'give a reason for the return' },
    });
    expect(checkReturn({ ...values, quantity: '2', location: 'A-01', reason: 'x' }, order(), ctx)).toEqual({
      ok: false,
      errors: { quantity: 'only 1 of BOLT on hand at A-01' },
    });
    expect(
      checkReturn({ line: '', quantity: '', location: 'Z-9', lot: '', reason: 'x' }, order(), ctx),
    ).toEqual({
      ok: false,
      errors: { line: 'choose the line', location: 'no location Z-9', quantity: 'give the quantity' },
    });
    expect(
      checkReturn({ ...values, lot: '', quantity: '1', reason: 'x' }, order(), {
        ...ctx,
        tracking: () => 'lot',
      }),
    ).toEqual({ ok: false, errors: { lot: 'give the lot number' } });
  });
});
