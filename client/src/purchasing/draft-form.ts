import type { Item } from '@stockroom/shared/catalog/item';
import type { Supplier } from '@stockroom/shared/catalog/supplier';
import { UnitCost } from '@stockroom/shared/ledger/movement';
import type { OrderView } from '@stockroom/shared/purchasing/order-fold';
import { Day } from '@stockroom/shared/purchasing/purchase-order';
import type { DraftLine } from '@stockroom/shared/purchasing/purchasing-room';
import { PositiveQuantity } from '@stockroom/shared/quantity';
import { type FieldErrors, parseNumberField } from '../ui/form-errors.ts';

export interface DraftLineValues {
  /** Stable per row of the form (Solid's <For> and focus); not stored. */
  key: string;
  /** The order's line id, or null for a line not saved yet. */
  line: string | null;
  sku: string;
  quantity: string;
  unitCost: string;
  expectedAt: string;
}

export interface DraftFormValues {
  supplier: string;
  expectedAt: string;
  note: string;
  lines: DraftLineValues[];
}

export interface DraftLookups {
  /** The item a typed or scanned code (SKU, barcode, pack barcode) belongs to. */
  item(code: string): Item | undefined;
  supplier(code: string): Supplier | undefined;
}

export interface ValidDraft {
  supplier: string;
  expectedAt?: string;
  note?: string;
  lines: { line: string | null; input: DraftLine }[];
}

export type DraftCheck = { ok: true; value: ValidDraft } | { ok: false; errors: FieldErrors };

let keys = 0;
export function emptyLine(): DraftLineValues {
  keys += 1;
  return { key: `l${keys}`, line: null, sku: '', quantity: '', unitCost: '', expectedAt: '' };
}

export function emptyDraft(supplier = ''): DraftFormValues {
  return { supplier, expectedAt: '', note: '', lines: [emptyLine()] };
}

/** The form of a saved draft: a line's own expected day only when it differs from the order's. */
export function formFromOrder(order: OrderView, note = ''): DraftFormValues {
  return {
    supplier: order.supplier,
    expectedAt: order.expectedAt ?? '',
    note,
    lines: order.lines.map((l) => ({
      ...emptyLine(),
      line: l.line,
      sku: l.sku,
      quantity: String(l.quantity),
      unitCost: String(l.unitCost),
      expectedAt: l.expectedAt !== null && l.expectedAt !== order.expectedAt ? l.expectedAt : '',
    })),
  };
}

/** What a line costs when no price is typed: the supplier's price on the item, else the item's own cost. */
export function defaultUnitCost(
  item: Pick<Item, 'unitCost' | 'suppliers'>,
  supplier: string,
): { unitCost: number; from: 'supplier' | 'item' } {
  const ref = item.suppliers.find((s) => s.supplier === supplier);
  return ref?.unitCost !== undefined
    ? { unitCost: ref.unitCost, from: 'supplier' }
    : { unitCost: item.unitCost, from: 'item' };
}

const isBlank = (l: DraftLineValues) => !l.sku.trim() && !l.quantity.trim() && !l.unitCost.trim();

/**
 * Checks a draft as typed and turns it into what the room takes. Every message sits on the
 * field it is about (`supplier`, `lines.<row>.quantity`); rows left entirely blank are dropped.
 */
export function checkDraft(values: DraftFormValues, lookups: DraftLookups, isNew: boolean): DraftCheck {
  const errors: FieldErrors = {};
  const supplierCode = values.supplier.trim();
  const supplier = supplierCode ? lookups.supplier(supplierCode) : undefined;
  if (!supplierCode) errors.supplier = 'choose the supplier';
  else if (!supplier) errors.supplier = `no supplier ${supplierCode}`;
  else if (isNew && !supplier.active) errors.supplier = `${supplierCode} is archived`;
  const expectedAt = values.expectedAt.trim();
  if (expectedAt && !Day.safeParse(expectedAt).success) errors.expectedAt = 'must be a date (YYYY-MM-DD)';

  const lines: ValidDraft['lines'] = [];
  const seen = new Map<string, number>();
  values.lines.forEach((row, i) => {
    if (isBlank(row)) return;
    const at = (field: string) => `lines.${i}.${field}`;
    const code = row.sku.trim();
    const item = code ? lookups.item(code) : undefined;
    if (!code) errors[at('sku')] = 'give the item (SKU or barcode)';
    else if (!item) errors[at('sku')] = `no item answers to “${code}”`;
    else if (seen.has(item.sku))
      errors[at('sku')] = `${item.sku} is already on line ${(seen.get(item.sku) ?? 0) + 1}`;
    if (item) seen.set(item.sku, i);

    const q = parseNumberField(row.quantity);
    let quantity: number | null = null;
    if (!q.ok) errors[at('quantity')] = 'must be a number';
    else if (q.value === null) errors[at('quantity')] = 'give the quantity';
    else {
      const p = PositiveQuantity.safeParse(q.value);
      if (p.success) quantity = p.data;
      else errors[at('quantity')] = p.error.issues[0]?.message ?? 'must be greater than 0';
    }

    const c = parseNumberField(row.unitCost);
    let unitCost: number | null = null;
    if (!c.ok) errors[at('unitCost')] = 'must be a number';
    else if (c.value === null) unitCost = item ? defaultUnitCost(item, supplierCode).unitCost : null;
    else if (!UnitCost.safeParse(c.value).success) errors[at('unitCost')] = 'must not be negative';
    else unitCost = c.value;

    const day = row.expectedAt.trim();
    if (day && !Day.safeParse(day).success) errors[at('expectedAt')] = 'must be a date (YYYY-MM-DD)';

    if (item && quantity !== null && unitCost !== null)
      lines.push({
        line: row.line,
        input: { sku: item.sku, quantity, unitCost, ...(day ? { expectedAt: day } : {}) },
      });
  });
  if (values.lines.every(isBlank)) errors.lines = 'add at least one line';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const note = values.note.trim();
  return {
    ok: true,
    value: {
      supplier: supplierCode,
      ...(expectedAt ? { expectedAt } : {}),
      ...(note ? { note } : {}),
      lines,
    },
  };
}

export interface DraftChanges {
  /** Lines to write: `line` null adds a new one. */
  set: { line: string | null; input: DraftLine }[];
  remove: string[];
}

/** What saving the form changes on a saved draft: lines edited, added and taken off; unchanged ones untouched. */
export function draftChanges(order: OrderView, draft: ValidDraft): DraftChanges {
  const kept = new Set<string>();
  const set: DraftChanges['set'] = [];
  for (const l of draft.lines) {
    const current = l.line === null ? undefined : order.lines.find((x) => x.line === l.line);
    if (!current) {
      set.push({ line: null, input: l.input });
      continue;
    }
    kept.add(current.line);
    const expected = l.input.expectedAt ?? order.expectedAt;
    const same =
      current.sku === l.input.sku &&
      current.quantity === l.input.quantity &&
      current.unitCost === l.input.unitCost &&
      current.expectedAt === expected;
    if (!same) set.push({ line: current.line, input: l.input });
  }
  const remove = order.lines.filter((l) => !kept.has(l.line)).map((l) => l.line);
  return { set, remove };
}
