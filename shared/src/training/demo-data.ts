import type { ItemInput } from '../catalog/item.ts';
import type { LocationInput } from '../catalog/location.ts';

/**
 * The practice workspace's demo warehouse: a small site with two aisles of bins and a
 * handful of everyday items, with some stock on hand, so a trainee recognises the screens
 * they will use for real. The server writes it into the practice rooms (seeding and reset).
 */
export const DEMO_LOCATIONS: LocationInput[] = [
  { code: 'DEMO', name: 'Demo warehouse', kind: 'site', parent: null },
  { code: 'A', name: 'Zone A', kind: 'zone', parent: 'DEMO' },
  { code: 'A-01', name: 'Aisle 1', kind: 'aisle', parent: 'A' },
  { code: 'A-01-01', name: 'Bin A-01-01', kind: 'bin', parent: 'A-01' },
  { code: 'A-01-02', name: 'Bin A-01-02', kind: 'bin', parent: 'A-01' },
  { code: 'A-01-03', name: 'Bin A-01-03', kind: 'bin', parent: 'A-01' },
  { code: 'A-02', name: 'Aisle 2', kind: 'aisle', parent: 'A' },
  { code: 'A-02-01', name: 'Bin A-02-01', kind: 'bin', parent: 'A-02' },
  { code: 'A-02-02', name: 'Bin A-02-02', kind: 'bin', parent: 'A-02' },
];

export const DEMO_ITEMS: ItemInput[] = [
  { sku: 'BOLT', name: 'Hex bolt M6 × 20 (demo)', unit: 'ea', unitCost: 0.12, category: 'Fasteners' },
  { sku: 'NUT', name: 'Hex nut M6 (demo)', unit: 'ea', unitCost: 0.05, category: 'Fasteners' },
  { sku: 'GLOVE', name: 'Work gloves, size L (demo)', unit: 'pair', unitCost: 3.4, category: 'Safety' },
  { sku: 'BEARING', name: 'Ball bearing 6204 (demo)', unit: 'ea', unitCost: 4.8, category: 'Spares' },
  { sku: 'TAPE', name: 'Packing tape 50 mm (demo)', unit: 'roll', unitCost: 1.9, category: 'Packaging' },
];

/** Stock on hand the practice ledger opens with, each month and after a reset. */
export const DEMO_STOCK: { sku: string; location: string; quantity: number }[] = [
  { sku: 'BOLT', location: 'A-01-01', quantity: 250 },
  { sku: 'NUT', location: 'A-01-01', quantity: 400 },
  { sku: 'GLOVE', location: 'A-02-01', quantity: 24 },
  { sku: 'BEARING', location: 'A-02-02', quantity: 12 },
  { sku: 'TAPE', location: 'A-01-03', quantity: 36 },
];

/** The user the demo data is attributed to (never a real account name: it has a space). */
export const DEMO_AUTHOR = 'practice data';
