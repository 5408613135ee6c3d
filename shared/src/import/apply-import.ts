import type { Actor } from '../actor.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Item, SupplierRef } from '../catalog/item.ts';
import { causeId } from '../ids.ts';
import type { LedgerPeriod } from '../ledger/ledger-period.ts';
import { Movement } from '../ledger/movement.ts';
import { conventionProblems } from '../procedures/checks.ts';
import type { Conventions } from '../procedures/settings.ts';
import type { PurchasingRoom } from '../purchasing/purchasing-room.ts';
import type { Failure } from '../result.ts';
import { describeZodError } from '../validation.ts';
import type { ImportRecord } from './cells.ts';
import type { ImportKind } from './fields.ts';
import { importPurchaseOrders } from './import-orders.ts';

export interface Rejected {
  row: number;
  field: string;
  message: string;
}

export interface ImportOutcome {
  created: number;
  updated: number;
  unchanged: number;
  rejected: Rejected[];
}

export interface ImportTarget {
  catalog: Catalog;
  /** Where opening balances go (the ledger month of their date; the caller opens it). */
  ledger?: (period: string) => LedgerPeriod;
  /** Where open purchase orders go (the room of the import's year; the caller opens it). */
  purchasing?: (year: number) => PurchasingRoom;
  /** Identifies the file by its content: opening balance movement ids derive from it and the row. */
  fileId: string;
  actor: Actor;
  now: Date;
  /** Tagging conventions (procedures/): checked on the codes rows create and the barcodes they set. */
  conventions?: Conventions;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function rejectedOf(row: number, f: Failure): Rejected[] {
  if (f.fields.length) return f.fields.map((x) => ({ row, field: x.path || 'row', message: x.message }));
  return [{ row, field: 'row', message: f.message }];
}

/** The fields a row sets that differ from the record now: only those are written (others' edits survive). */
function changes(
  current: Record<string, unknown>,
  values: Record<string, unknown>,
  key: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (k !== key && !same(current[k], v)) out[k] = v;
  return out;
}

/**
 * Applies imported records to a catalog (and ledger months): records are matched by SKU or
 * code; new ones are created; existing ones get only the mapped fields that differ;
 * locations are applied parents first whatever the row order; opening balances become one
 * receipt each, dated, with an id from the file and the row, so importing the same file
 * again adds nothing. Every refusal names its row and field. Runs on a scratch copy first
 * (a dry run, the all-or-nothing decision) and then on the real rooms, with the same result.
 */
export function applyImport(
  kind: ImportKind,
  records: readonly ImportRecord[],
  t: ImportTarget,
): ImportOutcome {
  const out: ImportOutcome = { created: 0, updated: 0, unchanged: 0, rejected: [] };
  const result = (row: number, r: { ok: true } | Failure, kindOf: 'created' | 'updated') => {
    if (r.ok) out[kindOf]++;
    else out.rejected.push(...rejectedOf(row, r));
  };
  const upsert = (
    row: number,
    key: string,
    code: unknown,
    get: (code: string) => object | undefined,
    create: () => { ok: true } | Failure,
    patch: (code: string, p: Record<string, unknown>) => { ok: true } | Failure,
    values: Record<string, unknown>,
  ) => {
    if (typeof code !== 'string' || code === '') {
      out.rejected.push({ row, field: key, message: 'is required' });
      return;
    }
    const current = get(code);
    if (!current) return result(row, create(), 'created');
    const diff = changes(current as Record<string, unknown>, values, key);
    if (Object.keys(diff).length === 0) out.unchanged++;
    else result(row, patch(code, diff), 'updated');
  };
  const { catalog, actor, now } = t;
  /** Refuses a row whose new code or barcodes break a convention (its message names the pattern). */
  const breaksConvention = (
    row: number,
    values: { sku?: unknown; location?: unknown; barcodes?: unknown },
  ) => {
    const broken = t.conventions ? conventionProblems(t.conventions, values) : [];
    for (const b of broken)
      out.rejected.push({ row, field: b.path.replace(/\.\d+$/, ''), message: b.message });
    return broken.length > 0;
  };
  const isNew = (code: unknown, get: (c: string) => object | undefined) =>
    typeof code === 'string' && get(code) === undefined;

  switch (kind) {
    case 'items':
      for (const r of records) {
        const code =
          typeof r.values.sku === 'string' ? (catalog.skuOf(r.values.sku) ?? r.values.sku) : r.values.sku;
        const sku = isNew(code, (c) => catalog.items.get(c)) ? code : undefined;
        if (breaksConvention(r.row, { sku, barcodes: r.values.barcodes })) continue;
        upsert(
          r.row,
          'sku',
          code,
          (c) => catalog.items.get(c),
          () => catalog.createItem({ ...r.values, sku: code }, actor, now),
          (c, p) => catalog.patchItem(c, p),
          r.values,
        );
      }
      break;
    case 'suppliers':
      for (const r of records)
        upsert(
          r.row,
          'code',
          r.values.code,
          (c) => catalog.suppliers.get(c),
          () => catalog.createSupplier(r.values, actor, now),
          (c, p) => catalog.patchSupplier(c, p),
          r.values,
        );
      break;
    case 'locations':
      for (const r of parentsFirst(records)) {
        const location = isNew(r.values.code, (c) => catalog.locations.get(c)) ? r.values.code : undefined;
        if (breaksConvention(r.row, { location })) continue;
        upsert(
          r.row,
          'code',
          r.values.code,
          (c) => catalog.locations.get(c),
          () => catalog.createLocation(r.values, actor, now),
          (c, p) => catalog.patchLocation(c, p),
          r.values,
        );
      }
      break;
    case 'supplier-items':
      importSupplierRefs(records, catalog, out);
      break;
    case 'opening-balances':
      importOpening(records, t, out);
      break;
    case 'purchase-orders':
      importPurchaseOrders(records, t, out);
      break;
  }
  out.rejected.sort((a, b) => a.row - b.row || (a.field < b.field ? -1 : 1));
  return out;
}

/** Location rows ordered so that a parent defined in the file comes before its children. */
export function parentsFirst(records: readonly ImportRecord[]): ImportRecord[] {
  const byCode = new Map<string, ImportRecord>();
  for (const r of records) if (typeof r.values.code === 'string') byCode.set(r.values.code, r);
  const done = new Set<ImportRecord>();
  const out: ImportRecord[] = [];
  const visit = (r: ImportRecord, depth: number) => {
    if (done.has(r) || depth > 64) return;
    done.add(r);
    const parent = typeof r.values.parent === 'string' ? byCode.get(r.values.parent) : undefined;
    if (parent) visit(parent, depth + 1);
    out.push(r);
  };
  for (const r of records) visit(r, 0);
  return out;
}

function importSupplierRefs(records: readonly ImportRecord[], catalog: Catalog, out: ImportOutcome): void {
  for (const r of records) {
    const sku = typeof r.values.sku === 'string' ? catalog.skuOf(r.values.sku) : undefined;
    const item: Item | undefined = sku ? catalog.items.get(sku) : undefined;
    if (!item) {
      out.rejected.push({
        row: r.row,
        field: 'sku',
        message: `no item with SKU ${String(r.values.sku ?? '')}`,
      });
      continue;
    }
    const supplier = r.values.supplier;
    if (typeof supplier !== 'string' || !catalog.suppliers.get(supplier)) {
      out.rejected.push({ row: r.row, field: 'supplier', message: `no supplier ${String(supplier ?? '')}` });
      continue;
    }
    const { sku: _s, supplier: _p, ...fields } = r.values;
    const existing = item.suppliers.find((s) => s.supplier === supplier);
    const next = { ...(existing ?? { supplier }), ...fields } as SupplierRef;
    if (existing && same(existing, next)) {
      out.unchanged++;
      continue;
    }
    const list = existing
      ? item.suppliers.map((s) => (s.supplier === supplier ? next : s))
      : [...item.suppliers, next];
    const res = catalog.patchItem(item.sku, { suppliers: list });
    if (res.ok) out[existing ? 'updated' : 'created']++;
    else
      out.rejected.push(
        ...rejectedOf(r.row, res).map((x) => ({ ...x, field: x.field.replace(/^suppliers\.\d+\./, '') })),
      );
  }
}

function importOpening(records: readonly ImportRecord[], t: ImportTarget, out: ImportOutcome): void {
  const { catalog } = t;
  for (const r of records) {
    const v = r.values;
    const sku = typeof v.sku === 'string' ? catalog.skuOf(v.sku) : undefined;
    const location = typeof v.location === 'string' ? catalog.locationCode(v.location) : undefined;
    if (!sku) {
      out.rejected.push({ row: r.row, field: 'sku', message: `no item with SKU ${String(v.sku ?? '')}` });
      continue;
    }
    if (!location) {
      out.rejected.push({
        row: r.row,
        field: 'location',
        message: `no location ${String(v.location ?? '')}`,
      });
      continue;
    }
    const item = catalog.items.get(sku)!;
    if (item.tracking !== 'none' && !v.lot) {
      out.rejected.push({
        row: r.row,
        field: 'lot',
        message: `${sku} is tracked by ${item.tracking}: give the ${item.tracking} number`,
      });
      continue;
    }
    const date =
      typeof v.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.date)
        ? `${v.date}T00:00:00.000Z`
        : undefined;
    if (v.date !== undefined && !date) {
      out.rejected.push({ row: r.row, field: 'date', message: 'must be a date (YYYY-MM-DD)' });
      continue;
    }
    const at = t.now.toISOString();
    const parsed = Movement.safeParse({
      id: causeId('import-opening', t.fileId, r.row),
      type: 'receive',
      sku,
      location,
      quantity: v.quantity,
      ...(v.lot ? { lot: v.lot } : {}),
      ...(v.unitCost !== undefined ? { unitCost: v.unitCost } : {}),
      reference: `import:${t.fileId.slice(0, 12)}`,
      reason: 'opening balance (import)',
      ...(date && date < at ? { occurredAt: date } : {}),
      user: t.actor.user,
      device: t.actor.device,
      at,
    });
    if (!parsed.success) {
      out.rejected.push({
        row: r.row,
        field: parsed.error.issues[0]?.path.join('.') || 'row',
        message: describeZodError(parsed.error),
      });
      continue;
    }
    const m = parsed.data;
    const ledger = t.ledger?.((m.occurredAt ?? m.at).slice(0, 7));
    if (!ledger) {
      out.rejected.push({ row: r.row, field: 'date', message: 'no ledger month for this date' });
      continue;
    }
    if (ledger.movements.append(m)) out.created++;
    else out.unchanged++;
  }
}
