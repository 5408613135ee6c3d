import { loginAdmin } from '../../integration/support/api-client.ts';
import type { ServerProcess } from '../../integration/support/server-process.ts';

export interface SeedLocation {
  code: string;
  kind: 'site' | 'zone' | 'aisle' | 'bin';
  parent?: string;
  name?: string;
}

export interface SeedItem {
  sku: string;
  name: string;
  reorderPoint?: number;
}

/**
 * Creates catalog records through the HTTP API (the server writes them into the catalog
 * room as one more peer), for specs whose subject is not the catalog screens.
 */
export async function seedCatalog(
  server: ServerProcess,
  catalog: { locations: SeedLocation[]; items: SeedItem[] },
): Promise<void> {
  const api = await loginAdmin(server);
  for (const l of catalog.locations) {
    const res = await api.post('/api/locations', { ...l, parent: l.parent ?? null });
    if (res.status !== 201)
      throw new Error(`seeding location ${l.code}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  for (const item of catalog.items) {
    const res = await api.post('/api/items', item);
    if (res.status !== 201)
      throw new Error(`seeding item ${item.sku}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}
