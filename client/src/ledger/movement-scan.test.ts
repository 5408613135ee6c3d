// @vitest-environment node
import { Catalog } from '@stockroom/shared/catalog/catalog';
import { createScanEvent } from '@stockroom/shared/scanning/scan-event';
import { ScanResolver } from '@stockroom/shared/scanning/scan-resolver';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { emptyMovementForm, type MovementFormValues } from './movement-form.ts';
import { applyMovementScan, type MovementScanField } from './movement-scan.ts';

const actor = { user: 'ann', device: 'desk' };
const GS = '\u001d';

function setup() {
  const catalog = new Catalog(new Y.Doc());
  const must = <T>(r: { ok: true; value: T } | { ok: false; message: string }) => {
    if (!r.ok) throw new Error(r.message);
    return r.value;
  };
  must(
    catalog.createItem(
      {
        sku: 'BOLT',
        name: 'Bolt',
        barcodes: ['4006381333931'],
        packs: [{ barcode: 'BOX-50', quantity: 50 }],
      },
      actor,
    ),
  );
  must(
    catalog.createItem({ sku: 'MILK', name: 'Milk', tracking: 'lot', barcodes: ['09501101530003'] }, actor),
  );
  must(catalog.createLocation({ code: 'S', kind: 'site' }, actor));
  must(catalog.createLocation({ code: 'B1', kind: 'bin', parent: 'S', barcode: 'LOC-B1' }, actor));
  must(catalog.createLocation({ code: 'B2', kind: 'bin', parent: 'S' }, actor));
  const resolver = new ScanResolver(catalog);
  const scan = (raw: string, values: Partial<MovementFormValues> = {}, focused?: MovementScanField) => {
    const event = createScanEvent({ raw, source: 'wedge', at: new Date('2026-03-15T00:00:00Z') });
    return applyMovementScan(
      { ...emptyMovementForm('receive'), ...values },
      resolver.resolve(event),
      focused,
    );
  };
  return { scan };
}

describe('applyMovementScan', () => {
  it('fills the item from a barcode or SKU and asks for the location next', () => {
    const { scan } = setup();
    expect(scan('4006381333931')).toEqual({
      kind: 'item',
      patch: { sku: 'BOLT', lot: '', expiry: '', quantity: '' },
      message: 'Item BOLT',
      next: 'location',
    });
    expect(scan('BOLT', { sku: 'BOLT', location: 'B1', quantity: '3' })).toMatchObject({
      patch: { sku: 'BOLT' },
      next: 'quantity',
    });
  });

  it('fills the quantity of a pack barcode', () => {
    const { scan } = setup();
    expect(scan('BOX-50', { location: 'B1', quantity: '3' })).toEqual({
      kind: 'item',
      patch: { sku: 'BOLT', lot: '', expiry: '', quantity: '50' },
      message: 'Item BOLT · pack of 50',
      next: 'other',
    });
  });

  it('takes lot, expiry and count from a GS1 code', () => {
    const { scan } = setup();
    const result = scan(`0109501101530003${GS}17260131${GS}10L-42${GS}3012`, { location: 'B1' });
    expect(result).toEqual({
      kind: 'item',
      patch: { sku: 'MILK', lot: 'L-42', expiry: '2026-01-31', quantity: '12' },
      message: 'Item MILK · lot L-42 · expires 2026-01-31 · quantity 12',
      next: 'other',
    });
    // The bracketed form a person might type works the same.
    expect(scan('(01)09501101530003(10)L-7', { location: 'B1' }).patch).toEqual({
      sku: 'MILK',
      lot: 'L-7',
      expiry: '',
      quantity: '',
    });
    // Another lot of the same item without a date does not keep the previous lot's expiry.
    expect(
      scan('(01)09501101530003(10)L-8', { sku: 'MILK', lot: 'L-7', expiry: '2026-01-31' }).patch,
    ).toEqual({
      sku: 'MILK',
      lot: 'L-8',
      expiry: '',
    });
    // Best before (AI 15) when the label has no use-by date.
    expect(scan('(01)09501101530003(15)260228(10)L-9').patch).toMatchObject({ expiry: '2026-02-28' });
  });

  it('fills the location from a bin label', () => {
    const { scan } = setup();
    expect(scan('LOC-B1')).toEqual({
      kind: 'location',
      patch: { location: 'B1' },
      message: 'Location B1',
      next: 'sku',
    });
    expect(scan('B2', { sku: 'BOLT', location: 'B1' })).toMatchObject({
      patch: { location: 'B2' },
      next: 'quantity',
    });
  });

  it('fills source then destination for a transfer, or the field the cursor is in', () => {
    const { scan } = setup();
    const transfer = { type: 'transfer' as const, sku: 'BOLT' };
    expect(scan('LOC-B1', transfer)).toMatchObject({
      patch: { location: 'B1' },
      message: 'From location B1',
      next: 'toLocation',
    });
    expect(scan('B2', { ...transfer, location: 'B1' })).toMatchObject({
      patch: { toLocation: 'B2' },
      message: 'To location B2',
      next: 'quantity',
    });
    expect(scan('B2', { ...transfer }, 'toLocation').patch).toEqual({ toLocation: 'B2' });
    expect(scan('B2', { ...transfer, location: 'B1' }, 'location').patch).toEqual({ location: 'B2' });
  });

  it('changes nothing for an unknown code and says why', () => {
    const { scan } = setup();
    const result = scan('NOPE-1', { sku: 'BOLT' });
    expect(result.kind).toBe('unknown');
    expect(result.patch).toEqual({});
    expect(result.message).toMatch(/^Not recognised: no item or location answers to "NOPE-1"/);
    expect(scan('0104012345678901').message).toMatch(/no item has GTIN 04012345678901/);
  });
});
