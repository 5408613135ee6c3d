// @vitest-environment node
import { Catalog } from '@stockroom/shared/catalog/catalog';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { errorsByField } from '../ui/form-errors.ts';
import {
  changedFields,
  emptyItemForm,
  emptyPack,
  formToInput,
  itemToForm,
  withoutBlankRows,
} from './item-form.ts';

const actor = { user: 'ann', device: 'dev-1' };

describe('item form', () => {
  it('creates an item from typed text through the domain', () => {
    const catalog = new Catalog(new Y.Doc());
    const { input, errors } = formToInput({
      ...emptyItemForm(),
      sku: ' BOLT-M8 ',
      name: 'Hex bolt M8',
      barcodes: '4006381333931\n, 12345 ',
      unitCost: '0,25',
      reorderPoint: '100',
      minQty: '50',
      maxQty: '500',
      leadTimeDays: '7',
      tracking: 'lot',
      suppliers: [
        { supplier: 'ACME', supplierSku: 'A-1', unitCost: '0.2', packSize: '', leadTimeDays: '' },
        { supplier: '', supplierSku: '', unitCost: '', packSize: '', leadTimeDays: '' },
      ],
    });
    expect(errors).toEqual({});
    const created = catalog.createItem(input, actor);
    expect(created.ok && created.value).toMatchObject({
      sku: 'BOLT-M8',
      barcodes: ['4006381333931', '12345'],
      unitCost: 0.25,
      reorderPoint: 100,
      leadTimeDays: 7,
      tracking: 'lot',
      suppliers: [{ supplier: 'ACME', supplierSku: 'A-1', unitCost: 0.2 }],
    });
    if (created.ok) expect(formToInput(itemToForm(created.value)).input).toMatchObject(input);
  });

  it('reports text that is not a number on its field, and the schema’s problems on theirs', () => {
    const catalog = new Catalog(new Y.Doc());
    const { input, errors } = formToInput({ ...emptyItemForm(), sku: 'X', reorderPoint: 'ten' });
    const result = catalog.createItem(input, actor);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const all = { ...errorsByField(result), ...errors };
    expect(all.reorderPoint).toBe('must be a number');
    expect(all.name).toBe('is required');
    const crossField = catalog.createItem(
      formToInput({ ...emptyItemForm(), sku: 'X', name: 'n', minQty: '9', maxQty: '3' }).input,
      actor,
    );
    expect(!crossField.ok && errorsByField(crossField).maxQty).toBe('must not be less than the minimum (9)');
  });

  it('reports minimum above maximum with the other problems of the form, on create and on edit', () => {
    const catalog = new Catalog(new Y.Doc());
    const typed = formToInput({
      ...emptyItemForm(),
      sku: 'X',
      reorderPoint: 'ten',
      minQty: '9',
      maxQty: '3',
    });
    const created = catalog.createItem(typed.input, actor);
    expect(created.ok).toBe(false);
    if (created.ok) return;
    expect({ ...errorsByField(created), ...typed.errors }).toEqual({
      name: 'is required',
      reorderPoint: 'must be a number',
      maxQty: 'must not be less than the minimum (9)',
    });
    const item = catalog.createItem({ sku: 'Y', name: 'Widget' }, actor);
    if (!item.ok) throw new Error(item.message);
    const opened = itemToForm(item.value);
    const edit = changedFields(opened, {
      ...opened,
      name: '',
      leadTimeDays: 'soon',
      minQty: '9',
      maxQty: '3',
    });
    const patched = catalog.patchItem('Y', edit.input);
    expect(patched.ok).toBe(false);
    if (patched.ok) return;
    expect({ ...errorsByField(patched), ...edit.errors }).toEqual({
      name: 'is required',
      leadTimeDays: 'must be a number',
      maxQty: 'must not be less than the minimum (9)',
    });
  });

  it('refuses a barcode typed twice, or two barcodes on one line', () => {
    const catalog = new Catalog(new Y.Doc());
    const typed = formToInput({ ...emptyItemForm(), sku: 'X', name: 'n', barcodes: '111\n222 333\n111' });
    const result = catalog.createItem(typed.input, actor);
    expect(!result.ok && errorsByField(result)).toEqual({
      'barcodes.1': '222 333: must not contain spaces (put each barcode on its own line)',
      'barcodes.2': '111 is listed twice',
    });
  });

  it('edits only what the person changed, so concurrent edits of other fields survive', () => {
    const doc = new Y.Doc();
    const catalog = new Catalog(doc);
    const created = catalog.createItem({ sku: 'S1', name: 'Widget', reorderPoint: 5 }, actor);
    if (!created.ok) throw new Error(created.message);
    const opened = itemToForm(created.value);
    // Meanwhile another device changes the reorder point.
    catalog.patchItem('S1', { reorderPoint: 8 });
    const patch = changedFields(opened, { ...opened, name: 'Widget, blue' });
    expect(patch.input).toEqual({ name: 'Widget, blue' });
    expect(catalog.patchItem('S1', patch.input).ok).toBe(true);
    expect(catalog.items.get('S1')).toMatchObject({ name: 'Widget, blue', reorderPoint: 8 });
    expect(changedFields(opened, opened).input).toEqual({});
  });

  it('edits pack barcodes as rows, each problem on its own row’s field', () => {
    const catalog = new Catalog(new Y.Doc());
    catalog.createItem({ sku: 'NUT', name: 'Nut', barcodes: ['555'] }, actor);
    const typed = {
      ...emptyItemForm(),
      sku: 'BOLT',
      name: 'Bolt',
      packs: [
        { barcode: ' BOX-50 ', quantity: '50', name: ' box ' },
        emptyPack(),
        { barcode: 'CASE', quantity: '1,5', name: '' },
      ],
    };
    // Blank rows are dropped before converting, so rows keep their on-screen numbers.
    expect(withoutBlankRows(typed).packs).toHaveLength(2);
    const { input, errors } = formToInput(typed);
    expect(errors).toEqual({});
    expect(input.packs).toEqual([
      { barcode: 'BOX-50', quantity: 50, name: 'box' },
      { barcode: 'CASE', quantity: 1.5 },
    ]);
    const created = catalog.createItem(input, actor);
    if (!created.ok) throw new Error(created.message);
    expect(itemToForm(created.value).packs).toEqual([
      { barcode: 'BOX-50', quantity: '50', name: 'box' },
      { barcode: 'CASE', quantity: '1.5', name: '' },
    ]);

    const missing = formToInput({ ...typed, packs: [{ barcode: 'X', quantity: '', name: '' }] });
    expect(missing.errors).toEqual({ 'packs.0.quantity': 'is required' });
    const bad = formToInput({ ...typed, packs: [{ barcode: 'X', quantity: 'ten', name: '' }] });
    expect(bad.errors).toEqual({ 'packs.0.quantity': 'must be a number' });

    // Another item's barcode as a pack: a conflict on that row's barcode.
    const clash = catalog.createItem(
      formToInput({
        ...typed,
        sku: 'WASHER',
        packs: [
          { barcode: 'W-BOX', quantity: '10', name: '' },
          { barcode: '555', quantity: '10', name: '' },
        ],
      }).input,
      actor,
    );
    expect(!clash.ok && errorsByField(clash)).toEqual({
      'packs.1.barcode': '555 is already a code of item NUT',
    });

    // Only the packs are sent when only the packs changed.
    const opened = itemToForm(created.value);
    const patch = changedFields(opened, {
      ...opened,
      packs: [{ barcode: 'BOX-50', quantity: '60', name: 'box' }],
    });
    expect(patch.input).toEqual({ packs: [{ barcode: 'BOX-50', quantity: 60, name: 'box' }] });
  });
});
