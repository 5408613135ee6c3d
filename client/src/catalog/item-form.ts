import type { Item, ItemKind, Tracking } from '@stockroom/shared/catalog/item';
import { type FieldErrors, parseNumberField } from '../ui/form-errors.ts';

export interface SupplierRefValues {
  supplier: string;
  supplierSku: string;
  unitCost: string;
  packSize: string;
  leadTimeDays: string;
}

/** One pack barcode row: a barcode printed on a pack and how many units the pack holds. */
export interface PackValues {
  barcode: string;
  quantity: string;
  name: string;
}

/** The item form as typed: every field is text until it is converted for the domain. */
export interface ItemFormValues {
  sku: string;
  name: string;
  description: string;
  kind: ItemKind;
  unit: string;
  /** One barcode per line (commas also separate). */
  barcodes: string;
  category: string;
  unitCost: string;
  reorderPoint: string;
  minQty: string;
  maxQty: string;
  leadTimeDays: string;
  tracking: Tracking;
  suppliers: SupplierRefValues[];
  packs: PackValues[];
}

export function emptyItemForm(): ItemFormValues {
  return {
    sku: '',
    name: '',
    description: '',
    kind: 'component',
    unit: 'ea',
    barcodes: '',
    category: '',
    unitCost: '',
    reorderPoint: '',
    minQty: '',
    maxQty: '',
    leadTimeDays: '',
    tracking: 'none',
    suppliers: [],
    packs: [],
  };
}

export function emptySupplierRef(): SupplierRefValues {
  return { supplier: '', supplierSku: '', unitCost: '', packSize: '', leadTimeDays: '' };
}

export function emptyPack(): PackValues {
  return { barcode: '', quantity: '', name: '' };
}

const filled = (row: object) => Object.values(row).some((v) => typeof v === 'string' && v.trim() !== '');

/**
 * The form without rows left entirely blank. Done before converting, so that the rows the
 * person sees are numbered like the ones the domain checks and an error lands on its row.
 */
export function withoutBlankRows(values: ItemFormValues): ItemFormValues {
  return { ...values, suppliers: values.suppliers.filter(filled), packs: values.packs.filter(filled) };
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

export function itemToForm(item: Item): ItemFormValues {
  return {
    sku: item.sku,
    name: item.name,
    description: item.description,
    kind: item.kind,
    unit: item.unit,
    barcodes: item.barcodes.join('\n'),
    category: item.category,
    unitCost: item.unitCost === 0 ? '' : String(item.unitCost),
    reorderPoint: text(item.reorderPoint),
    minQty: text(item.minQty),
    maxQty: text(item.maxQty),
    leadTimeDays: text(item.leadTimeDays),
    tracking: item.tracking,
    suppliers: item.suppliers.map((s) => ({
      supplier: s.supplier,
      supplierSku: s.supplierSku ?? '',
      unitCost: text(s.unitCost),
      packSize: text(s.packSize),
      leadTimeDays: text(s.leadTimeDays),
    })),
    packs: item.packs.map((p) => ({ barcode: p.barcode, quantity: String(p.quantity), name: p.name ?? '' })),
  };
}

export interface Converted {
  /** What goes to `Catalog.createItem` / `patchItem`; unparseable numbers stay text so the schema rejects them. */
  input: Record<string, unknown>;
  /** Problems found while converting text, which take precedence over the schema's messages. */
  errors: FieldErrors;
}

/** Converts the typed form into the shape of `ItemInput` (validation stays in the domain schema). */
export function formToInput(values: ItemFormValues): Converted {
  const errors: FieldErrors = {};
  const number = (path: string, raw: string, blank: number | null | undefined) => {
    const parsed = parseNumberField(raw);
    if (!parsed.ok) {
      errors[path] = 'must be a number';
      return raw;
    }
    return parsed.value === null ? blank : parsed.value;
  };
  const compact = withoutBlankRows(values);
  const suppliers = compact.suppliers.map((s, i) => {
    const ref: Record<string, unknown> = { supplier: s.supplier.trim() };
    if (s.supplierSku.trim()) ref.supplierSku = s.supplierSku.trim();
    const unitCost = number(`suppliers.${i}.unitCost`, s.unitCost, undefined);
    const packSize = number(`suppliers.${i}.packSize`, s.packSize, undefined);
    const leadTimeDays = number(`suppliers.${i}.leadTimeDays`, s.leadTimeDays, undefined);
    if (unitCost !== undefined) ref.unitCost = unitCost;
    if (packSize !== undefined) ref.packSize = packSize;
    if (leadTimeDays !== undefined) ref.leadTimeDays = leadTimeDays;
    return ref;
  });
  const packs = compact.packs.map((p, i) => {
    const pack: Record<string, unknown> = {
      barcode: p.barcode.trim(),
      quantity: number(`packs.${i}.quantity`, p.quantity, undefined),
    };
    if (!p.quantity.trim()) errors[`packs.${i}.quantity`] = 'is required';
    if (p.name.trim()) pack.name = p.name.trim();
    return pack;
  });
  const input: Record<string, unknown> = {
    sku: values.sku.trim(),
    name: values.name,
    description: values.description,
    kind: values.kind,
    unit: values.unit,
    barcodes: values.barcodes
      .split(/[\n,]/)
      .map((b) => b.trim())
      .filter(Boolean),
    category: values.category,
    suppliers,
    packs,
    unitCost: number('unitCost', values.unitCost, 0),
    reorderPoint: number('reorderPoint', values.reorderPoint, null),
    minQty: number('minQty', values.minQty, null),
    maxQty: number('maxQty', values.maxQty, null),
    leadTimeDays: number('leadTimeDays', values.leadTimeDays, null),
    tracking: values.tracking,
  };
  return { input, errors };
}

/**
 * Only the fields the person changed since the form opened. Sending the untouched ones too
 * would overwrite what someone else changed meanwhile on another device.
 */
export function changedFields(initial: ItemFormValues, current: ItemFormValues): Converted {
  const before = formToInput(initial).input;
  const after = formToInput(current);
  const input: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after.input)) {
    if (k !== 'sku' && JSON.stringify(before[k]) !== JSON.stringify(v)) input[k] = v;
  }
  return { input, errors: after.errors };
}
