import { z } from 'zod';

export const ImportKind = z.enum([
  'items',
  'locations',
  'suppliers',
  'supplier-items',
  'opening-balances',
  'purchase-orders',
]);
export type ImportKind = z.infer<typeof ImportKind>;

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  items: 'Items',
  locations: 'Locations (bins, aisles, zones, sites)',
  suppliers: 'Suppliers',
  'supplier-items': 'Who supplies what (prices, packs, MOQ, lead times)',
  'opening-balances': 'Opening stock',
  'purchase-orders': 'Open purchase orders (one row per line)',
};

export type CellType = 'text' | 'number' | 'integer' | 'boolean' | 'list' | 'day';

export interface FieldSpec {
  key: string;
  label: string;
  type: CellType;
  required?: boolean;
  /** Column names people use for it (compared without case, spaces or punctuation). */
  synonyms: string[];
}

const f = (key: string, label: string, type: CellType, synonyms: string[], required = false): FieldSpec => ({
  key,
  label,
  type,
  synonyms: [key, label, ...synonyms],
  ...(required ? { required } : {}),
});

const SKU = f(
  'sku',
  'SKU',
  'text',
  [
    'part no',
    'part number',
    'part #',
    'item code',
    'item no',
    'item number',
    'article',
    'article no',
    'artikelnummer',
    'artikel-nr',
    'artikelnr',
    'material',
    'material number',
    'product code',
    'referencia',
  ],
  true,
);
const LOCATION = f(
  'location',
  'Location',
  'text',
  ['bin', 'bin code', 'location code', 'lagerplatz', 'storage bin', 'place'],
  true,
);

/** What each kind of file may hold, with the column names each field is recognised by. */
export const IMPORT_FIELDS: Record<ImportKind, FieldSpec[]> = {
  items: [
    SKU,
    f(
      'name',
      'Name',
      'text',
      ['item name', 'product name', 'title', 'bezeichnung', 'artikelbezeichnung', 'designation'],
      true,
    ),
    f('description', 'Description', 'text', ['long description', 'beschreibung', 'details']),
    f('kind', 'Kind', 'text', ['type', 'item type', 'art']),
    f('unit', 'Unit', 'text', ['uom', 'unit of measure', 'einheit', 'me']),
    f('barcodes', 'Barcodes', 'list', ['barcode', 'ean', 'gtin', 'upc', 'ean code']),
    f('category', 'Category', 'text', ['group', 'item group', 'product group', 'warengruppe', 'kategorie']),
    f('unitCost', 'Unit cost', 'number', [
      'cost',
      'price',
      'unit price',
      'standard cost',
      'preis',
      'einkaufspreis',
    ]),
    f('reorderPoint', 'Reorder point', 'number', ['rop', 'reorder level', 'meldebestand']),
    f('minQty', 'Minimum', 'number', ['min', 'min qty', 'minimum stock', 'mindestbestand', 'safety stock']),
    f('maxQty', 'Maximum', 'number', ['max', 'max qty', 'maximum stock', 'hoechstbestand']),
    f('leadTimeDays', 'Lead time (days)', 'integer', ['lead time', 'lead days', 'lieferzeit']),
    f('tracking', 'Tracking', 'text', ['lot tracking', 'serial', 'tracked by']),
    f('active', 'Active', 'boolean', ['enabled', 'aktiv']),
  ],
  locations: [
    f('code', 'Code', 'text', ['location', 'location code', 'bin', 'bin code', 'lagerplatz'], true),
    f('name', 'Name', 'text', ['description', 'bezeichnung']),
    f('kind', 'Kind', 'text', ['type', 'level']),
    f('parent', 'Parent', 'text', ['parent code', 'parent location', 'in', 'zone', 'aisle']),
    f('barcode', 'Barcode', 'text', ['label', 'label barcode']),
    f('active', 'Active', 'boolean', ['enabled', 'aktiv']),
  ],
  suppliers: [
    f(
      'code',
      'Code',
      'text',
      ['supplier', 'supplier code', 'vendor', 'vendor code', 'vendor no', 'lieferant', 'lieferantennummer'],
      true,
    ),
    f('name', 'Name', 'text', ['supplier name', 'vendor name', 'company'], true),
    f('email', 'E-mail', 'text', ['email address', 'mail']),
    f('phone', 'Phone', 'text', ['telephone', 'tel', 'telefon']),
    f('leadTimeDays', 'Lead time (days)', 'integer', ['lead time', 'lieferzeit']),
    f('notes', 'Notes', 'text', ['comment', 'comments', 'bemerkung']),
    f('active', 'Active', 'boolean', ['enabled', 'aktiv']),
  ],
  'supplier-items': [
    SKU,
    f('supplier', 'Supplier', 'text', ['supplier code', 'vendor', 'vendor code', 'lieferant'], true),
    f('supplierSku', 'Supplier part number', 'text', [
      'supplier sku',
      'vendor part',
      'vendor item',
      'supplier item',
      'lieferantenartikel',
    ]),
    f('unitCost', 'Unit cost', 'number', ['price', 'cost', 'unit price', 'preis']),
    f('packSize', 'Pack size', 'number', [
      'pack',
      'pack qty',
      'case qty',
      'packaging unit',
      've',
      'verpackungseinheit',
    ]),
    f('minOrderQty', 'Minimum order quantity', 'number', [
      'moq',
      'min order',
      'minimum order',
      'mindestbestellmenge',
    ]),
    f('leadTimeDays', 'Lead time (days)', 'integer', ['lead time', 'lieferzeit']),
    f('preferred', 'Preferred', 'boolean', ['main supplier', 'default', 'bevorzugt']),
  ],
  'opening-balances': [
    SKU,
    LOCATION,
    f('lot', 'Lot', 'text', ['lot number', 'batch', 'charge', 'serial', 'serial number']),
    f('quantity', 'Quantity', 'number', ['qty', 'on hand', 'stock', 'count', 'menge', 'bestand'], true),
    f('unitCost', 'Unit cost', 'number', ['cost', 'price', 'value per unit']),
    f('date', 'Date', 'day', ['as of', 'stock date', 'datum']),
  ],
  'purchase-orders': [
    // The other system's order number: kept as the order's reference (the PO number is the server's).
    f(
      'reference',
      'Order reference',
      'text',
      [
        'po',
        'po number',
        'po no',
        'order',
        'order number',
        'order no',
        'purchase order',
        'external number',
        'bestellnummer',
        'bestellung',
      ],
      true,
    ),
    f('supplier', 'Supplier', 'text', ['supplier code', 'vendor', 'vendor code', 'lieferant'], true),
    SKU,
    f(
      'quantity',
      'Quantity',
      'number',
      ['qty', 'open quantity', 'open qty', 'quantity ordered', 'ordered', 'menge', 'offene menge'],
      true,
    ),
    f('unitCost', 'Unit cost', 'number', ['price', 'cost', 'unit price', 'preis']),
    f('expectedAt', 'Expected', 'day', [
      'expected date',
      'due date',
      'delivery date',
      'eta',
      'liefertermin',
      'expected at',
    ]),
    f('status', 'Status', 'text', ['state']),
    f('note', 'Note', 'text', ['notes', 'comment', 'bemerkung']),
  ],
};

const norm = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9#]/g, '');

/**
 * Which column feeds which field, guessed from the headers: an exact name (any case, any
 * spacing or punctuation) first, then a synonym; each column feeds at most one field.
 */
export function guessMapping(kind: ImportKind, headers: readonly string[]): Record<string, number> {
  const mapping: Record<string, number> = {};
  const taken = new Set<number>();
  const normalized = headers.map(norm);
  for (const pass of ['exact', 'synonym'] as const) {
    for (const field of IMPORT_FIELDS[kind]) {
      if (mapping[field.key] !== undefined) continue;
      const names = pass === 'exact' ? [norm(field.key), norm(field.label)] : field.synonyms.map(norm);
      const col = normalized.findIndex((h, i) => !taken.has(i) && names.includes(h));
      if (col >= 0) {
        mapping[field.key] = col;
        taken.add(col);
      }
    }
  }
  return mapping;
}

/** Required fields the mapping leaves without a column. */
export function unmappedRequired(kind: ImportKind, mapping: Record<string, number>): FieldSpec[] {
  return IMPORT_FIELDS[kind].filter((f) => f.required && mapping[f.key] === undefined);
}
