// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseHri } from './gs1/element-string.ts';
import { scanQuantity } from './scan-quantity.ts';

const label = (hri: string) => {
  const r = parseHri(hri, new Date('2025-01-01T00:00:00Z'));
  if (!r.ok) throw new Error(hri);
  return r.value;
};

describe('scanQuantity', () => {
  it('is 1 per scan, the pack quantity on a pack barcode', () => {
    expect(scanQuantity(undefined, undefined, null)).toEqual({ ok: true, quantity: 1, source: 'scan' });
    expect(scanQuantity(undefined, 50, null)).toEqual({ ok: true, quantity: 50, source: 'scan', pack: 50 });
  });

  it('takes the keypad quantity, in packs on a pack barcode', () => {
    expect(scanQuantity(undefined, undefined, 2.5)).toEqual({ ok: true, quantity: 2.5, source: 'keypad' });
    expect(scanQuantity(undefined, 50, 3)).toEqual({ ok: true, quantity: 150, source: 'keypad', pack: 50 });
  });

  it('takes a GS1 quantity as it is (the keypad wins), and refuses a label stating 0', () => {
    expect(scanQuantity(label('(01)09501101530003(30)12'), 50, null)).toEqual({
      ok: true,
      quantity: 12,
      source: 'gs1',
    });
    expect(scanQuantity(label('(01)09501101530003(30)12'), undefined, 2)).toEqual({
      ok: true,
      quantity: 2,
      source: 'keypad',
    });
    expect(scanQuantity(label('(01)09501101530003(30)0'), undefined, null)).toEqual({
      ok: false,
      message: 'The label states a quantity of 0',
    });
  });
});
