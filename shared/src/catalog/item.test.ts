// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fromZod } from '../result.ts';
import { Item, ItemInput, ItemPatch, itemCodes } from './item.ts';

const errors = (result: ReturnType<typeof fromZod>) => (result.ok ? [] : result.fields);
const stamp = { createdAt: '2024-05-01T10:00:00.000Z', createdBy: 'ann' };

describe('ItemInput', () => {
  it('accepts a minimal item and fills the defaults', () => {
    const parsed = ItemInput.parse({ sku: 'BOLT-M6', name: 'Bolt M6' });
    expect(parsed).toEqual({
      sku: 'BOLT-M6',
      name: 'Bolt M6',
      description: '',
      kind: 'component',
      unit: 'ea',
      barcodes: [],
      packs: [],
      category: '',
      suppliers: [],
      unitCost: 0,
      reorderPoint: null,
      minQty: null,
      maxQty: null,
      leadTimeDays: null,
      replenishment: { method: 'manual', serviceLevel: 0.95, windowDays: 90, reviewDays: 14 },
      tracking: 'none',
      active: true,
    });
  });

  it('accepts every documented field', () => {
    const input = {
      sku: 'RES/10K.0805_x',
      name: '  Resistor 10k  ',
      description: 'thick film',
      kind: 'raw_material',
      unit: 'reel',
      barcodes: ['4006381333931', '\x1d0104006381333931'],
      category: 'passives',
      suppliers: [
        { supplier: 'ACME', supplierSku: 'R-10K', unitCost: 0.0012, packSize: 5000, leadTimeDays: 7 },
      ],
      unitCost: 0.0015,
      reorderPoint: 10000,
      minQty: 5000,
      maxQty: 50000,
      leadTimeDays: 14,
      tracking: 'lot',
      active: false,
    };
    const parsed = ItemInput.parse(input);
    expect(parsed.name).toBe('Resistor 10k');
    expect(parsed.barcodes).toEqual(input.barcodes);
    expect(parsed.suppliers).toEqual(input.suppliers);
    expect(parsed.tracking).toBe('lot');
    expect(parsed.active).toBe(false);
  });

  it('reports each problem on its own field with a readable message', () => {
    expect(errors(fromZod(ItemInput.safeParse({})))).toEqual([
      { path: 'name', message: 'is required' },
      { path: 'sku', message: 'is required' },
    ]);
    expect(errors(fromZod(ItemInput.safeParse({ sku: 'A', name: '   ' })))).toEqual([
      { path: 'name', message: 'is required' },
    ]);
    expect(errors(fromZod(ItemInput.safeParse({ sku: '-A', name: 'x' })))).toEqual([
      { path: 'sku', message: 'use letters, digits and . _ - / only, starting with a letter or digit' },
    ]);
    expect(errors(fromZod(ItemInput.safeParse({ sku: 'A B', name: 'x' })))).toEqual([
      { path: 'sku', message: 'use letters, digits and . _ - / only, starting with a letter or digit' },
    ]);
    expect(errors(fromZod(ItemInput.safeParse({ sku: 'A'.repeat(65), name: 'x' })))).toEqual([
      { path: 'sku', message: 'must be at most 64 characters' },
    ]);
    expect(
      errors(
        fromZod(
          ItemInput.safeParse({
            sku: 'A',
            name: 'x',
            unitCost: -1,
            reorderPoint: 'ten',
            leadTimeDays: 1.5,
            barcodes: ['a\nb'],
          }),
        ),
      ),
    ).toEqual([
      { path: 'barcodes.0', message: 'use printable ASCII characters only (letters, digits, punctuation)' },
      { path: 'unitCost', message: 'must not be negative' },
      { path: 'reorderPoint', message: 'must be a number' },
      { path: 'leadTimeDays', message: 'must be whole days' },
    ]);
  });

  it('reports an empty SKU once, as required', () => {
    expect(errors(fromZod(ItemInput.safeParse({ sku: '  ', name: 'x' })))).toEqual([
      { path: 'sku', message: 'is required' },
    ]);
  });

  it('refuses unknown enum values', () => {
    const result = fromZod(ItemInput.safeParse({ sku: 'A', name: 'x', kind: 'widget', tracking: 'batch' }));
    expect(result.ok).toBe(false);
    expect(errors(result).map((f) => f.path)).toEqual(['kind', 'tracking']);
  });

  it('limits quantities to 4 decimal places', () => {
    expect(ItemInput.safeParse({ sku: 'A', name: 'x', reorderPoint: 1.2345 }).success).toBe(true);
    expect(errors(fromZod(ItemInput.safeParse({ sku: 'A', name: 'x', reorderPoint: 1.23456 })))).toEqual([
      { path: 'reorderPoint', message: 'at most 4 decimal places' },
    ]);
  });

  it('refuses a minimum above the maximum, on the maximum', () => {
    expect(errors(fromZod(ItemInput.safeParse({ sku: 'A', name: 'x', minQty: 5, maxQty: 2 })))).toEqual([
      { path: 'maxQty', message: 'must not be less than the minimum (5)' },
    ]);
    expect(ItemInput.safeParse({ sku: 'A', name: 'x', minQty: 5, maxQty: 5 }).success).toBe(true);
    expect(ItemInput.safeParse({ sku: 'A', name: 'x', minQty: 5 }).success).toBe(true);
  });

  it('reports a minimum above the maximum together with the other problems of the form', () => {
    expect(
      errors(fromZod(ItemInput.safeParse({ sku: 'A', name: '', reorderPoint: 'ten', minQty: 5, maxQty: 2 }))),
    ).toEqual([
      { path: 'name', message: 'is required' },
      { path: 'reorderPoint', message: 'must be a number' },
      { path: 'maxQty', message: 'must not be less than the minimum (5)' },
    ]);
    // not compared while one of the two is itself wrong
    expect(errors(fromZod(ItemInput.safeParse({ sku: 'A', name: 'x', minQty: 'five', maxQty: 2 })))).toEqual([
      { path: 'minQty', message: 'must be a number' },
    ]);
  });

  it('refuses a barcode listed twice, and barcodes with spaces', () => {
    expect(
      errors(
        fromZod(
          ItemInput.safeParse({
            sku: 'A',
            name: 'x',
            barcodes: ['4006381333931', '123 456', '4006381333931'],
          }),
        ),
      ),
    ).toEqual([
      { path: 'barcodes.1', message: '123 456: must not contain spaces (put each barcode on its own line)' },
      { path: 'barcodes.2', message: '4006381333931 is listed twice' },
    ]);
    expect(
      errors(
        fromZod(ItemInput.safeParse({ sku: 'A', name: 'x', packs: [{ barcode: 'BOX 12', quantity: 12 }] })),
      ),
    ).toEqual([
      { path: 'packs.0.barcode', message: 'must not contain spaces (put each barcode on its own line)' },
    ]);
    // stored items keep reading (the rules are for writes, like minimum ≤ maximum)
    expect(
      Item.safeParse({
        sku: 'A',
        name: 'x',
        barcodes: ['1 2', '1 2'],
        createdAt: '2024-05-01T10:00:00.000Z',
        createdBy: 'ann',
      }).success,
    ).toBe(true);
  });

  it('allows at most 20 barcodes', () => {
    const barcodes = Array.from({ length: 21 }, (_, i) => `code-${i}`);
    expect(errors(fromZod(ItemInput.safeParse({ sku: 'A', name: 'x', barcodes })))).toEqual([
      { path: 'barcodes', message: 'must have at most 20 barcodes' },
    ]);
    expect(ItemInput.safeParse({ sku: 'A', name: 'x', barcodes: barcodes.slice(0, 20) }).success).toBe(true);
  });

  it('refuses a non-object body without throwing', () => {
    for (const body of [null, undefined, 42, 'item', []]) {
      const result = fromZod(ItemInput.safeParse(body));
      expect(result.ok).toBe(false);
    }
  });
});

describe('Item (a stored record)', () => {
  it('needs who created it and when', () => {
    const result = fromZod(Item.safeParse({ sku: 'A', name: 'x' }));
    expect(errors(result).map((f) => f.path)).toEqual(['createdAt', 'createdBy']);
    expect(Item.safeParse({ sku: 'A', name: 'x', ...stamp }).success).toBe(true);
    expect(Item.safeParse({ sku: 'A', name: 'x', ...stamp, createdAt: 'yesterday' }).success).toBe(false);
  });
});

describe('ItemPatch', () => {
  it('keeps only the fields given: no defaults are filled in', () => {
    expect(ItemPatch.parse({ name: 'New name' })).toEqual({ name: 'New name' });
    expect(ItemPatch.parse({ reorderPoint: 5, active: false })).toEqual({ reorderPoint: 5, active: false });
  });

  it('refuses an empty patch', () => {
    expect(errors(fromZod(ItemPatch.safeParse({})))).toEqual([{ path: '', message: 'nothing to change' }]);
  });

  it('refuses the SKU and unknown fields', () => {
    const sku = fromZod(ItemPatch.safeParse({ sku: 'B' }));
    expect(sku.ok).toBe(false);
    expect(sku.ok ? '' : sku.message).toContain('sku');
    const unknown = fromZod(ItemPatch.safeParse({ name: 'x', colour: 'red' }));
    expect(unknown.ok).toBe(false);
    expect(unknown.ok ? '' : unknown.message).toContain('colour');
  });

  it('validates each given field like the input does', () => {
    expect(errors(fromZod(ItemPatch.safeParse({ name: '', unitCost: 0.00001 })))).toEqual([
      { path: 'name', message: 'is required' },
      { path: 'unitCost', message: 'at most 4 decimal places' },
    ]);
  });
});

describe('pack barcodes', () => {
  it('default to none and take a barcode, a positive quantity and an optional name', () => {
    expect(ItemInput.parse({ sku: 'A', name: 'x' }).packs).toEqual([]);
    const packs = [
      { barcode: '14006381333938', quantity: 50, name: ' Box of 50 ' },
      { barcode: 'CASE-A', quantity: 2.5 },
    ];
    expect(ItemInput.parse({ sku: 'A', name: 'x', packs }).packs).toEqual([
      { barcode: '14006381333938', quantity: 50, name: 'Box of 50' },
      { barcode: 'CASE-A', quantity: 2.5 },
    ]);
    expect(ItemPatch.parse({ packs: [{ barcode: 'P', quantity: 6 }] })).toEqual({
      packs: [{ barcode: 'P', quantity: 6 }],
    });
  });

  it('report a bad barcode or quantity on the pack’s own field', () => {
    const bad = fromZod(
      ItemInput.safeParse({
        sku: 'A',
        name: 'x',
        packs: [
          { barcode: 'OK', quantity: 10 },
          { barcode: 'a\nb', quantity: 0 },
        ],
      }),
    );
    expect(errors(bad)).toEqual([
      {
        path: 'packs.1.barcode',
        message: 'use printable ASCII characters only (letters, digits, punctuation)',
      },
      { path: 'packs.1.quantity', message: 'must be greater than 0' },
    ]);
  });

  it('must not repeat the SKU, a unit barcode or another pack of the item', () => {
    const result = fromZod(
      ItemInput.safeParse({
        sku: 'A',
        name: 'x',
        barcodes: ['111'],
        packs: [
          { barcode: '111', quantity: 10 },
          { barcode: 'A', quantity: 5 },
          { barcode: 'BOX', quantity: 5 },
          { barcode: 'BOX', quantity: 6 },
        ],
      }),
    );
    expect(errors(result)).toEqual([
      { path: 'packs.0.barcode', message: 'already used as a unit barcode of this item' },
      { path: 'packs.1.barcode', message: 'already used as the SKU of this item' },
      { path: 'packs.3.barcode', message: 'already used as another pack of this item' },
    ]);
  });

  it('are read back from storage with the item', () => {
    const stored = { sku: 'A', name: 'x', packs: [{ barcode: 'BOX', quantity: 12 }], ...stamp };
    expect(Item.parse(stored).packs).toEqual([{ barcode: 'BOX', quantity: 12 }]);
    expect(Item.safeParse({ ...stored, packs: [{ barcode: 'BOX', quantity: -1 }] }).success).toBe(false);
  });
});

describe('itemCodes', () => {
  it('lists the SKU then every barcode, then every pack barcode', () => {
    expect(itemCodes({ sku: 'A', barcodes: ['1', '2'] })).toEqual(['A', '1', '2']);
    expect(itemCodes({ sku: 'A', barcodes: ['1'], packs: [{ barcode: 'BOX', quantity: 50 }] })).toEqual([
      'A',
      '1',
      'BOX',
    ]);
  });
});
