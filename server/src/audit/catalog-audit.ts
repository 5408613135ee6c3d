import type { Catalog } from '@stockroom/shared/catalog/catalog';
import { catalogOf } from '../catalog/catalog-room.ts';
import { type AuditRules, claimed, compact, type RoomAuditRow } from './audit-rules.ts';

/** Record collection (base map) → audit kind and subject prefix. */
const KINDS: Record<string, 'item' | 'location' | 'supplier'> = {
  items: 'item',
  locations: 'location',
  suppliers: 'supplier',
};

/** Same separator as RecordCollection's field keys (`key␟field`). */
const SEP = '\u001f';

/** Kept out of a created record's details: the subject names the key; who and when are the row's own. */
const NOT_DETAILS = new Set(['sku', 'code', 'createdAt', 'createdBy']);

/**
 * The catalog room: one entry per record a connection creates (`item.create`,
 * `location.create`, `supplier.create`) and one per record it edits in a transaction
 * (`item.update` with the fields and their new values).
 */
export const catalogAudit: AuditRules = {
  maps: Object.keys(KINDS).flatMap((m) => [m, `${m}.fields`]),
  describe(changes, { room, writer }) {
    const rows: RoomAuditRow[] = [];
    const edits = new Map<
      string,
      { kind: string; key: string; values: Record<string, unknown>; cleared: string[] }
    >();
    let catalog: Catalog | null = null;
    for (const c of changes) {
      const baseKind = KINDS[c.map];
      if (baseKind) {
        const subject = `${baseKind}:${c.key}`;
        if (c.action === 'delete') {
          rows.push({ action: `${baseKind}.delete`, subject, details: {} });
          continue;
        }
        catalog ??= catalogOf(room);
        const record = collectionOf(catalog, c.map).get(c.key) as Record<string, unknown> | undefined;
        const details: Record<string, unknown> = record
          ? Object.fromEntries(Object.entries(record).filter(([k]) => !NOT_DETAILS.has(k)))
          : { invalid: true };
        if (c.action === 'update') details.replaced = true;
        const createdBy = record?.createdBy ?? (c.value as { by?: unknown } | null)?.by;
        rows.push({
          action: `${baseKind}.create`,
          subject,
          details: { ...details, ...claimed(writer, createdBy) },
        });
        continue;
      }
      const fieldKind = c.map.endsWith('.fields') ? KINDS[c.map.slice(0, -'.fields'.length)] : undefined;
      if (!fieldKind) continue;
      const i = c.key.lastIndexOf(SEP);
      if (i < 0) continue;
      const key = c.key.slice(0, i);
      const field = c.key.slice(i + 1);
      const id = `${fieldKind}:${key}`;
      const edit = edits.get(id) ?? { kind: fieldKind, key, values: {}, cleared: [] };
      if (c.action === 'delete') edit.cleared.push(field);
      else edit.values[field] = c.value;
      edits.set(id, edit);
    }
    for (const [subject, e] of edits) {
      rows.push({
        action: `${e.kind}.update`,
        subject,
        details: compact({
          fields: [...Object.keys(e.values), ...e.cleared],
          values: e.values,
          cleared: e.cleared.length ? e.cleared : undefined,
        }),
      });
    }
    return { rows, tallies: [] };
  },
};

function collectionOf(catalog: Catalog, map: string) {
  return map === 'items' ? catalog.items : map === 'locations' ? catalog.locations : catalog.suppliers;
}
