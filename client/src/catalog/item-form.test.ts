// @vitest-environment node
import { Catalog } from '@stockroom/shared/catalog/catalog';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { errorsByField } from '../ui/form-errors.ts';
import { changedFields, emptyItemForm, formToInput, itemToForm } from './item-form.ts';

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
    expect(!crossField.ok && errorsByField(crossField).maxQty).toBe('minimum must not exceed maximum');
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
});
