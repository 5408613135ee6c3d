import type { Catalog } from '@stockroom/shared/catalog/catalog';
import type { Services } from '../api/services.ts';
import type { periodViewOf } from '../ledger/period-view.ts';
import { csvRow, readPeriod, type Sink, sortedMovements } from './download.ts';

/**
 * The CSV files of an export, as text. Their column names are the import's field names
 * (shared/src/import/fields.ts, compared without case or punctuation), so every list
 * exported here imports back unchanged — the way out of Stockroom is also the way in.
 */

const byCode = <T extends { code: string }>(rows: Iterable<T>) =>
  [...rows].sort((a, b) => a.code.localeCompare(b.code));

export function itemsCsv(catalog: Catalog): string {
  const items = [...catalog.items.values()].sort((a, b) => a.sku.localeCompare(b.sku));
  const header = [
    'sku',
    'name',
    'description',
    'kind',
    'unit',
    'category',
    'barcodes',
    'unit_cost',
    'reorder_point',
    'min_qty',
    'max_qty',
    'lead_time_days',
    'tracking',
    'active',
    'suppliers',
    'created_at',
    'created_by',
  ];
  const rows = items.map((i) =>
    csvRow([
      i.sku,
      i.name,
      i.description,
      i.kind,
      i.unit,
      i.category,
      i.barcodes.join(' '),
      i.unitCost,
      i.reorderPoint,
      i.minQty,
      i.maxQty,
      i.leadTimeDays,
      i.tracking,
      i.active,
      i.suppliers.map((s) => s.supplier).join(' '),
      i.createdAt,
      i.createdBy,
    ]),
  );
  return csvRow(header) + rows.join('');
}

export function locationsCsv(catalog: Catalog): string {
  const rows = byCode(catalog.locations.values()).map((l) =>
    csvRow([l.code, l.name, l.kind, l.parent, l.barcode, l.active, l.createdAt, l.createdBy]),
  );
  return (
    csvRow(['code', 'name', 'kind', 'parent', 'barcode', 'active', 'created_at', 'created_by']) +
    rows.join('')
  );
}

export function suppliersCsv(catalog: Catalog): string {
  const rows = byCode(catalog.suppliers.values()).map((s) =>
    csvRow([s.code, s.name, s.email, s.phone, s.leadTimeDays, s.notes, s.active, s.createdAt, s.createdBy]),
  );
  return (
    csvRow([
      'code',
      'name',
      'email',
      'phone',
      'lead_time_days',
      'notes',
      'active',
      'created_at',
      'created_by',
    ]) + rows.join('')
  );
}

/** Who supplies what: one line per item and supplier (the item's supplier list, flattened). */
export function supplierItemsCsv(catalog: Catalog): string {
  const items = [...catalog.items.values()].sort((a, b) => a.sku.localeCompare(b.sku));
  const rows = items.flatMap((i) =>
    i.suppliers.map((s) =>
      csvRow([
        i.sku,
        s.supplier,
        s.supplierSku,
        s.unitCost,
        s.packSize,
        s.minOrderQty,
        s.leadTimeDays,
        s.preferred,
      ]),
    ),
  );
  return (
    csvRow([
      'sku',
      'supplier',
      'supplier_sku',
      'unit_cost',
      'pack_size',
      'min_order_qty',
      'lead_time_days',
      'preferred',
    ]) + rows.join('')
  );
}

/** Stock on hand (non-zero lines per item × location × lot) of one period's view. */
export function stockCsv(view: ReturnType<typeof periodViewOf>): string {
  const lines = view.stock().lines();
  return (
    csvRow(['sku', 'location', 'lot', 'quantity']) +
    lines.map((l) => csvRow([l.sku, l.location, l.lot, l.quantity])).join('')
  );
}

/** Movements of these periods, oldest first, written a thousand rows at a time. */
export async function writeMovementsCsv(services: Services, wanted: string[], sink: Sink): Promise<void> {
  await sink(
    csvRow([
      'period',
      'id',
      'at',
      'type',
      'sku',
      'location',
      'to_location',
      'lot',
      'quantity',
      'reason',
      'reference',
      'user',
      'device',
    ]),
  );
  for (const period of wanted) {
    const rows = await readPeriod(services, period, (view) =>
      sortedMovements(view.ledger.movements.values()).map((m) =>
        csvRow([
          period,
          m.id,
          m.at,
          m.type,
          m.sku,
          m.location,
          m.type === 'transfer' ? m.toLocation : '',
          m.lot,
          m.quantity,
          m.reason,
          m.reference,
          m.user,
          m.device,
        ]),
      ),
    );
    for (let i = 0; i < rows.length; i += 1000) await sink(rows.slice(i, i + 1000).join(''));
  }
}
