// @vitest-environment node
import { Item } from '@stockroom/shared/catalog/item';
import { Supplier } from '@stockroom/shared/catalog/supplier';
import { describe, expect, it } from 'vitest';
import {
  checkDraft,
  type DraftFormValues,
  type DraftLookups,
  defaultUnitCost,
  draftChanges,
  emptyLine,
  formFromOrder,
} from './draft-form.ts';
import { manager, sentOrder } from './test-fixtures.ts';

const stamp = { createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'admin' };
const items = new Map(
  [
    Item.parse({
      sku: 'BOLT',
      name: 'Bolt',
      unitCost: 0.5,
      barcodes: ['4006381333931'],
      suppliers: [{ supplier: 'ACME', unitCost: 0.45 }],
      ...stamp,
    }),
    Item.parse({
      sku: 'NUT',
      name: 'Nut',
      unitCost: 0.1,
      packs: [{ barcode: 'NUT-BOX', quantity: 10 }],
      ...stamp,
    }),
  ].map((i) => [i.sku, i]),
);
const suppliers = new Map(
  [
    Supplier.parse({ code: 'ACME', name: 'Acme', ...stamp }),
    Supplier.parse({ code: 'OLD', name: 'Old', active: false, ...stamp }),
  ].map((s) => [s.code, s]),
);
const lookups: DraftLookups = {
  item: (code) =>
    items.get(code) ??
    [...items.values()].find((i) => i.barcodes.includes(code) || i.packs.some((p) => p.barcode === code)),
  supplier: (code) => suppliers.get(code),
};
const line = (sku: string, quantity: string, unitCost = '', expectedAt = '') => ({
  ...emptyLine(),
  sku,
  quantity,
  unitCost,
  expectedAt,
});
const form = (v: Partial<DraftFormValues>): DraftFormValues => ({
  supplier: 'ACME',
  expectedAt: '',
  note: '',
  lines: [],
  ...v,
});

describe('draft form', () => {
  it('defaults a line’s unit cost to the supplier’s price, then the item’s own cost', () => {
    expect(defaultUnitCost(items.get('BOLT')!, 'ACME')).toEqual({ unitCost: 0.45, from: 'supplier' });
    expect(defaultUnitCost(items.get('BOLT')!, 'OTHER')).toEqual({ unitCost: 0.5, from: 'item' });
    const r = checkDraft(
      form({
        expectedAt: '2026-04-01',
        lines: [line('4006381333931', '10'), line('NUT', '2,5', '0.2'), line('', '')],
      }),
      lookups,
      true,
    );
    expect(r).toEqual({
      ok: true,
      value: {
        supplier: 'ACME',
        expectedAt: '2026-04-01',
        lines: [
          { line: null, input: { sku: 'BOLT', quantity: 10, unitCost: 0.45 } },
          { line: null, input: { sku: 'NUT', quantity: 2.5, unitCost: 0.2 } },
        ],
      },
    });
  });

  it('puts each problem on its field', () => {
    const r = checkDraft(
      form({
        supplier: 'OLD',
        expectedAt: 'soon',
        lines: [
          line('BOLT', '0'),
          line('NOPE', '1'),
          line('BOLT', 'x', '-1', '2026-13-01'),
          line('NUT', '', 'abc'),
          line('NUT', '1.00001'),
        ],
      }),
      lookups,
      true,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      supplier: 'OLD is archived',
      expectedAt: 'must be a date (YYYY-MM-DD)',
      'lines.0.quantity': 'must be greater than 0',
      'lines.1.sku': 'no item answers to “NOPE”',
      'lines.2.sku': 'BOLT is already on line 1',
      'lines.2.quantity': 'must be a number',
      'lines.2.unitCost': 'must not be negative',
      'lines.2.expectedAt': 'must be a date (YYYY-MM-DD)',
      'lines.3.quantity': 'give the quantity',
      'lines.3.unitCost': 'must be a number',
      'lines.4.sku': 'NUT is already on line 4',
      'lines.4.quantity': 'at most 4 decimal places',
    });
    expect(checkDraft(form({ supplier: '', lines: [line('', '')] }), lookups, true)).toEqual({
      ok: false,
      errors: { supplier: 'choose the supplier', lines: 'add at least one line' },
    });
  });

  it('saves only what changed on a draft: edits, new lines, lines taken off', () => {
    const { room } = sentOrder();
    const d = room.draft(
      {
        supplier: 'ACME',
        expectedAt: '2026-04-01',
        lines: [
          { sku: 'BOLT', quantity: 10, unitCost: 0.45 },
          { sku: 'NUT', quantity: 5, unitCost: 0.1 },
          { sku: 'WASHER', quantity: 1, unitCost: 0.05, expectedAt: '2026-04-09' },
        ],
      },
      { actor: manager },
    );
    if (!d.ok) throw new Error(d.message);
    const values = formFromOrder(d.value);
    expect(values.lines.map((l) => [l.line, l.sku, l.quantity, l.expectedAt])).toEqual([
      ['1', 'BOLT', '10', ''],
      ['2', 'NUT', '5', ''],
      ['3', 'WASHER', '1', '2026-04-09'],
    ]);
    // Any other SKU is an item too here (WASHER, SCREW).
    const anyItem: DraftLookups = {
      ...lookups,
      item: (c) => lookups.item(c) ?? { ...items.get('NUT')!, sku: c },
    };
    const unchanged = checkDraft(values, anyItem, false);
    if (!unchanged.ok) throw new Error(JSON.stringify(unchanged.errors));
    expect(draftChanges(d.value, unchanged.value)).toEqual({ set: [], remove: [] });

    values.lines[1]!.quantity = '6';
    values.lines.splice(2, 1);
    values.lines.push(line('SCREW', '3', '1'));
    const edited = checkDraft(values, anyItem, false);
    if (!edited.ok) throw new Error(JSON.stringify(edited.errors));
    expect(draftChanges(d.value, edited.value)).toEqual({
      set: [
        { line: '2', input: { sku: 'NUT', quantity: 6, unitCost: 0.1 } },
        { line: null, input: { sku: 'SCREW', quantity: 3, unitCost: 1 } },
      ],
      remove: ['3'],
    });
  });
});
